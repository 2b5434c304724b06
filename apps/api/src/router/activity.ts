import { gridSubtree, listActivities, loadRecheckActivities } from "@firegrid/db"
import { ActivityKind, DepartmentKind, FiveEnters } from "@firegrid/domain"
import { Schema } from "effect"
import { requireGridInScope } from "../auth/scope.ts"
import { RECORDABLE_KINDS, recordActivity } from "../services/activities.ts"
import { activityView } from "../services/duty-views.ts"
import { loadDutyWorld } from "../services/duty-world.ts"
import { router, signedInProcedure } from "../trpc.ts"
import { DateField, GridField, periodFields, withinAYear } from "./duty-input.ts"
import { choice, OptionalText, required, standard, Text } from "./input.ts"

const ids = (label: string) =>
  Schema.optional(
    Schema.Array(Text(label, 64))
      .pipe(Schema.maxItems(5000, { message: () => `${label}最多 5000 项` }))
      .annotations({ message: () => ({ message: `${label}应为编号列表`, override: true }) }),
  )
const listOf = <S extends Schema.Schema.Any>(schema: S, message: string) =>
  Schema.optional(Schema.Array(schema).annotations({ message: () => ({ message, override: true }) }))

/** One piece of work done (SPEC §2, 六(二)); what it must list depends on its kind. */
export const RecordActivity = Schema.Struct({
  kind: choice(
    Schema.Literal(...RECORDABLE_KINDS),
    "请选择工作类型（检查、培训、宣传、联席会议、责任书、督办、考评）",
  ),
  gridId: GridField("登记网格"),
  date: required(DateField("日期"), "请填写日期"),
  unitIds: ids("单位"),
  gridIds: ids("网格"),
  departmentKinds: listOf(DepartmentKind, "参会部门应从公安、消防、工商、安监、建设等部门中选择"),
  fiveEnters: listOf(FiveEnters, "“五进”对象应为进社区、进学校、进企业、进农村、进家庭"),
  participants: ids("参加人员"),
  note: OptionalText("说明", 1000),
})

export const ListActivities = Schema.Struct({
  gridId: GridField("网格"),
  ...periodFields,
  kind: Schema.optional(
    ActivityKind.annotations({ message: () => ({ message: "工作类型无效", override: true }) }),
  ),
}).pipe(Schema.filter(withinAYear))

export const activityRouter = router({
  /** Records an inspection, training, publicity day, joint meeting, letter, supervision or evaluation. */
  record: signedInProcedure.input(standard(RecordActivity)).mutation(async ({ ctx, input }) => {
    await requireGridInScope(ctx.database.db, ctx.account, input.gridId)
    const activity = await recordActivity(ctx.database.db, ctx.account, input, ctx.today(), ctx.now())
    const world = await loadDutyWorld(ctx.database.db, activity.gridId, activity.date, activity.date)
    return activityView(activity, world.names)
  }),

  /** The work recorded in my grids in a period, rechecks of the hazard side included, oldest first. */
  list: signedInProcedure.input(standard(ListActivities)).query(async ({ ctx, input }) => {
    const db = ctx.database.db
    await requireGridInScope(db, ctx.account, input.gridId)
    const gridIds = await gridSubtree(db, input.gridId)
    const inTree = new Set(gridIds)
    const kinds = input.kind === undefined ? undefined : [input.kind]
    const [recorded, rechecks, world] = await Promise.all([
      input.kind === "recheck"
        ? []
        : listActivities(db, { from: input.from, to: input.to, gridIds, ...(kinds ? { kinds } : {}) }),
      input.kind === undefined || input.kind === "recheck"
        ? loadRecheckActivities(db, input.from, input.to)
        : [],
      loadDutyWorld(db, input.gridId, input.from, input.to),
    ])
    return [...recorded, ...rechecks.filter((r) => inTree.has(r.gridId))]
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
      .map((a) => activityView(a, world.names))
  }),
})
