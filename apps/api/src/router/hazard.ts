import {
  findHazard,
  findMajorDetermination,
  findPlacedUnit,
  gridSubtree,
  listHazards,
  loadGrids,
  noticesOfHazard,
} from "@firegrid/db"
import {
  HAZARD_EVENT_LABEL,
  HAZARD_STATE_LABEL,
  HazardCategory,
  HazardSeverity,
  indexGrids,
} from "@firegrid/domain"
import { TRPCError } from "@trpc/server"
import { Schema } from "effect"
import { requireGridInScope } from "../auth/scope.ts"
import { hazardView, recordHazard } from "../services/hazards.ts"
import { DETERMINE_ROLES, determineMajor } from "../services/major-hazards.ts"
import { kickSweep } from "../services/sweep.ts"
import { roleProcedure, router, signedInProcedure } from "../trpc.ts"
import { Day, IdField, OptionalGrid } from "./case-input.ts"
import { choice, OptionalText, required, standard, Text } from "./input.ts"

const HazardSource = Schema.Union(
  Schema.TaggedStruct("Inspection", { activityId: Schema.optional(Text("检查记录", 64)) }),
  Schema.TaggedStruct("Tip", { tipId: Text("举报", 64) }),
).annotations({ message: () => ({ message: "请说明隐患来源：检查发现或群众举报", override: true }) })

/** A finding at a unit (H-1). */
export const RecordHazard = Schema.Struct({
  unitId: IdField("单位"),
  category: choice(HazardCategory, "请选择隐患类别"),
  description: required(Text("隐患描述", 2000), "请填写隐患描述"),
  severity: Schema.optional(
    HazardSeverity.annotations({ message: () => ({ message: "隐患等级应为一般或重大", override: true }) }),
  ),
  foundOn: Schema.optional(Day("发现日期")),
  source: required(HazardSource, "请说明隐患来源：检查发现或群众举报"),
})

export const ListHazards = Schema.Struct({
  gridId: OptionalGrid,
  state: Schema.optional(
    Schema.Literal(...(Object.keys(HAZARD_STATE_LABEL) as [keyof typeof HAZARD_STATE_LABEL])).annotations({
      message: () => ({ message: "请选择有效的隐患状态", override: true }),
    }),
  ),
  severity: Schema.optional(
    HazardSeverity.annotations({ message: () => ({ message: "隐患等级应为一般或重大", override: true }) }),
  ),
  unitId: Schema.optional(Text("单位", 64)),
})

export const HazardRef = Schema.Struct({ hazardId: IdField("隐患") })

const Finding = Schema.Struct({
  code: Text("判定要素编号", 32),
  fixedOnSpot: Schema.optional(Schema.Boolean),
})

/** A GB 35181 determination (H-6): elements observed, exclusions, who discussed it. */
export const DetermineMajor = Schema.Struct({
  hazardId: IdField("隐患"),
  placeTypes: Schema.optional(
    Schema.Array(Schema.Literal("crowded", "flammable", "other")).annotations({
      message: () => ({ message: "场所类型应为人员密集场所、易燃易爆危险品场所或其他场所", override: true }),
    }),
  ),
  findings: required(
    Schema.Array(Finding).pipe(Schema.maxItems(60, { message: () => "判定要素最多 60 项" })),
    "请填写发现的判定要素（可为空列表）",
  ),
  exclusions: Schema.optional(
    Schema.Array(Schema.Literal("outOfUse", "expertApprovedMeasures", "cannotCauseMajorFire")).annotations({
      message: () => ({ message: "不予判定情形无效", override: true }),
    }),
  ),
  decidedBy: required(
    Schema.Array(Text("参加集体讨论人员", 32)).pipe(
      Schema.maxItems(30, { message: () => "参加人员最多 30 人" }),
    ),
    "请填写参加集体讨论的人员",
  ),
  expertReview: Schema.optional(
    Schema.Struct({
      experts: Schema.Int.pipe(Schema.between(0, 99)),
      agreeing: Schema.Int.pipe(Schema.between(0, 99)),
    }).annotations({ message: () => ({ message: "专家论证人数应为 0–99 的整数", override: true }) }),
  ),
  note: OptionalText("备注", 500),
})

const notFound = () => new TRPCError({ code: "NOT_FOUND", message: "隐患不存在" })

export const hazardRouter = router({
  /** Anyone working a grid records what they found in it (H-1); a tip it came from is linked to it. */
  record: signedInProcedure.input(standard(RecordHazard)).mutation(async ({ ctx, input }) => {
    const db = ctx.database.db
    const hazard = await recordHazard(db, ctx.account, input, ctx.now(), ctx.today())
    if (hazard.severity === "major") await kickSweep(db, ctx.today(), ctx.now())
    const stored = (await findHazard(db, hazard.id))!
    const unit = await findPlacedUnit(db, hazard.unitId)
    return hazardView(stored, { unit: unit?.name ?? hazard.unitId, zone: hazard.gridId })
  }),

  /** Hazards in my grids (or one of them), newest first, filtered by state, severity or unit. */
  list: signedInProcedure.input(standard(ListHazards)).query(async ({ ctx, input }) => {
    const db = ctx.database.db
    const gridId = input.gridId ?? ctx.account.gridId
    await requireGridInScope(db, ctx.account, gridId)
    const rows = await listHazards(db, await gridSubtree(db, gridId), input)
    return rows.map((r) => hazardView(r, { unit: r.unitName, zone: r.zoneName }))
  }),

  /** One hazard with its whole history, its notices and its GB 35181 determination. */
  get: signedInProcedure.input(standard(HazardRef)).query(async ({ ctx, input }) => {
    const db = ctx.database.db
    const stored = await findHazard(db, input.hazardId)
    if (!stored) throw notFound()
    await requireGridInScope(db, ctx.account, stored.hazard.gridId)
    const [unit, grids, notices, determination] = await Promise.all([
      findPlacedUnit(db, stored.hazard.unitId),
      loadGrids(db).then(indexGrids),
      noticesOfHazard(db, stored.hazard.id),
      findMajorDetermination(db, stored.hazard.id),
    ])
    const zone = grids.byId.get(stored.hazard.gridId)?.name ?? stored.hazard.gridId
    return {
      ...hazardView(stored, { unit: unit?.name ?? stored.hazard.unitId, zone }),
      history: stored.history.map((h) => ({
        seq: h.seq,
        event: h.event,
        label: HAZARD_EVENT_LABEL[h.event._tag],
        on: h.event.on,
        actor: h.actor,
        recordedAt: h.recordedAt.toISOString(),
      })),
      notices: notices.map((n) => ({
        id: n.id,
        number: n.number,
        issuedOn: n.issuedOn,
        deadline: n.deadline,
      })),
      determination: determination ?? null,
    }
  }),

  /**
   * 重大火灾隐患判定 (H-6) by the GB 35181 method after a collective discussion; a major verdict makes the
   * hazard major and goes to the fire brigade at once (the sweep runs right away).
   */
  determineMajor: roleProcedure(...DETERMINE_ROLES)
    .input(standard(DetermineMajor))
    .mutation(async ({ ctx, input }) => {
      const db = ctx.database.db
      const determination = await determineMajor(db, ctx.account, input, ctx.now(), ctx.today())
      if (determination.isMajor) await kickSweep(db, ctx.today(), ctx.now())
      return determination
    }),
})
