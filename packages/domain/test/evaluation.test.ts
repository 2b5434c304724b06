import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  Activity,
  ActivityId,
  Assignment,
  accountabilityFor,
  assessCompliance,
  chineseDaysCalendar,
  DEFAULT_DUTY_RULES,
  defaultEscalationPolicy,
  defaultRankingConfig,
  type EvaluationPeriod,
  emptyTally,
  evaluate,
  explainScore,
  type GridFacts,
  type GridId,
  measureGrids,
  planDuties,
  rankChildren,
  type Score,
  scoreGrid,
  sweepEscalations,
  workdayPredicateOf,
  workdaysOf,
} from "../src/index.ts"
import {
  county,
  d,
  facts,
  grids,
  hazard,
  notice,
  recheck,
  tip,
  town,
  unitIn,
  zoneOf,
} from "./case-fixtures.ts"

const H1: EvaluationPeriod = { _tag: "HalfYear", year: 2026, half: 1 }
const isWorkday = workdayPredicateOf(chineseDaysCalendar())
const policy = defaultEscalationPolicy

// The seed scenario again: a township notice at a unit of 曲河村, one hazard not fixed at the 下旬 recheck.
const unit = unitIn("v03")
const zone = zoneOf(unit)
const h1 = hazard("H-1", unit, "2026-03-05")
const h2 = hazard("H-2", unit, "2026-03-05", { category: "electricalMisuse" })
const n = notice("N-001", [h1, h2], "2026-03-05", "2026-03-15")
const r = recheck("R-1", n, "2026-03-24", { "H-1": true, "H-2": false })
// A tip answered late and one answered in time in 八方村 (v02).
const tips = [
  tip("T-1", "v02-z1", "2026-04-03", "2026-04-10"),
  tip("T-2", "v02-z2", "2026-04-08", "2026-04-08"),
]
const cases = facts({ hazards: [h1, h2], notices: [n], rechecks: [r], tips })
const escalations = sweepEscalations(cases, d("2026-06-30"), policy, isWorkday)

const plan = planDuties({
  facts: { ...county, notices: [{ id: n.id, issuedBy: town, issuedOn: n.issuedOn }] },
  rules: DEFAULT_DUTY_RULES,
  from: d("2026-01-01"),
  to: d("2026-06-30"),
  calendar: chineseDaysCalendar(),
})
const sweepDay = Activity.make({
  id: ActivityId.make("a-sweep"),
  kind: "inspection",
  gridId: town,
  date: d("2026-03-05"),
  unitIds: county.units.slice(0, 260).map((u) => u.id),
})
const compliance = assessCompliance({
  occurrences: plan.occurrences,
  activities: [sweepDay],
  facts: { ...county, notices: [] },
  asOf: d("2026-06-30"),
})
const input = {
  period: H1,
  asOf: d("2026-06-30"),
  cases,
  escalations,
  duties: compliance.occurrences,
  placements: county.placements,
  activities: [sweepDay],
  incidents: [{ gridId: "v05-z1" as GridId, on: d("2026-05-01"), deaths: 0, injuries: 1 }],
  policy,
  workdays: isWorkday,
}

describe("measuring grids for the half-year supervision (S-1, 六(三))", () => {
  const measured = measureGrids(input)

  it("counts the unrectified notice for the zone, 曲河村 and the town, but not for other villages", () => {
    for (const g of [zone, "v03", town] as GridId[])
      expect(measured.get(g)?.rectification).toEqual({ noticesDue: 1, closedOnTime: 0 })
    expect(measured.get("v02" as GridId)?.rectification).toEqual({ noticesDue: 0, closedOnTime: 0 })
    expect(measured.get(town)?.rechecks).toEqual({ due: 1, onTime: 1 })
  })

  it("counts the escalations raised by the town and the tip answered late in 八方村", () => {
    expect(measured.get(town)?.escalations.count).toBe(escalations.length)
    expect(measured.get("v02" as GridId)?.tips).toMatchObject({
      received: 2,
      acknowledgedOnTime: 1,
      medianAcknowledgeDays: 3.5,
    })
  })

  it("takes inspection coverage from the inspection day's visits and duties from the duty engine", () => {
    const t = measured.get(town)!
    expect(t.inspection).toEqual({ units: county.units.length, unitsInspected: 260 })
    expect(t.duty.due).toBeGreaterThan(0)
    expect(t.duty.missed).toBeGreaterThan(0)
  })
})

