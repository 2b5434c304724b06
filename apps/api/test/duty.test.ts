import type { DatabaseHandle } from "@firegrid/db"
import { testEngines } from "@firegrid/db/testing"
import { buildDemoCounty } from "@firegrid/domain"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { addSecondTownship } from "./fixtures.ts"
import { type ApiClient, type ApiHarness, failureOf, startApi } from "./harness.ts"

const DEMO = buildDemoCounty()
const townUnits = DEMO.units.map((u) => u.id as string)
const unitsOf = (villageId: string) =>
  DEMO.placements.filter((p) => p.gridId.startsWith(`${villageId}-`)).map((p) => p.unitId as string)

// 20 October 2026: after October's inspection window (1–10) and before its recheck window (21–end).
const OCTOBER_20 = new Date("2026-10-20T09:00:00+08:00")

describe.each(testEngines())("the duty side on $name (SPEC §2)", (engine) => {
  let database: DatabaseHandle
  let api: ApiHarness
  let county: ApiClient
  let gaocheng: ApiClient
  let quhe: ApiClient

  beforeAll(async () => {
    database = await engine.open()
    api = await startApi(database, { now: OCTOBER_20 })
    await addSecondTownship(database.db)
    ;[county, gaocheng, quhe] = await Promise.all([
      api.signIn("county"),
      api.signIn("gaocheng"),
      api.signIn("quhe"),
    ])
  })
  afterAll(async () => {
    await database?.close()
  })

  it("告成镇 fixes 9 October as its inspection day; the plan shows it fixed (D-1, 五(三))", async () => {
    const fixed = await gaocheng.duty.fixDay.mutate({
      gridId: "town-gaocheng",
      ruleId: "D-1",
      period: "2026-10",
      date: "2026-10-09",
    })
    expect(fixed).toMatchObject({
      gridId: "town-gaocheng",
      period: "2026-10",
      date: "2026-10-09",
      replaced: null,
    })
    const plan = await gaocheng.duty.plan.query({
      gridId: "town-gaocheng",
      from: "2026-10-01",
      to: "2026-10-31",
    })
    const sweep = plan.occurrences.find((o) => o.ruleId === "D-1" && o.gridId === "town-gaocheng")!
    expect(sweep.day).toMatchObject({ tag: "Fixed", date: "2026-10-09" })
    expect(sweep).toMatchObject({ windowStart: "2026-10-01", windowEnd: "2026-10-10", scopeSize: 520 })
    expect(sweep.personName).toBe("何聪道")
    expect(sweep.workdays).toEqual(["2026-10-08", "2026-10-09", "2026-10-10"])
    expect(plan.calendarGaps).toEqual([])
  })

  it("refuses 3 October, a 国庆节 holiday, on the date field, and keeps the fixed day", async () => {
    const error = await failureOf(
      gaocheng.duty.fixDay.mutate({
        gridId: "town-gaocheng",
        ruleId: "D-1",
        period: "2026-10",
        date: "2026-10-03",
      }),
    )
    expect(error.data?.code).toBe("BAD_REQUEST")
    expect(error.data?.issues).toEqual([{ path: ["date"], message: expect.stringContaining("国庆节") }])
    expect(error.message).toContain("8日、9日、10日")
    const plan = await gaocheng.duty.plan.query({
      gridId: "town-gaocheng",
      from: "2026-10-01",
      to: "2026-10-31",
    })
    expect(plan.occurrences.find((o) => o.ruleId === "D-1")!.day.date).toBe("2026-10-09")
  })

  it("refuses a rule with no day to fix and a period the township has no such duty in", async () => {
    const weekly = await failureOf(
      gaocheng.duty.fixDay.mutate({
        gridId: "town-gaocheng",
        ruleId: "D-3",
        period: "2026-10",
        date: "2026-10-09",
      }),
    )
    expect(weekly.data?.issues?.[0]?.path).toEqual(["ruleId"])
    const village = await failureOf(
      county.duty.fixDay.mutate({ gridId: "v03", ruleId: "D-1", period: "2026-10", date: "2026-10-09" }),
    )
    expect(village.data?.issues?.[0]?.path).toEqual(["period"])
  })

  it("the township's sweep of 416 of 520 units is partial and names the 104 units missed", async () => {
    const visited = townUnits.slice(0, 416)
    await gaocheng.activity.record.mutate({
      kind: "inspection",
      gridId: "town-gaocheng",
      date: "2026-10-09",
      unitIds: visited,
      note: "消防安全检查日全面排查",
    })
    const report = await gaocheng.duty.compliance.query({
      gridId: "town-gaocheng",
      from: "2026-10-01",
      to: "2026-10-31",
    })
    const sweep = report.occurrences.find((o) => o.ruleId === "D-1" && o.gridId === "town-gaocheng")!
    expect(sweep.status.tag).toBe("Partial")
    expect(sweep.status.covered).toBe(416)
    const missing = new Map(sweep.status.missing.map((m) => [m.id, m.name]))
    expect([...missing.keys()].sort()).toEqual(townUnits.slice(416).sort())
    expect(missing.get(townUnits[416]!)).toBe(DEMO.units[416]!.name)
    expect(sweep.status.description).toContain("416/520")
    const town = report.byGrid.find((g) => g.gridId === "town-gaocheng")!
    expect(town.partial).toBeGreaterThanOrEqual(1)
    expect(report.byRule.find((r) => r.ruleId === "D-1")!.partial).toBe(1)
  })

  it("a village that skipped an ISO week sees it overdue in dueSoon; a checked week leaves the list (D-3)", async () => {
    const before = await quhe.duty.dueSoon.query({})
    const weekly = (period: string) =>
      before.occurrences.find((o) => o.ruleId === "D-3" && o.gridId === "v03" && o.period === period)
    expect(weekly("2026-W42")).toMatchObject({ overdue: true, status: { tag: "Missed" } })
    expect(weekly("2026-W43")).toMatchObject({ overdue: false, status: { tag: "Open" } })
    expect(before.occurrences.every((o) => o.gridId.startsWith("v03"))).toBe(true)
    const actBy = before.occurrences.map((o) => o.actBy)
    expect(actBy).toEqual([...actBy].sort())

    await quhe.activity.record.mutate({
      kind: "inspection",
      gridId: "v03",
      date: "2026-10-19",
      unitIds: unitsOf("v03"),
    })
    const after = await quhe.duty.dueSoon.query({})
    expect(after.occurrences.find((o) => o.ruleId === "D-3" && o.period === "2026-W43")).toBeUndefined()
    expect(after.occurrences.find((o) => o.ruleId === "D-3" && o.period === "2026-W42")).toBeDefined()
  })

  it("a signed letter shrinks the unsigned list (D-10, 六(三))", async () => {
    const before = await quhe.letter.unsigned.query({ gridId: "v03", year: 2026 })
    expect(before.grids.map((g) => g.gridId)).toContain("v03-z1")
    await quhe.activity.record.mutate({
      kind: "letter",
      gridId: "v03",
      date: "2026-10-15",
      gridIds: ["v03-z1"],
    })
    const after = await quhe.letter.unsigned.query({ gridId: "v03", year: 2026 })
    expect(after.grids.map((g) => g.gridId)).not.toContain("v03-z1")
    expect(after.gridsSigned).toBe(before.gridsSigned + 1)

    const zone = await api.signIn("quhe-2")
    const zoneUnits = DEMO.placements.filter((p) => p.gridId === "v03-z2").map((p) => p.unitId as string)
    await zone.activity.record.mutate({
      kind: "letter",
      gridId: "v03-z2",
      date: "2026-10-15",
      unitIds: zoneUnits,
    })
    const units = await quhe.letter.unsigned.query({ gridId: "v03", year: 2026 })
    expect(units.unitsSigned).toBe(zoneUnits.length)
    expect(units.units.map((u) => u.unitId)).not.toContain(zoneUnits[0])
  })

  it("a village cannot plan or record for another village, nor list units outside its area", async () => {
    expect(
      (await failureOf(quhe.duty.plan.query({ gridId: "v04", from: "2026-10-01", to: "2026-10-31" }))).data
        ?.code,
    ).toBe("FORBIDDEN")
    const elsewhere = unitsOf("v04")[0]!
    expect(
      (
        await failureOf(
          quhe.activity.record.mutate({
            kind: "inspection",
            gridId: "v04",
            date: "2026-10-19",
            unitIds: [elsewhere],
          }),
        )
      ).data?.code,
    ).toBe("FORBIDDEN")
    const outside = await failureOf(
      quhe.activity.record.mutate({
        kind: "inspection",
        gridId: "v03",
        date: "2026-10-19",
        unitIds: [elsewhere],
      }),
    )
    expect(outside.data?.code).toBe("BAD_REQUEST")
    expect(outside.data?.issues?.[0]?.path).toEqual(["unitIds", 0])
    expect(outside.message).toContain("不在曲河村辖区内")
  })

  it("refuses work dated after today, kinds a role does not do, and content that does not fit the kind", async () => {
    const future = await failureOf(
      quhe.activity.record.mutate({
        kind: "inspection",
        gridId: "v03",
        date: "2026-10-21",
        unitIds: unitsOf("v03"),
      }),
    )
    expect(future.data?.issues?.map((i) => i.path)).toEqual([["date"]])
    const meeting = await failureOf(
      quhe.activity.record.mutate({
        kind: "jointMeeting",
        gridId: "v03",
        date: "2026-10-19",
        departmentKinds: ["police"],
      }),
    )
    expect(meeting.data?.code).toBe("FORBIDDEN")
    const empty = await failureOf(
      gaocheng.activity.record.mutate({ kind: "publicity", gridId: "town-gaocheng", date: "2026-10-19" }),
    )
    expect(empty.data?.issues?.map((i) => i.path)).toEqual([["fiveEnters"]])
  })

  it("the police station's weekly check counts for the station, not the town (D-5)", async () => {
    const police = await api.signIn("police")
    const recorded = await police.activity.record.mutate({
      kind: "inspection",
      gridId: "v03-z2",
      date: "2026-10-19",
      unitIds: [DEMO.placements.find((p) => p.gridId === "v03-z2")!.unitId],
    })
    expect(recorded.departmentName).toBe("告成派出所")
    const report = await gaocheng.duty.compliance.query({
      gridId: "town-gaocheng",
      from: "2026-10-19",
      to: "2026-10-25",
    })
    const weekly = report.occurrences.find((o) => o.ruleId === "D-5" && o.period === "2026-W43")!
    expect(weekly.status.tag).toBe("DoneOnTime")
    expect(weekly.satisfiedBy).toBe(recorded.id)
    const listed = await gaocheng.activity.list.query({ gridId: "v03", from: "2026-10-01", to: "2026-10-31" })
    expect(listed.map((a) => a.id)).toContain(recorded.id)
  })

  it("says in Chinese that 2027 is not covered, until the county supplies it (D-12)", async () => {
    const before = await county.duty.plan.query({
      gridId: "town-gaocheng",
      from: "2027-01-01",
      to: "2027-01-31",
    })
    expect(before.calendarGaps).toEqual([
      { year: 2027, message: expect.stringContaining("2027 年的节假日安排尚未录入") },
    ])
    const sweep = before.occurrences.find((o) => o.ruleId === "D-1")!
    expect(sweep.day.tag).toBe("CalendarUnknown")
    const refused = await failureOf(
      gaocheng.duty.fixDay.mutate({
        gridId: "town-gaocheng",
        ruleId: "D-1",
        period: "2027-01",
        date: "2027-01-05",
      }),
    )
    expect(refused.data?.issues?.[0]).toEqual({
      path: ["date"],
      message: expect.stringContaining("2027 年节假日安排尚未录入"),
    })

    expect(
      (
        await failureOf(
          gaocheng.calendar.supplyYear.mutate({ year: 2027, holidays: {}, makeUpWorkdays: {}, source: "x" }),
        )
      ).data?.code,
    ).toBe("FORBIDDEN")
    const bad = await failureOf(
      county.calendar.supplyYear.mutate({
        year: 2027,
        holidays: { "2026-10-01": "国庆节" },
        makeUpWorkdays: {},
        source: "国办发明电",
      }),
    )
    expect(bad.message).toContain("不是 2027 年的有效日期")
    const years = await county.calendar.supplyYear.mutate({
      year: 2027,
      holidays: { "2027-01-01": "元旦" },
      makeUpWorkdays: {},
      source: "国务院办公厅关于2027年部分节假日安排的通知",
    })
    expect(years.years.find((y) => y.year === 2027)).toMatchObject({
      suppliedByCounty: true,
      provisional: false,
    })
    const after = await county.duty.plan.query({
      gridId: "town-gaocheng",
      from: "2027-01-01",
      to: "2027-01-31",
    })
    expect(after.calendarGaps).toEqual([])
    expect(after.occurrences.find((o) => o.ruleId === "D-1")!.day).toMatchObject({
      tag: "Proposed",
      date: "2027-01-04",
    })
  })

  it("the county changes the village check from weekly to monthly; others may not (SPEC §2: rules are data)", async () => {
    const refused = await failureOf(gaocheng.duty.updateRule.mutate({ id: "D-3", enabled: false }))
    expect(refused.data?.code).toBe("FORBIDDEN")
    const bad = await failureOf(
      county.duty.updateRule.mutate({ id: "D-3", cadence: { _tag: "Monthly", fromDay: 20, toDay: 5 } }),
    )
    expect(bad.data?.code).toBe("BAD_REQUEST")
    expect(bad.message).toContain("窗口开始日不能晚于结束日")
    const changed = await county.duty.updateRule.mutate({
      id: "D-3",
      cadence: { _tag: "Monthly", fromDay: 1, toDay: 15 },
    })
    expect(changed.cadenceLabel).toBe("每月1日至15日")
    expect((await county.duty.rules.query()).find((r) => r.id === "D-3")!.cadenceLabel).toBe("每月1日至15日")
    const plan = await quhe.duty.plan.query({ gridId: "v03", from: "2026-11-01", to: "2026-11-30" })
    expect(plan.occurrences.filter((o) => o.ruleId === "D-3").map((o) => [o.period, o.windowEnd])).toEqual([
      ["2026-11", "2026-11-15"],
    ])
  })
})
