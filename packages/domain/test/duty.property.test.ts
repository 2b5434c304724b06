import { Either } from "effect"
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
  type DutyRule,
  type FixedDutyDay,
  type GridId,
  type LocalDate,
  makeDate,
  monthly,
  planDuties,
  withRule,
} from "../src/index.ts"

const county = buildDemoCounty()
const calendar = chineseDaysCalendar()
const gridIds = county.grids.map((g) => g.id)
const unitIds = county.units.map((u) => u.id)

/** A date in 2004–2026, the years the calendar covers. */
const coveredDate = fc
  .record({
    y: fc.integer({ min: 2004, max: 2026 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ y, m, d }) => makeDate(y, m, Math.min(d, 28)))

/** A county's variant of the inspection-day rule: some window of days inside the month. */
const inspectionRule = fc
  .record({ from: fc.integer({ min: 1, max: 28 }), len: fc.integer({ min: 0, max: 20 }), end: fc.boolean() })
  .map(({ from, len, end }) =>
    withRule(DEFAULT_DUTY_RULES, "D-1", { cadence: monthly(from, end ? "end" : Math.min(31, from + len)) }),
  )

const shuffle = <T>(xs: ReadonlyArray<T>, seed: number): T[] => {
  const out = [...xs]
  let s = seed >>> 0
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    const j = s % (i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

describe("duty planning properties (SPEC §2, D-12)", () => {
  it("is deterministic: the same facts give the same plan, whatever order grids and rules come in", () => {
    fc.assert(
      fc.property(coveredDate, fc.integer({ min: 0, max: 60 }), fc.nat(), (from, span, seed) => {
        const to = makeDate(Number(from.slice(0, 4)), Number(from.slice(5, 7)), 28)
        const end = span === 0 ? from : to
        const a = planDuties({ facts: county, rules: DEFAULT_DUTY_RULES, from, to: end, calendar })
        const b = planDuties({
          facts: {
            ...county,
            grids: shuffle(county.grids, seed),
            assignments: shuffle(county.assignments, seed + 1),
          },
          rules: shuffle(DEFAULT_DUTY_RULES, seed + 2),
          from,
          to: end,
          calendar,
        })
        expect(b).toEqual(a)
      }),
      { numRuns: 15 },
    )
  })

  it("puts every planned inspection day on a workday inside its window (五(三) 每月上旬确定一个工作日)", () => {
    fc.assert(
      fc.property(
        inspectionRule,
        coveredDate,
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 4 }),
        (rules, from, offsets) => {
          const to = makeDate(Number(from.slice(0, 4)), Number(from.slice(5, 7)), 28)
          const d1 = rules.find((r) => r.id === "D-1") as DutyRule
          const period = from.slice(0, 7)
          const fixedDays: FixedDutyDay[] = offsets.map((o) => ({
            ruleId: d1.id,
            gridId: county.townId,
            period,
            date: makeDate(Number(from.slice(0, 4)), Number(from.slice(5, 7)), 1 + (o % 31)) as LocalDate,
          }))
          const plan = planDuties({ facts: county, rules, from, to, calendar, fixedDays })
          for (const o of plan.occurrences) {
            if (o.day._tag !== "Proposed" && o.day._tag !== "Fixed") continue
            const day = o.day.date
            expect(day >= o.windowStart && day <= o.windowEnd).toBe(true)
            expect(Either.getOrThrow(calendar.isWorkday(day))).toBe(true)
            expect(o.workdays).toContain(day)
          }
          for (const o of plan.occurrences.filter((x) => x.ruleId === "D-1"))
            if (o.workdays.length === 0) expect(o.day._tag).toBe("NoWorkdayInWindow")
        },
      ),
      { numRuns: 200 },
    )
  })
})

const KINDS: ReadonlyArray<ActivityKind> = [
  "inspection",
  "recheck",
  "training",
  "publicity",
  "jointMeeting",
  "letter",
]

const arbitraryActivity = fc.record({
  kind: fc.constantFrom(...KINDS),
  grid: fc.nat({ max: gridIds.length - 1 }),
  day: fc.integer({ min: 0, max: 120 }),
  units: fc.array(fc.nat({ max: unitIds.length - 1 }), { maxLength: 40 }),
  all: fc.boolean(),
  police: fc.boolean(),
})

describe("compliance properties (SPEC §2)", () => {
  const plan = planDuties({
    facts: county,
    rules: DEFAULT_DUTY_RULES,
    from: makeDate(2026, 9, 1),
    to: makeDate(2026, 11, 30),
    calendar,
  })

  it("never marks an occurrence done by an activity outside its window (or its late allowance), of another kind or by another grid", () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryActivity, { maxLength: 80 }),
        fc.integer({ min: 0, max: 130 }),
        (raw, asOfDay) => {
          const activities = raw.map((r, i) =>
            Activity.make({
              id: ActivityId.make(`a${i}`),
              kind: r.kind,
              // Half of them by the town, so that township duties get done now and then.
              gridId: (r.grid % 2 === 0 ? county.townId : gridIds[r.grid]!) as GridId,
              ...(r.police ? { departmentId: DepartmentId.make("d-police") } : {}),
              date: addDays(makeDate(2026, 8, 25), r.day),
              unitIds: r.all ? unitIds : r.units.map((u) => unitIds[u]!),
              gridIds: [county.townId],
              departmentKinds: ["police", "fireBrigade", "marketRegulation", "workSafety", "construction"],
            }),
          )
          const byId = new Map(activities.map((a) => [a.id, a]))
          const asOf = addDays(makeDate(2026, 8, 25), asOfDay)
          const report = assessCompliance({ occurrences: plan.occurrences, activities, facts: county, asOf })
          for (const c of report.occurrences) {
            const o = c.occurrence
            const used = c.activityIds.map((id) => byId.get(id)!)
            for (const a of used) {
              expect(a.kind).toBe(o.activityKind)
              expect(a.date >= o.windowStart).toBe(true)
              expect(a.date <= o.lateUntil && a.date <= asOf).toBe(true)
              if (o.departmentId === null)
                expect(a.gridId === o.gridId && a.departmentId === undefined).toBe(true)
              else expect(a.departmentId).toBe(o.departmentId)
            }
            switch (c.status._tag) {
              case "DoneOnTime":
                expect(used.every((a) => a.date <= o.windowEnd)).toBe(true)
                expect(c.satisfiedBy).toBe(c.activityIds.at(-1))
                break
              case "DoneLate":
                expect(c.status.on > o.windowEnd).toBe(true)
                break
              case "Upcoming":
                expect(asOf < o.windowStart).toBe(true)
                expect(used).toEqual([])
                break
              default:
                expect(c.satisfiedBy).toBeNull()
            }
          }
        },
      ),
      { numRuns: 60 },
    )
  })
})
