import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  Activity,
  ActivityId,
  type ActivityKind,
  addDays,
  assessCompliance,
  buildDemoCounty,
  chineseDaysCalendar,
  DEFAULT_DUTY_RULES,
  DepartmentId,
  type DutyFacts,
  type DutyOccurrence,
  DutyStatus,
  daysBetween,
  type GridId,
  indexGrids,
  type LocalDate,
  makeDate,
  makeScopeIndex,
  type NoticeId,
  type OccurrenceScope,
  Placement,
  planDuties,
  type ScopeIndex,
  type UnitFilter,
  type UnitId,
} from "../src/index.ts"

/**
 * `assessCompliance` is indexed for speed (buckets by actor and kind, counting sort by day, per-scope
 * slots, a guess of the next unit). This checks it against the definition written the slow, obvious way:
 * for each occurrence, the actor's activities of its kind in [windowStart, min(lateUntil, asOf)] in date
 * order, covering the ids of its scope with a set.
 */

const county = buildDemoCounty()
const calendar = chineseDaysCalendar()
const gridIds = county.grids.map((g) => g.id)
const unitIds = county.units.map((u) => u.id)
const zones = county.grids.filter((g) => g.level === "small").map((g) => g.id)

/** The scope's ids by definition: the units placed in the small grids below, in grid-tree order. */
const referenceItems = (facts: DutyFacts, scope: OccurrenceScope): ReadonlyArray<string> => {
  const index = indexGrids(facts.grids)
  switch (scope._tag) {
    case "Units": {
      const unitOf = new Map(facts.units.map((u) => [u.id, u]))
      const out: UnitId[] = []
      const visit = (gridId: GridId) => {
        const grid = index.byId.get(gridId)
        if (grid?.level === "small") {
          const here: UnitId[] = []
          for (const p of facts.placements)
            if (p.gridId === gridId && unitOf.has(p.unitId) && !here.includes(p.unitId)) here.push(p.unitId)
          out.push(...here)
        } else for (const child of index.children(gridId)) visit(child.id)
      }
      if (index.byId.has(scope.gridId)) visit(scope.gridId)
      const kinds = scope.filter.kinds === undefined ? null : new Set<string>(scope.filter.kinds)
      return out.filter((id) => {
        const u = unitOf.get(id)!
        return (!scope.filter.keyOnly || u.flags.key) && (kinds === null || kinds.has(u.kind))
      })
    }
    case "Grids": {
      const wanted = new Set<string>(scope.levels)
      return index
        .subtree(scope.gridId)
        .filter((g) => g.id !== scope.gridId && wanted.has(g.level))
        .map((g) => g.id)
        .sort()
    }
    case "Notices":
      return (facts.notices ?? [])
        .filter((n) => n.issuedBy === scope.gridId && n.issuedOn >= scope.from && n.issuedOn <= scope.to)
        .map((n) => n.id)
    case "Departments":
      return scope.kinds
    case "Occasions":
      return []
  }
}

const offered = (a: Activity, scope: OccurrenceScope): ReadonlyArray<string> | undefined =>
  scope._tag === "Units"
    ? a.unitIds
    : scope._tag === "Grids"
      ? a.gridIds
      : scope._tag === "Notices"
        ? a.noticeIds
        : scope._tag === "Departments"
          ? a.departmentKinds
          : undefined

