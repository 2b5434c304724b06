import { randomUUID } from "node:crypto"
import {
  type AccountRow,
  appendTipEvent,
  type Database,
  findInspection,
  findPlacedUnit,
  findTipById,
  gridAncestry,
  insertHazard,
  type StoredHazard,
} from "@firegrid/db"
import {
  applyTipEvent,
  type GridId,
  HAZARD_CATEGORY_LABEL,
  HAZARD_SEVERITY_LABEL,
  HAZARD_STATE_LABEL,
  Hazard,
  type HazardCategory,
  HazardId,
  type HazardSeverity,
  type HazardSource,
  InspectionId,
  initialHazardState,
  type LocalDate,
  PersonId,
  replayTip,
  type TipEvent,
  type TipStateTag,
  UnitId,
} from "@firegrid/domain"
import { TRPCError } from "@trpc/server"
import { Either } from "effect"
import { requireGridInScope } from "../auth/scope.ts"
import { badField } from "../trpc.ts"

/** A finding as the clerk enters it (H-1): where, what, how bad, and how it came to light. */
export interface HazardFinding {
  readonly unitId: string
  readonly category: HazardCategory
  readonly description: string
  readonly severity?: HazardSeverity | undefined
  readonly foundOn?: LocalDate | undefined
  readonly source:
    | { readonly _tag: "Inspection"; readonly activityId?: string | undefined }
    | { readonly _tag: "Tip"; readonly tipId: string }
}

/**
 * Where the finding came from. An inspection activity names the inspecting grid (and the day); without
 * one, the caller's own grid inspected. A tip must be in the caller's scope and ready to be linked.
 */
const sourceOf = async (
  db: Database,
  account: AccountRow,
  finding: HazardFinding,
  zoneId: string,
): Promise<{
  source: HazardSource
  foundOn: LocalDate | undefined
  tip?: NonNullable<Awaited<ReturnType<typeof findTipById>>>
}> => {
  const given = finding.source
  if (given._tag === "Tip") {
    const tip = await findTipById(db, given.tipId)
    if (!tip) throw new TRPCError({ code: "NOT_FOUND", message: `举报 ${given.tipId} 不存在` })
    await requireGridInScope(db, account, tip.tip.gridId)
    return { source: { _tag: "Tip", tipId: tip.tip.id }, foundOn: undefined, tip }
  }
  if (given.activityId === undefined)
    return { source: { _tag: "Inspection", byGridId: account.gridId }, foundOn: undefined }
  const inspection = await findInspection(db, given.activityId)
  if (!inspection) throw badField("source", `检查记录 ${given.activityId} 不存在`)
  if (inspection.kind !== "inspection") throw badField("source", `记录 ${given.activityId} 不是一次检查`)
  if (!(await gridAncestry(db, zoneId)).includes(inspection.gridId))
    throw badField("source", "该次检查的网格不包括此单位")
  if (
    inspection.unitIds !== null &&
    inspection.unitIds.length > 0 &&
    !inspection.unitIds.includes(finding.unitId)
  )
    throw badField("source", "该次检查未检查此单位")
  return {
    source: {
      _tag: "Inspection",
      byGridId: inspection.gridId as GridId,
      inspectionId: InspectionId.make(inspection.id),
    },
    foundOn: inspection.date,
  }
}

/**
 * Records a hazard at a unit in the caller's scope (H-1), in its initial state; a tip it came from is
 * linked to it (`LinkHazard`) in the same transaction, so neither exists without the other.
 */
export const recordHazard = async (
  db: Database,
  account: AccountRow,
  finding: HazardFinding,
  at: Date,
  today: LocalDate,
): Promise<Hazard> => {
  const unit = await findPlacedUnit(db, finding.unitId)
  if (!unit) throw new TRPCError({ code: "NOT_FOUND", message: `单位 ${finding.unitId} 不存在` })
  if (unit.gridId === null)
    throw new TRPCError({
      code: "CONFLICT",
      message: `单位「${unit.name}」尚未划入责任片区，请先完成网格划分`,
    })
  await requireGridInScope(db, account, unit.gridId)
  const { source, foundOn: inspectedOn, tip } = await sourceOf(db, account, finding, unit.gridId)
  const foundOn = finding.foundOn ?? inspectedOn ?? today
  if (foundOn > today) throw badField("foundOn", "发现日期不能晚于今天")
  const hazard = Hazard.make({
    id: HazardId.make(randomUUID()),
    unitId: UnitId.make(unit.id),
    gridId: unit.gridId,
    category: finding.category,
    description: finding.description.trim(),
    photos: [],
    foundOn,
    foundBy: [PersonId.make(account.id)],
    source,
    severity: finding.severity ?? "general",
  })
  let link: { readonly event: TipEvent; readonly status: TipStateTag } | null = null
  if (tip) {
    const event: TipEvent = { _tag: "LinkHazard", on: today, hazardId: hazard.id }
    const next = Either.flatMap(replayTip(tip.tip, tip.events), (s) => applyTipEvent(tip.tip.id, s, event))
    if (Either.isLeft(next)) throw new TRPCError({ code: "CONFLICT", message: next.left.message })
    link = { event, status: next.right._tag }
  }
  await db.transaction(async (tx) => {
    await insertHazard(tx, { hazard, state: initialHazardState(hazard), actor: account.id, at })
    if (tip && link)
      await appendTipEvent(tx, {
        tipId: tip.tip.id,
        gridId: tip.tip.gridId,
        expectedEvents: tip.events.length,
        event: link.event,
        status: link.status,
        actor: account.id,
        at,
      })
  })
  return hazard
}

/** A hazard as pages list it, with labels in Chinese. */
export const hazardView = (stored: StoredHazard, names: { unit: string; zone: string }) => {
  const { hazard, state } = stored
  return {
    id: hazard.id,
    unitId: hazard.unitId,
    unitName: names.unit,
    gridId: hazard.gridId,
    zoneName: names.zone,
    category: hazard.category,
    categoryLabel: HAZARD_CATEGORY_LABEL[hazard.category],
    description: hazard.description,
    severity: hazard.severity,
    severityLabel: HAZARD_SEVERITY_LABEL[hazard.severity],
    foundOn: hazard.foundOn,
    source: hazard.source,
    state: state._tag,
    stateLabel: HAZARD_STATE_LABEL[state._tag],
    since: state.since,
    noticeId: "noticeId" in state ? state.noticeId : null,
  }
}
