import { ReadinessItem } from "@firegrid/domain"
import { TRPCError } from "@trpc/server"
import { Schema } from "effect"
import { requireGridInScope } from "../auth/scope.ts"
import { recordRollout, rolloutStatus } from "../services/rollout.ts"
import { roleProcedure, router, signedInProcedure } from "../trpc.ts"
import { DateField, GridField } from "./duty-input.ts"
import { choice, OptionalText, required, standard, Text } from "./input.ts"

const Met = choice(Schema.Boolean, "是否达标应为是或否")

/** One rollout step (四): choose the pilot village, record a checklist finding (三), record acceptance. */
export const RolloutAction = Schema.Union(
  Schema.TaggedStruct("ChoosePilot", { villageId: GridField("试点村") }),
  Schema.TaggedStruct("RecordFinding", {
    villageId: GridField("村（社区）"),
    item: choice(ReadinessItem, "检查项应为工作标准（三）中的一项"),
    met: Met,
    checkedOn: required(DateField("检查日期"), "请填写检查日期"),
    note: OptionalText("说明", 500),
  }),
  Schema.TaggedStruct("RecordAcceptance", {
    passed: choice(Schema.Boolean, "验收结论应为通过或不通过"),
    date: required(DateField("验收日期"), "请填写验收日期"),
    note: OptionalText("验收意见", 500),
  }),
).annotations({
  message: () => ({ message: "操作应为选定试点村、记录检查结果或记录验收结论", override: false }),
})

export const RecordRollout = Schema.Struct({
  townshipId: GridField("乡镇"),
  action: required(RolloutAction, "请选择操作"),
})

export const RolloutStatus = Schema.Struct({ gridId: Schema.optional(Text("网格", 64)) })

export const rolloutRouter = router({
  /**
   * The rollout of the township containing the grid (mine when none is given), or of every township for the
   * county: pilot village, deadlines, the checklist's latest findings, acceptance, overdue flags.
   */
  status: signedInProcedure.input(standard(RolloutStatus)).query(async ({ ctx, input }) => {
    const gridId = input.gridId ?? ctx.account.gridId
    await requireGridInScope(ctx.database.db, ctx.account, gridId)
    return rolloutStatus(ctx.database.db, gridId, ctx.today())
  }),

  /** A township (or the county for it) records a rollout step; only the county accepts a pilot (四(二)). */
  record: roleProcedure("countyAdmin", "townshipAdmin")
    .input(standard(RecordRollout))
    .mutation(async ({ ctx, input }) => {
      await requireGridInScope(ctx.database.db, ctx.account, input.townshipId)
      if (input.action._tag === "RecordAcceptance" && ctx.account.role !== "countyAdmin")
        throw new TRPCError({ code: "FORBIDDEN", message: "试点验收由县政府组织，乡镇不能自行验收" })
      const by = {
        accountId: ctx.account.id,
        name: ctx.account.displayName,
        at: ctx.now(),
        today: ctx.today(),
      }
      await recordRollout(ctx.database.db, input.townshipId, input.action, by)
      return rolloutStatus(ctx.database.db, input.townshipId, by.today)
    }),
})
