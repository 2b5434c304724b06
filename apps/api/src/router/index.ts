import { router } from "../trpc.ts"
import { activityRouter } from "./activity.ts"
import { authRouter } from "./auth.ts"
import { calendarRouter } from "./calendar.ts"
import { dutyRouter } from "./duty.ts"
import { gridRouter } from "./grid.ts"
import { letterRouter } from "./letter.ts"
import { tipRouter } from "./tip.ts"

/** The API's table of contents. */
export const appRouter = router({
  auth: authRouter,
  grid: gridRouter,
  tip: tipRouter,
  duty: dutyRouter,
  activity: activityRouter,
  calendar: calendarRouter,
  letter: letterRouter,
})

export type AppRouter = typeof appRouter