describe("scores explain themselves line by line (S-1)", () => {
  const evaluation = evaluate(input)
  const v03 = evaluation.scores.get("v03" as GridId)!

  it("gives each fact, its measure, weight and points, and a total equal to their sum", () => {
    expect(v03.lines.map((l) => l.key)).toContain("onTimeRectification")
    const rect = v03.lines.find((l) => l.key === "onTimeRectification")!
    expect(rect).toMatchObject({ measure: 0, points: 0, weight: 15 })
    expect(rect.fact).toContain("到期整改通知书 1 份")
    expect(v03.total).toBeCloseTo(
      v03.lines.reduce((s, l) => s + l.points, 0),
      9,
    )
    expect(explainScore(v03).at(-1)).toContain("合计")
  })

  it("spreads the weight of a line with nothing to measure over the others, never more than 100 in all", () => {
    const noTips = v03.lines.find((l) => l.key === "tipAcknowledgement")!
    expect(noTips).toMatchObject({ measure: null, points: 0, effectiveWeight: 0 })
    expect(noTips.fact).toContain("权重分摊")
    const positive = v03.lines.filter((l) => l.key !== "escalations" && l.key !== "incidents")
    expect(positive.reduce((s, l) => s + l.effectiveWeight, 0)).toBeCloseTo(100, 1)
  })

  it("deducts for the injury at 王村's zone (fires and casualties, 六(三))", () => {
    const incidents = evaluation.scores.get("v05-z1" as GridId)!.lines.find((l) => l.key === "incidents")!
    expect(incidents.points).toBe(-5)
  })
})

const arbitraryTally = fc
  .record({ onTime: fc.nat(40), late: fc.nat(10), partial: fc.nat(10), missed: fc.nat(10), open: fc.nat(5) })
  .map(({ onTime, late, partial, missed, open }) => ({
    due: onTime + late + partial + missed + open,
    doneOnTime: onTime,
    doneLate: late,
    partial,
    missed,
    open,
  }))
const arbitraryFacts = (gridId: string): fc.Arbitrary<GridFacts> =>
  fc
    .record({
      duty: arbitraryTally,
      training: fc.oneof(arbitraryTally, fc.constant(emptyTally)),
      publicity: arbitraryTally,
      letters: arbitraryTally,
      units: fc.nat(200),
      inspectedShare: fc.double({ min: 0, max: 1, noNaN: true }),
      notices: fc.nat(30),
      closedShare: fc.double({ min: 0, max: 1, noNaN: true }),
      escalations: fc.nat(40),
      tips: fc.nat(20),
      fires: fc.nat(3),
      deaths: fc.nat(2),
    })
    .map((x) => ({
      gridId: gridId as GridId,
      duty: x.duty,
      training: x.training,
      publicity: x.publicity,
      letters: x.letters,
      inspection: { units: x.units, unitsInspected: Math.floor(x.units * x.inspectedShare) },
      rectification: { noticesDue: x.notices, closedOnTime: Math.floor(x.notices * x.closedShare) },
      rechecks: { due: x.notices, onTime: Math.floor(x.notices * x.inspectedShare) },
      escalations: { count: x.escalations },
      tips: {
        received: x.tips,
        acknowledgedOnTime: Math.floor(x.tips * x.closedShare),
        closedWithinTarget: Math.floor(x.tips * x.inspectedShare),
        medianAcknowledgeDays: null,
        medianCloseDays: null,
      },
      incidents: { fires: x.fires, deaths: x.deaths, injuries: 0 },
    }))