const referenceAssess = (
  o: DutyOccurrence,
  activities: ReadonlyArray<Activity>,
  itemsOf: (scope: OccurrenceScope) => ReadonlyArray<string>,
  asOf: LocalDate,
) => {
  if (asOf < o.windowStart) return { status: DutyStatus.Upcoming(), activityIds: [], satisfiedBy: null }
  const items = itemsOf(o.scope)
  const inScope = new Set(items)
  const last = o.lateUntil < asOf ? o.lateUntil : asOf
  const mine = activities
    .filter(
      (a) =>
        a.kind === o.activityKind &&
        (o.departmentId === null
          ? a.departmentId === undefined && a.gridId === o.gridId
          : a.departmentId === o.departmentId) &&
        a.date >= o.windowStart &&
        a.date <= last,
    )
    .map((a, i) => [a, i] as const)
    .sort(([a, i], [b, j]) => (a.date < b.date ? -1 : a.date > b.date ? 1 : i - j))
    .map(([a]) => a)
  const covered = new Set<string>()
  const activityIds: ActivityId[] = []
  let done = 0
  let completedOn: LocalDate | null = null
  let satisfiedBy: ActivityId | null = null
  for (const a of mine) {
    let counted = false
    if (o.scope._tag === "Occasions") {
      done++
      counted = true
    } else
      for (const id of offered(a, o.scope) ?? [])
        if (inScope.has(id) && !covered.has(id)) {
          covered.add(id)
          done++
          counted = true
        }
    if (!counted) continue
    activityIds.push(a.id)
    if (done >= o.required) {
      completedOn = a.date
      satisfiedBy = a.id
      break
    }
  }
  const missing = o.scope._tag === "Occasions" ? [] : items.filter((id) => !covered.has(id))
  const status =
    completedOn !== null
      ? completedOn <= o.windowEnd
        ? DutyStatus.DoneOnTime({ on: completedOn })
        : DutyStatus.DoneLate({ on: completedOn, daysLate: daysBetween(o.windowEnd, completedOn) })
      : asOf <= o.windowEnd
        ? DutyStatus.Open({ covered: done, required: o.required, missing })
        : done > 0
          ? DutyStatus.Partial({
              covered: done,
              required: o.required,
              missing,
              lateUntil: asOf < o.lateUntil ? o.lateUntil : null,
            })
          : DutyStatus.Missed({ lateUntil: asOf < o.lateUntil ? o.lateUntil : null })
  return { status, activityIds, satisfiedBy }
}

// Inspections by the town are the most common, so that several fall in one window, in any order.
const KINDS: ReadonlyArray<ActivityKind> = [
  "inspection",
  "inspection",
  "inspection",
  "recheck",
  "training",
  "jointMeeting",
  "letter",
]

const arbitraryActivity = fc.record({
  kind: fc.constantFrom(...KINDS),
  grid: fc.nat({ max: gridIds.length - 1 }),
  day: fc.integer({ min: 0, max: 70 }),
  // A unit list: a run of the county's units in their own order (as a round records them), or any units.
  run: fc.option(fc.record({ from: fc.nat({ max: unitIds.length - 1 }), length: fc.nat({ max: 300 }) })),
  units: fc.array(fc.nat({ max: unitIds.length + 3 }), { maxLength: 12 }),
  police: fc.boolean(),
  notices: fc.array(fc.nat({ max: 5 }), { maxLength: 3 }),
})

