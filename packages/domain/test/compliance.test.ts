import { describe, expect, it } from "vitest"
import {
  Activity,
  ActivityId,
  assessCompliance,
  buildDemoCounty,
  chineseDaysCalendar,
  DEFAULT_DUTY_RULES,
  type DepartmentId,
  type DepartmentKind,
  type DutyFacts,
  describeStatus,
  type GridId,
  type LocalDate,
  localDate,
  makeScopeIndex,
  type NoticeId,
  planDuties,
  type UnitId,
} from "../src/index.ts"

const county = buildDemoCounty()
const calendar = chineseDaysCalendar()
const town = county.townId
const allUnits = county.units.map((u) => u.id)
const unitsOfVillage = (v: string) =>
  county.placements.filter((p) => p.gridId.startsWith(`${v}-`)).map((p) => p.unitId)

let seq = 0
interface ActivityFields {
  readonly kind: Activity["kind"]
  readonly gridId: GridId
  readonly date: string
  readonly departmentId?: DepartmentId
  readonly unitIds?: ReadonlyArray<UnitId>
  readonly noticeIds?: ReadonlyArray<NoticeId>
  readonly gridIds?: ReadonlyArray<GridId>
  readonly departmentKinds?: ReadonlyArray<DepartmentKind>
}
const activity = ({ date, ...rest }: ActivityFields) =>
  Activity.make({ id: ActivityId.make(`a${++seq}`), ...rest, date: localDate(date) })
const inspection = (
  gridId: GridId | string,
  date: string,
  unitIds: ReadonlyArray<UnitId>,
  departmentId?: string,
) =>
  activity({
    kind: "inspection",
    gridId: gridId as GridId,
    date,
    unitIds,
    ...(departmentId ? { departmentId: departmentId as DepartmentId } : {}),
  })

const notices = [
  { id: "N-1" as NoticeId, issuedBy: town, issuedOn: localDate("2026-10-09") },
  { id: "N-2" as NoticeId, issuedBy: town, issuedOn: localDate("2026-10-09") },
]
const facts: DutyFacts = { ...county, notices }
const octoberPlan = planDuties({
  facts,
  rules: DEFAULT_DUTY_RULES,
  from: localDate("2026-10-01"),
  to: localDate("2026-11-30"),
  calendar,
})
const assess = (activities: ReadonlyArray<Activity>, asOf: string) =>
  assessCompliance({ occurrences: octoberPlan.occurrences, activities, facts, asOf: localDate(asOf) })
const statusOf = (report: ReturnType<typeof assess>, ruleId: string, period: string, gridId?: string) => {
  const found = report.occurrences.filter(
    (c) =>
      c.occurrence.ruleId === ruleId &&
      c.occurrence.period === period &&
      (gridId === undefined || c.occurrence.gridId === gridId),
  )
  expect(found).toHaveLength(1)
  return found[0]!
}

describe("the township's monthly full sweep (五(三), D-1)", () => {
  it("is done on time when the town visits every unit on 8 and 9 October 2026", () => {
    const a = inspection(town, "2026-10-08", allUnits.slice(0, 300))
    const b = inspection(town, "2026-10-09", allUnits.slice(300))
    const c = statusOf(assess([a, b], "2026-10-20"), "D-1", "2026-10")
    expect(c.status).toMatchObject({ _tag: "DoneOnTime", on: "2026-10-09" })
    expect(c.activityIds).toEqual([a.id, b.id])
    expect(c.satisfiedBy).toBe(b.id)
  })

  it("is partial when the sweep visited 80 % of the units, and lists the 104 not visited", () => {
    const visited = allUnits.slice(0, 416)
    const report = assess([inspection(town, "2026-10-08", visited)], "2026-10-20")
    const c = statusOf(report, "D-1", "2026-10")
    expect(c.status._tag).toBe("Partial")
    if (c.status._tag !== "Partial") return
    expect(c.status.covered).toBe(416)
    expect(c.status.required).toBe(520)
    expect([...c.status.missing].sort()).toEqual(allUnits.slice(416))
    expect(c.status.lateUntil).toBe("2026-10-31")
    expect(describeStatus(c.status)).toBe("未完全落实：已完成 416/520，尚缺 104 项，可于 2026-10-31 前补做")
    expect(
      statusOf(assess([inspection(town, "2026-10-08", visited)], "2026-11-01"), "D-1", "2026-10").status,
    ).toMatchObject({
      _tag: "Partial",
      lateUntil: null,
    })
  })

  it("is done late when the missing units are visited on 15 October, after the 上旬", () => {
    const report = assess(
      [
        inspection(town, "2026-10-08", allUnits.slice(0, 416)),
        inspection(town, "2026-10-15", allUnits.slice(416)),
      ],
      "2026-10-20",
    )
    expect(statusOf(report, "D-1", "2026-10").status).toMatchObject({
      _tag: "DoneLate",
      on: "2026-10-15",
      daysLate: 5,
    })
  })

  it("is open while the window runs, and upcoming before it opens", () => {
    const report = assess([inspection(town, "2026-10-08", allUnits.slice(0, 100))], "2026-10-09")
    expect(statusOf(report, "D-1", "2026-10").status).toMatchObject({
      _tag: "Open",
      covered: 100,
      required: 520,
    })
    expect(statusOf(report, "D-1", "2026-11").status._tag).toBe("Upcoming")
  })

  it("does not count a sweep on 30 September, a village's inspection, a publicity event, or one recorded after asOf", () => {
    const report = assess(
      [
        inspection(town, "2026-09-30", allUnits),
        inspection("v01", "2026-10-08", allUnits),
        activity({ kind: "publicity", gridId: town, date: "2026-10-08", unitIds: allUnits }),
        inspection(town, "2026-10-09", allUnits, "d-police"),
        inspection(town, "2026-10-21", allUnits),
      ],
      "2026-10-20",
    )
    const c = statusOf(report, "D-1", "2026-10")
    expect(c.status).toMatchObject({ _tag: "Missed", lateUntil: "2026-10-31" })
    expect(c.activityIds).toEqual([])
  })
})

