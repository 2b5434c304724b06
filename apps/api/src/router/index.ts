import { router } from "../trpc.ts"
import { gridRouter } from "./grid.ts"
import { tipRouter } from "./tip.ts"

/** The API's table of contents. */
export const appRouter = router({
  grid: gridRouter,
  tip: tipRouter,
})

export type AppRouter = typeof appRouter
