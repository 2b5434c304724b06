import {
  type AccountRow,
  type Database,
  findPlacedUnit,
  gridAncestry,
  loadAllEscalations,
  loadAllNotices,
  loadAllRechecks,
  loadGridTree,
  loadPersons,
} from "@firegrid/db"
import {
  accountabilityFor,
  addDays,
  DUTY_KIND_LABEL,
  GRID_ROLE_LABEL,
  type GridId,
  indexGrids,
  type LocalDate,
  type UnitId,
  workdayPredicateOf,
  workdaysOf,
} from "@firegrid/domain"
import { TRPCError } from "@trpc/server"
import { requireGridInScope } from "../auth/scope.ts"
import { assessWorld, loadDutyWorld, planWorld } from "./duty-world.ts"
import { loadEscalationPolicy } from "./escalation-policy.ts"

/** How far back missed duties are looked for (the domain's default, one year). */
const LOOKBACK_DAYS = 365

/**
 * 责任追究 (S-2, 六(三)): for a unit and a date, who held each role for its zone and every grid above it on
 * that date (from assignment history), which of their duties were missed or left the unit out in the year
 * before, the notices still open at the unit and the escalations about it.
 */
export const accountabilityForUnit = async (
  db: Database,
  account: AccountRow,
  request: { readonly unitId: string; readonly on: LocalDate },
) => {
  const unit = await findPlacedUnit(db, request.unitId)
  if (!unit) throw new TRPCError({ code: "NOT_FOUND", message: `单位 ${request.unitId} 不存在` })
  if (unit.gridId === null)
    throw new TRPCError({
      code: "CONFLICT",
      message: `单位「${unit.name}」未划入任何责任片区：这本身就是网格化管理的缺口`,
    })
  await requireGridInScope(db, account, unit.gridId)
  const ancestry = await gridAncestry(db, unit.gridId)
  const rootId = ancestry.at(-1)!
  const from = addDays(request.on, -LOOKBACK_DAYS)
  const to = addDays(request.on, -1)
  const world = await loadDutyWorld(db, rootId, from, to)
  const plan = await planWorld(db, world, from, to)
  const [report, tree, persons, notices, rechecks, escalations, policy] = await Promise.all([
    assessWorld(db, world, plan, request.on),
    loadGridTree(db),
    loadPersons(db),
    loadAllNotices(db),
    loadAllRechecks(db),
    loadAllEscalations(db),
    loadEscalationPolicy(db),
  ])
  const result = accountabilityFor({
    unitId: request.unitId as UnitId,
    on: request.on,
    grids: indexGrids(tree.grids),
    placements: tree.placements,
    assignments: tree.assignments,
    duties: report.occurrences,
    notices,
    rechecks,
    escalations,
    policy,
    workdays: workdaysOf(workdayPredicateOf(world.calendar)),
    lookbackDays: LOOKBACK_DAYS,
  })
  const personName = new Map<string, string>(persons.map((p) => [p.id, p.name]))
  const person = (id: string) => ({ id, name: personName.get(id) ?? id })
  return {
    unitId: result.unitId,
    unitName: unit.name,
    on: result.on,
    chain: result.chain.map((g) => ({
      ...g,
      holders: g.holders.map((h) => ({
        role: h.role,
        roleLabel: GRID_ROLE_LABEL[h.role],
        persons: h.personIds.map(person),
      })),
    })),
    missedDuties: result.missedDuties.map((d) => ({
      ...d,
      kindLabel: DUTY_KIND_LABEL[d.kind],
      gridName: world.names.grid(d.gridId as GridId),
      statusLabel: d.status === "Missed" ? "未落实" : "部分落实（遗漏本单位或辖区）",
      person: d.personId === null ? null : person(d.personId),
    })),
    openNotices: result.openNotices,
    escalations: result.escalations.map((e) => ({
      id: e.id,
      trigger: e.trigger,
      triggeredOn: e.triggeredOn,
      summary: e.summary,
    })),
  }
}