describe("the village's weekly check (五(三), D-3)", () => {
  const v01 = unitsOfVillage("v01")
  const activities = [
    inspection("v01", "2026-10-02", v01), // W40
    inspection("v01", "2026-10-14", v01), // W42: nothing in W41 (5–11 October)
  ]
  const report = assess(activities, "2026-10-20")

  it("marks ISO week 2026-W41 missed for 告成村 when no check was recorded 5–11 October", () => {
    expect(statusOf(report, "D-3", "2026-W40", "v01").status._tag).toBe("DoneOnTime")
    expect(statusOf(report, "D-3", "2026-W41", "v01").status).toEqual({ _tag: "Missed", lateUntil: null })
    expect(statusOf(report, "D-3", "2026-W42", "v01").status._tag).toBe("DoneOnTime")
    expect(statusOf(report, "D-3", "2026-W43", "v01").status._tag).toBe("Open")
  })

  it("does not let the week-42 check make week 41 late: each window's activities are its own", () => {
    expect(statusOf(report, "D-3", "2026-W42", "v01").activityIds).toEqual([activities[1]!.id])
    expect(statusOf(report, "D-3", "2026-W41", "v01").activityIds).toEqual([])
  })

  it("ignores units of another village in the count", () => {
    const r = assess([inspection("v01", "2026-10-06", unitsOfVillage("v02"))], "2026-10-20")
    expect(statusOf(r, "D-3", "2026-W41", "v01").status._tag).toBe("Missed")
  })

  it("sums the village's own duties in its grid summary", () => {
    const summary = report.byGrid.find((s) => s.gridId === "v01")!
    // W40, W42 done; W41 missed; W43 open; W44 and after upcoming; the yearly letter (D-10-medium) is open.
    expect(summary).toMatchObject({ doneOnTime: 2, missed: 1, partial: 0, doneLate: 0 })
    expect(summary.open).toBe(2)
    expect(summary.due).toBe(
      summary.doneOnTime + summary.doneLate + summary.partial + summary.missed + summary.open,
    )
    expect(summary.onTimeRate).toBeCloseTo(2 / 3)
  })
})

describe("the 下旬 unified recheck (五(三), D-2)", () => {
  const recheck = (date: string, noticeIds: ReadonlyArray<NoticeId>) =>
    activity({ kind: "recheck", gridId: town, date, noticeIds })

  it("is done on time when both notices of 9 October are rechecked on 26 October", () => {
    const report = assess([recheck("2026-10-26", ["N-1" as NoticeId, "N-2" as NoticeId])], "2026-11-05")
    expect(statusOf(report, "D-2", "2026-10").status).toMatchObject({ _tag: "DoneOnTime", on: "2026-10-26" })
  })

  it("is done late when the recheck happens on 3 November", () => {
    const report = assess([recheck("2026-11-03", ["N-1" as NoticeId, "N-2" as NoticeId])], "2026-11-05")
    expect(statusOf(report, "D-2", "2026-10").status).toMatchObject({
      _tag: "DoneLate",
      on: "2026-11-03",
      daysLate: 3,
    })
  })

  it("is partial when one notice was not rechecked, and names it", () => {
    const report = assess([recheck("2026-10-26", ["N-1" as NoticeId])], "2026-11-05")
    expect(statusOf(report, "D-2", "2026-10").status).toMatchObject({ _tag: "Partial", missing: ["N-2"] })
  })
})

