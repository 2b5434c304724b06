import { Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import {
  buildDemoCounty,
  chineseDaysCalendar,
  DEFAULT_DUTY_RULES,
  type DutyOccurrence,
  type DutyPlan,
  DutyRule,
  DutyRuleId,
  DutyRuleSet,
  type FixedDutyDay,
  fixDutyDay,
  fixDutyDayInPlan,
  type GridId,
  localDate,
  monthly,
  type NoticeId,
  PlannedDay,
  planDuties,
  provisionalCalendarYear,
  withCalendarYears,
  withRule,
} from "../src/index.ts"

const county = buildDemoCounty()
const calendar = chineseDaysCalendar()
const town = county.townId

const plan = (from: string, to: string, extra: Partial<Parameters<typeof planDuties>[0]> = {}): DutyPlan =>
  planDuties({
    facts: county,
    rules: DEFAULT_DUTY_RULES,
    from: localDate(from),
    to: localDate(to),
    calendar,
    ...extra,
  })
const only = (p: DutyPlan, ruleId: string, gridId?: string): DutyOccurrence => {
  const found = p.occurrences.filter(
    (o) => o.ruleId === ruleId && (gridId === undefined || o.gridId === gridId),
  )
  expect(found).toHaveLength(1)
  return found[0]!
}
const rejection = (o: DutyOccurrence, date: string) => {
  const r = fixDutyDay(o, localDate(date), calendar)
  if (Either.isRight(r)) throw new Error(`${date} was accepted`)
  return r.left
}

describe("the township inspection day: one workday in days 1–10 (五(三), D-1)", () => {
  const october = plan("2026-10-01", "2026-10-31")
  const d1 = only(october, "D-1")

  it("plans October 2026's window 1–10 October, with workdays 8, 9, 10 after the 国庆节 holidays", () => {
    expect(d1).toMatchObject({
      windowStart: "2026-10-01",
      windowEnd: "2026-10-10",
      period: "2026-10",
      gridId: town,
    })
    expect(d1.workdays).toEqual(["2026-10-08", "2026-10-09", "2026-10-10"])
    expect(d1.day).toEqual(PlannedDay.Proposed({ date: localDate("2026-10-08") }))
  })

  it("rejects 2026-10-03 as inspection day: 国庆节 holiday (五(三))", () => {
    const error = rejection(d1, "2026-10-03")
    expect(error.reason).toBe("notAWorkday")
    expect(error.message).toBe(
      "2026-10-03 is a holiday (国庆节); the window 1–10 October has workdays 8, 9, 10",
    )
    expect(error.messageZh).toBe(
      "2026-10-03 国庆节假期，不是工作日；2026-10-01 至 2026-10-10 的工作日为：8日、9日、10日",
    )
  })

  it("accepts Saturday 2026-10-10, a make-up workday 调休 (五(三), D-12)", () => {
    expect(fixDutyDay(d1, localDate("2026-10-10"), calendar)).toEqual(
      Either.right({ ruleId: "D-1", gridId: town, period: "2026-10", date: "2026-10-10" }),
    )
  })

  it("rejects 2026-10-12, a workday outside the 上旬 window (五(三))", () => {
    const error = rejection(d1, "2026-10-12")
    expect(error.reason).toBe("outsideWindow")
    expect(error.message).toBe(
      "2026-10-12 is outside the window; the window 1–10 October has workdays 8, 9, 10",
    )
  })

  it("rejects Sunday 2026-02-08 in February's window and lists 2, 3, 4, 5, 6, 9, 10 (五(三), D-12)", () => {
    const feb = only(plan("2026-02-01", "2026-02-28"), "D-1")
    const error = rejection(feb, "2026-02-08")
    expect(error.message).toBe(
      "2026-02-08 is not a workday (2026-02-08 周末休息日); the window 1–10 February has workdays 2, 3, 4, 5, 6, 9, 10",
    )
  })

  it("uses a fixed day given to the planner, and reports one that no longer fits instead of using it", () => {
    const good: FixedDutyDay = {
      ruleId: d1.ruleId,
      gridId: town,
      period: "2026-10",
      date: localDate("2026-10-09"),
    }
    expect(only(plan("2026-10-01", "2026-10-31", { fixedDays: [good] }), "D-1").day).toEqual(
      PlannedDay.Fixed({ date: localDate("2026-10-09") }),
    )
    const bad = { ...good, date: localDate("2026-10-05") }
    const replanned = plan("2026-10-01", "2026-10-31", { fixedDays: [bad] })
    expect(only(replanned, "D-1").day._tag).toBe("Proposed")
    expect(replanned.rejectedDays.map((r) => r.message)).toEqual([
      "2026-10-05 is a holiday (国庆节); the window 1–10 October has workdays 8, 9, 10",
    ])
  })

  it("finds the occurrence a township fixes a day for, or says there is none", () => {
    const choice = { ruleId: d1.ruleId, gridId: town, period: "2026-10", date: localDate("2026-10-08") }
    expect(Either.isRight(fixDutyDayInPlan(october, choice, calendar))).toBe(true)
    const wrong = fixDutyDayInPlan(october, { ...choice, period: "2026-11" }, calendar)
    expect(Either.isLeft(wrong) && wrong.left.reason).toBe("noSuchOccurrence")
  })

  it("names the town's first responsible person, 何聪道, and the whole town as scope (G二 一(一))", () => {
    expect(d1.personId).toBe("p-town-head")
    expect(d1.scopeSize).toBe(county.units.length)
    expect(d1.required).toBe(county.units.length)
  })

  it("says so when the window is in a year the calendar does not cover (2027), and plans provisionally only on request", () => {
    const jan2027 = plan("2027-01-01", "2027-01-31")
    expect(only(jan2027, "D-1").day).toEqual(PlannedDay.CalendarUnknown({ year: 2027 }))
    expect(jan2027.calendarGaps.map((g) => g.year)).toEqual([2027])
    const ahead = plan("2027-01-01", "2027-01-31", {
      calendar: withCalendarYears(calendar, provisionalCalendarYear(2027)),
    })
    expect(only(ahead, "D-1").day).toEqual(PlannedDay.Proposed({ date: localDate("2027-01-01") }))
    expect(ahead.provisionalYears).toEqual([2027])
    expect(ahead.calendarGaps).toEqual([])
  })

  it("says when a window has no workday at all (a county rule of 1–7 October)", () => {
    const rules = withRule(DEFAULT_DUTY_RULES, "D-1", { cadence: monthly(1, 7) })
    expect(only(plan("2026-10-01", "2026-10-31", { rules }), "D-1").day).toEqual(
      PlannedDay.NoWorkdayInWindow(),
    )
  })
})

describe("the 下旬 recheck of the month's notices (五(三), D-2)", () => {
  const notices = [
    { id: "N-2026-0201" as NoticeId, issuedBy: town, issuedOn: localDate("2026-02-05") },
    { id: "N-2026-0202" as NoticeId, issuedBy: town, issuedOn: localDate("2026-02-09") },
    { id: "N-2026-0203" as NoticeId, issuedBy: town, issuedOn: localDate("2026-02-24") },
    { id: "N-v01-0001" as NoticeId, issuedBy: "v01" as GridId, issuedOn: localDate("2026-02-05") },
  ]
  const feb = plan("2026-02-01", "2026-02-28", { facts: { ...county, notices } })

  it("is due 21–28 February 2026 for the notices the town issued before the window opened", () => {
    const d2 = only(feb, "D-2")
    expect(d2).toMatchObject({ windowStart: "2026-02-21", windowEnd: "2026-02-28", lateUntil: "2026-03-20" })
    expect(d2.scope).toEqual({ _tag: "Notices", gridId: town, from: "2026-02-01", to: "2026-02-20" })
    expect(d2.scopeSize).toBe(2)
  })

  it("is not due in a month without notices", () => {
    expect(plan("2026-03-01", "2026-03-31").occurrences.filter((o) => o.ruleId === "D-2")).toEqual([])
  })
})

describe("the default rule set reproduces D-1 … D-11", () => {
  const october = plan("2026-10-01", "2026-10-31")
  const count = (ruleId: string) => october.occurrences.filter((o) => o.ruleId === ruleId).length

  it("has a weekly check for each of the 24 villages in each ISO week touching October 2026 (五(三), D-3)", () => {
    expect(count("D-3")).toBe(24 * 5)
    const v01 = october.occurrences
      .filter((o) => o.ruleId === "D-3" && o.gridId === "v01")
      .map((o) => o.period)
    expect(v01).toEqual(["2026-W40", "2026-W41", "2026-W42", "2026-W43", "2026-W44"])
  })

  it("has the fire brigade check all 219 key units in the quarter (五(三), D-4 [design])", () => {
    const d4 = only(october, "D-4")
    expect(d4).toMatchObject({ period: "2026-Q4", windowStart: "2026-10-01", windowEnd: "2026-12-31" })
    expect(d4.departmentId).toBe("d-fireBrigade")
    expect(d4.scopeSize).toBe(219)
  })

  it("has the police station's 每周一查 with at least one unit a week (五(三), D-5)", () => {
    const d5 = october.occurrences.filter((o) => o.ruleId === "D-5")
    expect(d5).toHaveLength(5)
    expect(d5.every((o) => o.departmentId === "d-police" && o.required === 1)).toBe(true)
  })

  it("leaves the sector departments' own inspections (D-6) switched off until a county enables them", () => {
    expect(DEFAULT_DUTY_RULES.filter((r) => r.spec === "D-6").every((r) => !r.enabled)).toBe(true)
    const rules = withRule(DEFAULT_DUTY_RULES, "D-6-education", { enabled: true })
    const d6 = only(plan("2026-10-01", "2026-10-31", { rules }), "D-6-education")
    expect(d6.scopeSize).toBe(24) // 14 schools and 10 kindergartens
  })

  it("has the quarterly training of the township by the county (五(四), D-7), the publicity day (D-8) and the joint meeting (五(五), D-9)", () => {
    expect(only(october, "D-7")).toMatchObject({ gridId: "county", period: "2026-Q4", scopeSize: 1 })
    expect(only(october, "D-8")).toMatchObject({
      windowStart: "2026-10-01",
      windowEnd: "2026-10-31",
      day: PlannedDay.Proposed({ date: localDate("2026-10-08") }),
    })
    expect(only(october, "D-9")).toMatchObject({ period: "2026-Q4", scopeSize: 5 })
  })

  it("has letters signed level by level within the year (六(三), D-10)", () => {
    expect(only(october, "D-10-county").scopeSize).toBe(1)
    expect(only(october, "D-10-large").scopeSize).toBe(24)
    expect(count("D-10-medium")).toBe(24)
    expect(count("D-10-units")).toBe(200)
  })

  it("has the half-year supervision and year-end evaluations only when their windows come (六(三), D-11)", () => {
    expect(count("D-11-half")).toBe(0)
    const year = plan("2026-01-01", "2026-12-31")
    const half = year.occurrences.find((o) => o.ruleId === "D-11-half")!
    expect(half).toMatchObject({
      windowStart: "2026-06-01",
      windowEnd: "2026-07-31",
      lateUntil: "2026-08-31",
    })
    const evaluation = year.occurrences.find((o) => o.ruleId === "D-11-township")!
    expect(evaluation).toMatchObject({ windowStart: "2026-12-01", lateUntil: "2027-01-31", scopeSize: 224 })
  })

  it("lets a county change weekly to twice a month without code (rules are data)", () => {
    const d3 = DEFAULT_DUTY_RULES.find((r) => r.id === "D-3")!
    const rules = [
      ...withRule(DEFAULT_DUTY_RULES, "D-3", { cadence: monthly(1, 15) }),
      DutyRule.make({ ...d3, id: DutyRuleId.make("D-3b"), cadence: monthly(16, "end") }),
    ]
    const p = plan("2026-10-01", "2026-10-31", { rules })
    const v01 = p.occurrences.filter((o) => o.gridId === "v01" && o.kind === "weeklyInspection")
    expect(v01.map((o) => [o.windowStart, o.windowEnd])).toEqual([
      ["2026-10-01", "2026-10-15"],
      ["2026-10-16", "2026-10-31"],
    ])
  })

  it("round-trips the rule set through JSON, so a county's edited rules can be stored and decoded", () => {
    const json = JSON.parse(JSON.stringify(Schema.encodeSync(DutyRuleSet)(DEFAULT_DUTY_RULES)))
    expect(Schema.decodeUnknownSync(DutyRuleSet)(json)).toEqual(DEFAULT_DUTY_RULES)
  })

  it("refuses a rule set with two rules of the same id, or an inverted window", () => {
    const json = Schema.encodeSync(DutyRuleSet)(DEFAULT_DUTY_RULES)
    expect(() => Schema.decodeUnknownSync(DutyRuleSet)([...json, json[0]])).toThrow(/规则编号重复：D-1/)
    const inverted = { ...json[0]!, cadence: { _tag: "Monthly", fromDay: 10, toDay: 1 } }
    expect(() => Schema.decodeUnknownSync(DutyRuleSet)([inverted])).toThrow(/窗口开始日不能晚于结束日/)
  })
})
