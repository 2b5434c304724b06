import type { OccurrenceCompliance } from "./compliance.ts"
import type { DutyKind } from "./duty-rule.ts"
import type { Escalation } from "./escalation.ts"
import type { EscalationPolicy, Workdays } from "./escalation-policy.ts"
import type { GridIndex, GridLevel } from "./grid.ts"
import type { DepartmentId, GridId, PersonId, UnitId } from "./ids.ts"
import { addDays, type LocalDate } from "./local-date.ts"
import type { Notice } from "./notice.ts"
import { type Assignment, type GridRole, isActiveOn } from "./person.ts"
import { noticeProgress, type Recheck } from "./recheck.ts"
import type { Placement } from "./unit.ts"

/** Who answered for one grid on the date, role by role (first-responsible person first). */
export interface ResponsibleGrid {
  readonly gridId: GridId
  readonly name: string
  readonly level: GridLevel
  readonly holders: ReadonlyArray<{ readonly role: GridRole; readonly personIds: ReadonlyArray<PersonId> }>
}

export interface MissedDuty {
  readonly gridId: GridId
  readonly departmentId: DepartmentId | null
  readonly kind: DutyKind
  readonly period: string
  readonly windowEnd: LocalDate
  readonly status: "Missed" | "Partial"
  /** The person who answered for it on the window's first day, if any. */
  readonly personId: PersonId | null
}

export interface OpenNoticeAtUnit {
  readonly noticeId: Notice["id"]
  readonly number: string
  readonly deadline: LocalDate
  readonly overdue: boolean
  readonly unrectified: ReadonlyArray<string>
}

/** 责任追究 (S-2, 六(三)): for a unit and a date, who was responsible and what was left undone before. */
export interface AccountabilityReport {
  readonly unitId: UnitId
  readonly on: LocalDate
  /** The unit's zone and every grid above it, nearest first; empty when no zone lists the unit (itself a defect). */
  readonly chain: ReadonlyArray<ResponsibleGrid>
  readonly missedDuties: ReadonlyArray<MissedDuty>
  readonly openNotices: ReadonlyArray<OpenNoticeAtUnit>
  readonly escalations: ReadonlyArray<Escalation>
}

export interface AccountabilityInput {
  readonly unitId: UnitId
  readonly on: LocalDate
  readonly grids: GridIndex
  readonly placements: ReadonlyArray<Placement>
  readonly assignments: ReadonlyArray<Assignment>
  readonly duties: ReadonlyArray<OccurrenceCompliance>
  readonly notices: ReadonlyArray<Notice>
  readonly rechecks: ReadonlyArray<Recheck>
  readonly escalations: ReadonlyArray<Escalation>
  readonly policy: EscalationPolicy
  readonly workdays: Workdays
  /** How far back missed duties are listed; default one year. */
  readonly lookbackDays?: number | undefined
}

const ROLE_ORDER: ReadonlyArray<GridRole> = [
  "firstResponsible",
  "leader",
  "mainResponsible",
  "inspector",
  "administrator",
  "workGroup",
]

/**
 * For a unit and a date (the day of a fire, say): the zone, village, township and county above the unit
 * with the people holding each role on that date — from assignment history, not today's roster — the
 * duties of those grids (and of the departments serving them) missed or only partly done in the year
 * before, including sweeps that left this very unit out, the notices still open at the unit, and the
 * escalations about it. Everything dated after `on` is left out.
 */
export const accountabilityFor = (input: AccountabilityInput): AccountabilityReport => {
  const { unitId, on, grids } = input
  const zone = input.placements.find((p) => p.unitId === unitId)?.gridId
  const chainGrids = zone === undefined ? [] : [grids.byId.get(zone), ...grids.ancestors(zone)]
  const chain: ResponsibleGrid[] = []
  for (const g of chainGrids) {
    if (g === undefined) continue
    const holders = ROLE_ORDER.map((role) => ({
      role,
      personIds: input.assignments
        .filter((a) => a.gridId === g.id && a.role === role && isActiveOn(a, on))
        .map((a) => a.personId),
    })).filter((h) => h.personIds.length > 0)
    chain.push({ gridId: g.id, name: g.name, level: g.level, holders })
  }
  const inChain = new Set(chain.map((c) => c.gridId))
  const since = addDays(on, -(input.lookbackDays ?? 365))

  const missedDuties: MissedDuty[] = []
  for (const { occurrence: o, status } of input.duties) {
    if (!inChain.has(o.gridId) || o.windowEnd >= on || o.windowEnd < since) continue
    const relevant =
      status._tag === "Missed" ||
      (status._tag === "Partial" && status.missing.some((m) => m === unitId || inChain.has(m as GridId)))
    if (!relevant) continue
    missedDuties.push({
      gridId: o.gridId,
      departmentId: o.departmentId,
      kind: o.kind,
      period: o.period,
      windowEnd: o.windowEnd,
      status: status._tag as "Missed" | "Partial",
      personId: o.personId,
    })
  }
  missedDuties.sort((a, b) => (a.windowEnd < b.windowEnd ? -1 : a.windowEnd > b.windowEnd ? 1 : 0))

  const openNotices: OpenNoticeAtUnit[] = []
  for (const n of input.notices) {
    if (n.unitId !== unitId || n.issuedOn > on) continue
    const p = noticeProgress(n, input.rechecks, on, input.policy, input.workdays)
    if (p.closedOn !== null) continue
    openNotices.push({
      noticeId: n.id,
      number: n.number,
      deadline: n.deadline,
      overdue: on > n.deadline,
      unrectified: p.unrectified,
    })
  }
  const escalations = input.escalations.filter((e) => e.unitIds.includes(unitId) && e.triggeredOn <= on)
  return { unitId, on, chain, missedDuties, openNotices, escalations }
}