describe("the quarter's training by the county fire brigade (五(四), D-7)", () => {
  const training = activity({
    kind: "training",
    gridId: "county" as GridId,
    date: "2026-11-12",
    gridIds: [town],
  })

  it("is open in October and done on time when the town's officers are trained on 12 November", () => {
    expect(statusOf(assess([training], "2026-10-15"), "D-7", "2026-Q4").status).toMatchObject({
      _tag: "Open",
      covered: 0,
    })
    expect(statusOf(assess([training], "2026-11-20"), "D-7", "2026-Q4").status).toMatchObject({
      _tag: "DoneOnTime",
      on: "2026-11-12",
    })
  })

  it("does not count a training the town held for itself", () => {
    const own = activity({ kind: "training", gridId: town, date: "2026-11-12", gridIds: [town] })
    expect(statusOf(assess([own], "2026-11-20"), "D-7", "2026-Q4").status._tag).toBe("Open")
  })
})

describe("the quarterly joint meeting (五(五), D-9) and the police station's 每周一查 (D-5)", () => {
  const meeting = (kinds: ReadonlyArray<DepartmentKind>) =>
    activity({ kind: "jointMeeting", gridId: town, date: "2026-11-18", departmentKinds: kinds })

  it("is partial when the fire brigade did not attend, and says so", () => {
    const r = assess([meeting(["police", "marketRegulation", "workSafety", "construction"])], "2027-01-05")
    expect(statusOf(r, "D-9", "2026-Q4").status).toMatchObject({ _tag: "Partial", missing: ["fireBrigade"] })
  })

  it("is done with all five departments", () => {
    const r = assess(
      [meeting(["police", "fireBrigade", "marketRegulation", "workSafety", "construction"])],
      "2027-01-05",
    )
    expect(statusOf(r, "D-9", "2026-Q4").status._tag).toBe("DoneOnTime")
  })

  it("counts the police station's week when it checked one unit, and keeps it apart from the town's summary", () => {
    const r = assess([inspection(town, "2026-10-13", [allUnits[5]!], "d-police")], "2026-10-20")
    expect(statusOf(r, "D-5", "2026-W42").status._tag).toBe("DoneOnTime")
    expect(statusOf(r, "D-5", "2026-W41").status._tag).toBe("Missed")
    const police = r.byDepartment.find((d) => d.departmentId === "d-police")!
    expect(police).toMatchObject({ gridId: town, doneOnTime: 1, missed: 2 })
    const townSummary = r.byGrid.find((g) => g.gridId === town)!
    expect(townSummary.doneOnTime).toBe(0)
  })
})

describe("summaries", () => {
  it("add up per rule and in total to the number of occurrences", () => {
    const r = assess([inspection(town, "2026-10-08", allUnits)], "2026-10-20")
    const total = r.totals.due + r.totals.upcoming
    expect(total).toBe(octoberPlan.occurrences.length)
    expect(r.byRule.reduce((s, x) => s + x.due + x.upcoming, 0)).toBe(total)
    expect(r.byRule.find((x) => x.ruleId === "D-1")).toMatchObject({ due: 1, doneOnTime: 1, upcoming: 1 })
  })

  it("come out the same whether the plan's scope index is reused, passed, or built afresh for a copy of the facts", () => {
    const activities = [
      inspection(town, "2026-10-08", allUnits.slice(0, 300)),
      inspection(town, "2026-10-09", allUnits.slice(300)),
    ]
    const asOf = localDate("2026-10-31")
    const reused = assessCompliance({ occurrences: octoberPlan.occurrences, activities, facts, asOf })
    const passed = assessCompliance({
      occurrences: octoberPlan.occurrences,
      activities,
      facts,
      asOf,
      scopes: makeScopeIndex(facts),
    })
    const afresh = assessCompliance({
      occurrences: octoberPlan.occurrences,
      activities,
      facts: { ...facts },
      asOf,
    })
    expect(reused).toEqual(passed)
    expect(reused).toEqual(afresh)
  })

  it("reads activities from any iterable, once", () => {
    let reads = 0
    function* source(): Generator<Activity> {
      reads++
      yield inspection(town, "2026-10-08", allUnits)
    }
    const r = assessCompliance({
      occurrences: octoberPlan.occurrences,
      activities: source(),
      facts,
      asOf: localDate("2026-10-20") as LocalDate,
    })
    expect(reads).toBe(1)
    expect(statusOf(r, "D-1", "2026-10").status._tag).toBe("DoneOnTime")
  })
})
