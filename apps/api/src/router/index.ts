import { router } from "../trpc.ts"
import { authRouter } from "./auth.ts"
import { gridRouter } from "./grid.ts"
import { tipRouter } from "./tip.ts"

/** The API's table of contents. */
export const appRouter = router({
  auth: authRouter,
  grid: gridRouter,
  tip: tipRouter,
})

export type AppRouter = typeof appRouter
