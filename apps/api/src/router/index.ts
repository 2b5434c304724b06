import { router } from "../trpc.ts"
import { accountabilityRouter } from "./accountability.ts"
import { activityRouter } from "./activity.ts"
import { authRouter } from "./auth.ts"
import { calendarRouter } from "./calendar.ts"
import { dutyRouter } from "./duty.ts"
import { escalationRouter } from "./escalation.ts"
import { evaluationRouter } from "./evaluation.ts"
import { fireRouter } from "./fire.ts"
import { gridRouter } from "./grid.ts"
import { hazardRouter } from "./hazard.ts"
import { letterRouter } from "./letter.ts"
import { noticeRouter } from "./notice.ts"
import { personRouter } from "./person.ts"
import { recheckRouter } from "./recheck.ts"
import { rolloutRouter } from "./rollout.ts"
import { tipRouter } from "./tip.ts"
import { unitRouter } from "./unit.ts"

/** The API's table of contents. */
export const appRouter = router({
  auth: authRouter,
  grid: gridRouter,
  tip: tipRouter,
  unit: unitRouter,
  person: personRouter,
  hazard: hazardRouter,
  notice: noticeRouter,
  recheck: recheckRouter,
  escalation: escalationRouter,
  evaluation: evaluationRouter,
  fire: fireRouter,
  accountability: accountabilityRouter,
  duty: dutyRouter,
  activity: activityRouter,
  calendar: calendarRouter,
  letter: letterRouter,
  rollout: rolloutRouter,
})

export type AppRouter = typeof appRouter
