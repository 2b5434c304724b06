import { Schema } from "effect"
import { requireGridInScope } from "../auth/scope.ts"
import { unsignedIn } from "../services/letters.ts"
import { router, signedInProcedure } from "../trpc.ts"
import { GridField } from "./duty-input.ts"
import { required, standard } from "./input.ts"

export const UnsignedLetters = Schema.Struct({
  gridId: GridField("网格"),
  year: required(
    Schema.Int.pipe(Schema.between(2000, 2200)).annotations({
      message: () => ({ message: "年份应为 2000–2200 之间的整数", override: true }),
    }),
    "请填写年份",
  ),
})

export const letterRouter = router({
  /** Grids and units of my subtree with no responsibility letter signed for the year (D-10). */
  unsigned: signedInProcedure.input(standard(UnsignedLetters)).query(async ({ ctx, input }) => {
    await requireGridInScope(ctx.database.db, ctx.account, input.gridId)
    return unsignedIn(ctx.database.db, input.gridId, input.year)
  }),
})