/** Compliance of random activities, checked against the definition, with the scope lists of `scopesFor`. */
const checkAgainstDefinition = (
  raw: ReadonlyArray<typeof arbitraryActivity extends fc.Arbitrary<infer A> ? A : never>,
  extraPlacements: ReadonlyArray<{ unit: number; zone: number }>,
  asOfDay: number,
  scopesFor?: (facts: DutyFacts) => ScopeIndex,
) => {
  const start = makeDate(2026, 9, 25)
  const facts: DutyFacts = {
    ...county,
    placements: [
      ...county.placements,
      ...extraPlacements.map(({ unit, zone }) =>
        Placement.make({ unitId: unitIds[unit]!, gridId: zones[zone]! }),
      ),
    ],
    notices: [0, 1, 2, 3, 4, 5].map((i) => ({
      id: `N-${i}` as NoticeId,
      issuedBy: county.townId,
      issuedOn: addDays(makeDate(2026, 10, 1), i * 3),
    })),
  }
  const plan = planDuties({
    facts,
    rules: DEFAULT_DUTY_RULES,
    from: makeDate(2026, 10, 1),
    to: makeDate(2026, 11, 30),
    calendar,
  })
  const activities = raw.map((r, i) =>
    Activity.make({
      id: ActivityId.make(`a${i}`),
      kind: r.kind,
      gridId: (r.grid % 4 !== 0 ? county.townId : gridIds[r.grid]!) as GridId,
      ...(r.police ? { departmentId: DepartmentId.make("d-police") } : {}),
      date: addDays(start, r.day),
      unitIds:
        r.run === null
          ? r.units.map((u) => (unitIds[u] ?? `unknown-${u}`) as UnitId)
          : unitIds.slice(r.run.from, r.run.from + r.run.length),
      gridIds: [county.townId, ...gridIds.slice(r.grid, r.grid + 3)],
      noticeIds: r.notices.map((n) => `N-${n}` as NoticeId),
      departmentKinds: ["police", "fireBrigade", "marketRegulation"],
    }),
  )
  const asOf = addDays(start, asOfDay)
  const scopes = scopesFor?.(facts)
  const report = assessCompliance({
    occurrences: plan.occurrences,
    activities,
    facts,
    asOf,
    ...(scopes === undefined ? {} : { scopes }),
  })
  const got = report.occurrences.map((c) => ({
    status: c.status,
    activityIds: c.activityIds,
    satisfiedBy: c.satisfiedBy,
  }))
  const memo = new Map<string, ReadonlyArray<string>>()
  const itemsOf = (scope: OccurrenceScope) => {
    const key = JSON.stringify(scope)
    const known = memo.get(key) ?? (scopes === undefined ? referenceItems(facts, scope) : scopes.items(scope))
    memo.set(key, known)
    return known
  }
  expect(got).toEqual(plan.occurrences.map((o) => referenceAssess(o, activities, itemsOf, asOf)))
}

const arbitraryExtraPlacements = fc.array(
  fc.record({ unit: fc.nat({ max: unitIds.length - 1 }), zone: fc.nat({ max: zones.length - 1 }) }),
  { maxLength: 40 },
)

/**
 * A caller's own scope index whose unit lists are not in grid-tree order: the whole county's list
 * interleaved with ids of no unit (so a village's units are scattered over the numbering), some lists
 * reversed, and some listing a unit the facts do not hold.
 */
const scatteredScopes = (facts: DutyFacts): ScopeIndex => {
  const base = makeScopeIndex(facts)
  const roots = new Set(indexGrids(facts.grids).roots.map((g) => g.id))
  const lists = new Map<string, ReadonlyArray<UnitId>>()
  const units = (gridId: GridId, filter: UnitFilter): ReadonlyArray<UnitId> => {
    const key = `${gridId}|${JSON.stringify(filter)}`
    let list = lists.get(key)
    if (list === undefined) {
      const own = base.units(gridId, filter)
      if (roots.has(gridId) && !filter.keyOnly && filter.kinds === undefined)
        list = own.flatMap((id, k) => [
          id,
          ...Array.from({ length: 100 }, (_, j) => `pad-${k}-${j}` as UnitId),
        ])
      else if (own.length % 3 === 0) list = [...own].reverse()
      else if (own.length % 3 === 1) list = [...own, "not-a-unit" as UnitId]
      else list = own
      lists.set(key, list)
    }
    return list
  }
  return {
    ...base,
    units,
    items: (scope) => (scope._tag === "Units" ? units(scope.gridId, scope.filter) : base.items(scope)),
  }
}

describe("assessCompliance against its definition (SPEC §2)", () => {
  it("gives the same status, counted activities and completing activity as the obvious computation", () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryActivity, { maxLength: 80 }),
        // Units also listed by a second zone: scope lists then repeat them.
        arbitraryExtraPlacements,
        fc.integer({ min: 0, max: 80 }),
        (raw, extraPlacements, asOfDay) => checkAgainstDefinition(raw, extraPlacements, asOfDay),
      ),
      { numRuns: 30 },
    )
  }, 60_000)

  it("gives the same with a caller's scope index whose unit lists are scattered or list unknown units", () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryActivity, { maxLength: 80 }),
        arbitraryExtraPlacements,
        fc.integer({ min: 0, max: 80 }),
        (raw, extraPlacements, asOfDay) =>
          checkAgainstDefinition(raw, extraPlacements, asOfDay, scatteredScopes),
      ),
      { numRuns: 20 },
    )
  }, 60_000)
})
