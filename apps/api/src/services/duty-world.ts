import {
  type Database,
  listActivities,
  loadDepartments,
  loadFixedDays,
  loadGridTree,
  loadNoticesIssued,
  loadPersons,
  loadRecheckActivities,
} from "@firegrid/db"
import {
  type Activity,
  addDays,
  assessCompliance,
  type ComplianceReport,
  DEPARTMENT_KIND_LABEL,
  type DutyFacts,
  type DutyPlan,
  type DutyRule,
  type GridId,
  indexGrids,
  type LocalDate,
  makeScopeIndex,
  planDuties,
  type ScopeIndex,
  type WorkCalendar,
} from "@firegrid/domain"
import { loadCalendar } from "./calendar.ts"
import { loadDutyRules } from "./duty-rules.ts"

/**
 * Everything the duty engine needs for one part of the tree, read once per request: the subtree's grids,
 * units, people, departments and notices, the county's rules and calendar, and the days townships fixed.
 * Restricting the facts to the subtree makes the plan exactly "the duties of the grids I answer for".
 */
export interface DutyWorld {
  readonly rootId: GridId
  readonly facts: DutyFacts
  readonly rules: ReadonlyArray<DutyRule>
  readonly calendar: WorkCalendar
  readonly scopes: ScopeIndex
  readonly names: Names
}

/** Display names for ids that appear in plans and reports. */
export interface Names {
  readonly grid: (id: string) => string
  readonly unit: (id: string) => string
  readonly person: (id: string) => string
  readonly department: (id: string) => string
}

export const loadDutyWorld = async (
  db: Database,
  rootId: string,
  from: LocalDate,
  to: LocalDate,
): Promise<DutyWorld> => {
  const [tree, departments, persons, rules, calendar, notices] = await Promise.all([
    loadGridTree(db),
    loadDepartments(db),
    loadPersons(db),
    loadDutyRules(db),
    loadCalendar(db),
    // A window overlapping [from, to] belongs to a period that starts at most a year before `from`.
    loadNoticesIssued(db, addDays(from, -366), to),
  ])
  const index = indexGrids(tree.grids)
  const grids = index.subtree(rootId as GridId)
  const inTree = new Set<string>(grids.map((g) => g.id))
  const placements = tree.placements.filter((p) => inTree.has(p.gridId))
  const placed = new Set<string>(placements.map((p) => p.unitId))
  const facts: DutyFacts = {
    grids,
    units: tree.units.filter((u) => placed.has(u.id)),
    placements,
    assignments: tree.assignments.filter((a) => inTree.has(a.gridId)),
    departments: departments.filter((d) => inTree.has(d.gridId)),
    notices: notices.filter((n) => inTree.has(n.issuedBy)),
  }
  const gridName = new Map<string, string>(tree.grids.map((g) => [g.id, g.name]))
  const unitName = new Map<string, string>(tree.units.map((u) => [u.id, u.name]))
  const personName = new Map<string, string>(persons.map((p) => [p.id, p.name]))
  const departmentName = new Map<string, string>(departments.map((d) => [d.id, d.name]))
  return {
    rootId: rootId as GridId,
    facts,
    rules,
    calendar,
    scopes: makeScopeIndex(facts),
    names: {
      grid: (id) => gridName.get(id) ?? id,
      unit: (id) => unitName.get(id) ?? id,
      person: (id) => personName.get(id) ?? id,
      department: (id) =>
        departmentName.get(id) ?? DEPARTMENT_KIND_LABEL[id as keyof typeof DEPARTMENT_KIND_LABEL] ?? id,
    },
  }
}

export const planWorld = async (
  db: Database,
  world: DutyWorld,
  from: LocalDate,
  to: LocalDate,
  rules: ReadonlyArray<DutyRule> = world.rules,
): Promise<DutyPlan> =>
  planDuties({
    facts: world.facts,
    rules,
    from,
    to,
    calendar: world.calendar,
    fixedDays: await loadFixedDays(db),
    scopes: world.scopes,
  })

/** The activities that can count for a plan's occurrences: recorded in the subtree, plus the rechecks. */
export const activitiesFor = async (
  db: Database,
  world: DutyWorld,
  plan: DutyPlan,
  asOf: LocalDate,
): Promise<ReadonlyArray<Activity>> => {
  if (plan.occurrences.length === 0) return []
  let from = plan.occurrences[0]!.windowStart
  let to = from
  for (const o of plan.occurrences) {
    if (o.windowStart < from) from = o.windowStart
    if (o.lateUntil > to) to = o.lateUntil
  }
  if (asOf < to) to = asOf
  if (to < from) return []
  const gridIds = world.facts.grids.map((g) => g.id)
  const inTree = new Set<string>(gridIds)
  const [recorded, rechecks] = await Promise.all([
    listActivities(db, { from, to, gridIds }),
    loadRecheckActivities(db, from, to),
  ])
  return [...recorded, ...rechecks.filter((r) => inTree.has(r.gridId))]
}

export const assessWorld = async (
  db: Database,
  world: DutyWorld,
  plan: DutyPlan,
  asOf: LocalDate,
): Promise<ComplianceReport> =>
  assessCompliance({
    occurrences: plan.occurrences,
    activities: await activitiesFor(db, world, plan, asOf),
    facts: world.facts,
    asOf,
    scopes: world.scopes,
  })