describe("score and ranking invariants (S-1, FixMyStreet #1957)", () => {
  it("a score equals the sum of its explained lines, and its positive part stays within 0..100", () => {
    fc.assert(
      fc.property(arbitraryFacts("g"), (f) => {
        const s = scoreGrid(f, H1)
        expect(s.total).toBeCloseTo(
          s.lines.reduce((sum, l) => sum + l.points, 0),
          9,
        )
        const positive = s.lines.filter(
          (l) => l.points >= 0 && l.key !== "escalations" && l.key !== "incidents",
        )
        const sum = positive.reduce((acc, l) => acc + l.points, 0)
        expect(sum).toBeGreaterThanOrEqual(0)
        expect(sum).toBeLessThanOrEqual(100.05)
      }),
      { numRuns: 300 },
    )
  })

  it("never ranks a grid below the minimum sample, and lists every child exactly once", () => {
    const villages = county.grids.filter((g) => g.level === "medium").slice(0, 8)
    fc.assert(
      fc.property(
        fc.tuple(...villages.map((v) => fc.option(arbitraryFacts(v.id), { nil: undefined }))),
        (fs) => {
          const scores = new Map<GridId, Score>()
          for (const f of fs) if (f !== undefined) scores.set(f.gridId, scoreGrid(f, H1))
          const ranking = rankChildren(grids, town, scores, H1)
          for (const r of ranking.ranked)
            expect(scores.get(r.gridId)!.sample).toBeGreaterThanOrEqual(defaultRankingConfig.minSample)
          const listed = [...ranking.ranked.map((r) => r.gridId), ...ranking.notRankable.map((r) => r.gridId)]
          expect(listed.sort()).toEqual(
            county.grids
              .filter((g) => g.parentId === town)
              .map((g) => g.id)
              .sort(),
          )
          const rankable = new Set(ranking.ranked.map((r) => r.gridId))
          for (const c of [...ranking.commendation, ...ranking.criticism])
            expect(rankable.has(c.gridId)).toBe(true)
          for (let i = 1; i < ranking.ranked.length; i++)
            expect(ranking.ranked[i]!.total).toBeLessThanOrEqual(ranking.ranked[i - 1]!.total)
        },
      ),
      { numRuns: 200 },
    )
  })

  it("lists a village with a perfect score from 3 events as not rankable instead of first", () => {
    const perfect = (id: string, due: number): GridFacts => ({
      gridId: id as GridId,
      duty: { ...emptyTally, due, doneOnTime: due },
      training: emptyTally,
      publicity: emptyTally,
      letters: emptyTally,
      inspection: { units: 3, unitsInspected: 3 },
      rectification: { noticesDue: 0, closedOnTime: 0 },
      rechecks: { due: 0, onTime: 0 },
      escalations: { count: 0 },
      tips: {
        received: 0,
        acknowledgedOnTime: 0,
        closedWithinTarget: 0,
        medianAcknowledgeDays: null,
        medianCloseDays: null,
      },
      incidents: { fires: 0, deaths: 0, injuries: 0 },
    })
    const busy: GridFacts = {
      ...perfect("v02", 60),
      duty: { ...emptyTally, due: 60, doneOnTime: 54, missed: 6 },
    }
    const poor: GridFacts = {
      ...perfect("v04", 40),
      duty: { ...emptyTally, due: 40, doneOnTime: 10, missed: 30 },
    }
    const scores = new Map<GridId, Score>(
      [perfect("v01", 3), busy, poor].map((f) => [f.gridId, scoreGrid(f, H1)] as const),
    )
    const ranking = rankChildren(grids, town, scores, H1)
    expect(ranking.ranked.map((r) => r.gridId)).toEqual(["v02", "v04"])
    expect(ranking.notRankable.find((x) => x.gridId === "v01")?.reason).toContain("样本 3 件")
    expect(ranking.commendation.map((c) => c.gridId)).toEqual(["v02"])
    expect(ranking.criticism).toEqual([{ gridId: "v04", reasons: ["总分 53.13 低于 60 分"] }])
  })
})

describe("accountability for a unit on a date (S-2, 六(三))", () => {
  const workdays = workdaysOf(isWorkday)
  const base = {
    unitId: unit,
    grids,
    placements: county.placements,
    assignments: county.assignments,
    duties: compliance.occurrences,
    notices: [n],
    rechecks: [r],
    escalations,
    policy,
    workdays,
  }

  it("names who answered for the zone, 曲河村, the town and the county on the day, nearest first", () => {
    const report = accountabilityFor({ ...base, on: d("2026-05-10") })
    expect(report.chain.map((c) => c.gridId)).toEqual([zone, "v03", town, county.countyId])
    expect(report.chain[2]!.holders[0]).toEqual({ role: "firstResponsible", personIds: ["p-town-head"] })
    expect(report.openNotices).toMatchObject([{ noticeId: "N-001", overdue: true, unrectified: ["H-2"] }])
    expect(report.escalations.map((e) => e.trigger)).toContain("recheckFailed")
  })

  it("uses the assignment history, not today's roster", () => {
    const assignments = [
      ...county.assignments.map((a) =>
        a.gridId === "v03" && a.role === "firstResponsible"
          ? Assignment.make({ ...a, until: d("2026-04-30") })
          : a,
      ),
      Assignment.make({
        gridId: "v03" as GridId,
        personId: "p-new-head" as never,
        role: "firstResponsible",
        since: d("2026-05-01"),
        until: null,
      }),
    ]
    const before = accountabilityFor({ ...base, assignments, on: d("2026-04-15") })
    const after = accountabilityFor({ ...base, assignments, on: d("2026-05-10") })
    expect(before.chain[1]!.holders[0]!.personIds).toEqual(["p-v03-head"])
    expect(after.chain[1]!.holders[0]!.personIds).toEqual(["p-new-head"])
  })

  it("lists the duties missed before the day, including a sweep that left this unit out, and nothing after it", () => {
    const report = accountabilityFor({ ...base, on: d("2026-05-10") })
    expect(report.missedDuties.length).toBeGreaterThan(0)
    expect(report.missedDuties.every((m) => m.windowEnd < "2026-05-10")).toBe(true)
    const inChain = new Set(report.chain.map((c) => c.gridId))
    expect(report.missedDuties.every((m) => inChain.has(m.gridId))).toBe(true)
  })
})
