import { Schema } from "effect"
import { accountabilityForUnit } from "../services/accountability.ts"
import { roleProcedure, router } from "../trpc.ts"
import { Day, IdField } from "./case-input.ts"
import { required, standard } from "./input.ts"

export const AccountabilityQuery = Schema.Struct({
  unitId: IdField("单位"),
  on: required(Day("日期"), "请填写追溯日期（如起火日期）"),
})

export const accountabilityRouter = router({
  /** 责任追究 (S-2): who answered for a unit and each grid above it on a date, and which duties were missed. */
  forUnit: roleProcedure("countyAdmin", "townshipAdmin", "fireBrigade")
    .input(standard(AccountabilityQuery))
    .query(({ ctx, input }) => accountabilityForUnit(ctx.database.db, ctx.account, input)),
})
