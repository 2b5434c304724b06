import { Cadence, DutyScope } from "@firegrid/domain"
import { Schema } from "effect"
import { requireGridInScope } from "../auth/scope.ts"
import { fixDay } from "../services/duty-days.ts"
import { dueSoon, planFor, reportFor } from "../services/duty-reports.ts"
import { loadDutyRules, updateDutyRule } from "../services/duty-rules.ts"
import { ruleView } from "../services/duty-views.ts"
import { roleProcedure, router, signedInProcedure } from "../trpc.ts"
import { DateField, GridField, GridPeriod } from "./duty-input.ts"
import { required, standard, Text } from "./input.ts"

const fieldMessage = <S extends Schema.Schema.Any>(schema: S, message: string) =>
  schema.annotations({ message: () => ({ message, override: true }) }) as unknown as S

/** What a county may change in a rule (SPEC §2: "weekly" to "twice a month" without code). */
export const UpdateRule = Schema.Struct({
  id: required(Text("规则编号", 64), "请指定规则编号"),
  title: Schema.optional(Text("规则名称", 200)),
  cadence: Schema.optional(
    fieldMessage(Schema.encodedSchema(Cadence), "周期应为每周、每月（起止日）或定期（月数与窗口）"),
  ),
  oneWorkday: Schema.optional(fieldMessage(Schema.Boolean, "“确定一个工作日”应为是或否")),
  scope: Schema.optional(
    fieldMessage(Schema.encodedSchema(DutyScope), "范围应为单位、网格、整改通知书、部门或次数"),
  ),
  lateGraceDays: Schema.optional(
    fieldMessage(
      Schema.NullOr(Schema.Int.pipe(Schema.between(0, 366))),
      "补做期限应为 0–366 天，或留空表示至下一周期开始",
    ),
  ),
  enabled: Schema.optional(fieldMessage(Schema.Boolean, "启用应为是或否")),
})

const PERIOD = /^\d{4}(-(0[1-9]|1[0-2])|-W(0[1-9]|[1-4]\d|5[0-3])|-Q[1-4]|-H[12])?$/

export const FixDay = Schema.Struct({
  gridId: GridField("乡镇"),
  ruleId: required(Text("规则编号", 64), "请指定规则编号"),
  period: required(
    fieldMessage(
      Schema.String.pipe(Schema.pattern(PERIOD)),
      "期间格式应为 2026-10（月）、2026-Q4（季度）、2026-W41（周）或 2026（年）",
    ),
    "请填写期间",
  ),
  date: required(DateField("日期"), "请填写日期"),
})

export const DueSoon = Schema.Struct({ gridId: Schema.optional(Text("网格", 64)) })

export const dutyRouter = router({
  /** The county's duty rules: the seed's defaults with the county's edits (D-1 … D-11). */
  rules: signedInProcedure.query(async ({ ctx }) => (await loadDutyRules(ctx.database.db)).map(ruleView)),

  updateRule: roleProcedure("countyAdmin")
    .input(standard(UpdateRule))
    .mutation(async ({ ctx, input }) => {
      const { id, ...change } = input
      return ruleView(await updateDutyRule(ctx.database.db, id, change, ctx.now(), ctx.account.id))
    }),

  /** The due occurrences of my grids in a period, with windows, who answers for them and the planned day. */
  plan: signedInProcedure.input(standard(GridPeriod)).query(async ({ ctx, input }) => {
    await requireGridInScope(ctx.database.db, ctx.account, input.gridId)
    return planFor(ctx.database.db, input.gridId, input.from, input.to)
  }),

  /** A township fixes its inspection or publicity day for a period (D-1, D-8). */
  fixDay: roleProcedure("countyAdmin", "townshipAdmin")
    .input(standard(FixDay))
    .mutation(async ({ ctx, input }) => {
      await requireGridInScope(ctx.database.db, ctx.account, input.gridId)
      return fixDay(ctx.database.db, input, ctx.now(), ctx.account.id)
    }),

  /** Each occurrence as of today: on time, late, partial (with what is missing), missed, open, upcoming. */
  compliance: signedInProcedure.input(standard(GridPeriod)).query(async ({ ctx, input }) => {
    await requireGridInScope(ctx.database.db, ctx.account, input.gridId)
    return reportFor(ctx.database.db, input.gridId, input.from, input.to, ctx.today())
  }),

  /** What is due and overdue for my grids, soonest first. */
  dueSoon: signedInProcedure.input(standard(DueSoon)).query(async ({ ctx, input }) => {
    const gridId = input.gridId ?? ctx.account.gridId
    await requireGridInScope(ctx.database.db, ctx.account, gridId)
    return dueSoon(ctx.database.db, gridId, ctx.today())
  }),
})
