import { type DatabaseHandle, tables } from "@firegrid/db"
import { testEngines } from "@firegrid/db/testing"
import {
  buildDemoCounty,
  Hazard,
  HazardId,
  localDate,
  Notice,
  NoticeId,
  Recheck,
  RecheckId,
} from "@firegrid/domain"
import { Schema } from "effect"
import ExcelJS from "exceljs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { addSecondTownship } from "./fixtures.ts"
import { type ApiClient, type ApiHarness, cookieHeaderOf, startApi } from "./harness.ts"

const DEMO = buildDemoCounty()
const zoneUnits = (zone: string) =>
  DEMO.placements.filter((p) => p.gridId === zone).map((p) => p.unitId as string)
const OCTOBER_20 = new Date("2026-10-20T09:00:00+08:00")

/** The closed loop's records as the hazard side stores them: domain documents beside their columns. */
const seedClosedLoop = async (handle: DatabaseHandle) => {
  const unitId = zoneUnits("v03-z2")[0]!
  const hazard = Hazard.make({
    id: HazardId.make("hz-ledger-1"),
    unitId: unitId as Hazard["unitId"],
    gridId: "v03-z2" as Hazard["gridId"],
    category: "blockedEscape",
    description: "楼道堆放杂物，堵塞疏散通道",
    photos: [],
    foundOn: localDate("2026-10-09"),
    foundBy: [],
    source: { _tag: "Inspection", byGridId: "town-gaocheng" as Hazard["gridId"] },
    severity: "general",
  })
  const notice = Notice.make({
    id: NoticeId.make("nt-ledger-1"),
    number: "告成安监改〔2026〕001号",
    issuer: { _tag: "TownshipOffice", gridId: "town-gaocheng" as Hazard["gridId"] },
    unitId: hazard.unitId,
    gridId: hazard.gridId,
    hazardIds: [hazard.id],
    issuedOn: localDate("2026-10-09"),
    deadline: localDate("2026-10-19"),
  })
  const recheck = Recheck.make({
    id: RecheckId.make("rc-ledger-1"),
    noticeId: notice.id,
    on: localDate("2026-10-20"),
    byGridId: "town-gaocheng" as Hazard["gridId"],
    inspectors: [],
    results: [{ hazardId: hazard.id, rectified: true }],
  })
  const db = handle.db
  await db.insert(tables.hazards).values({
    id: hazard.id,
    unitId,
    gridId: hazard.gridId,
    foundOn: hazard.foundOn,
    severity: "general",
    stateTag: "NoticeIssued",
    state: { _tag: "NoticeIssued" },
    doc: Schema.encodeSync(Hazard)(hazard),
  })
  await db.insert(tables.notices).values({
    id: notice.id,
    number: notice.number,
    unitId,
    gridId: notice.gridId,
    issuerGridId: "town-gaocheng",
    issuedOn: notice.issuedOn,
    deadline: notice.deadline,
    doc: Schema.encodeSync(Notice)(notice),
  })
  await db.insert(tables.rechecks).values({
    id: recheck.id,
    noticeId: notice.id,
    on: recheck.on,
    byGridId: "town-gaocheng",
    doc: Schema.encodeSync(Recheck)(recheck),
  })
  // A record in a shape the schemas do not accept still gets its row (nothing acknowledged is lost).
  await db.insert(tables.escalations).values({
    id: "esc:recheckFailed:nt-old",
    trigger: "recheckFailed",
    fromGridId: "v03",
    triggeredOn: "2026-10-12",
    dueOn: "2026-10-19",
    doc: { legacy: true },
    recordedAt: OCTOBER_20,
  })
}

const rowsOf = (sheet: ExcelJS.Worksheet) => {
  const out: unknown[][] = []
  sheet.eachRow((row) => out.push((row.values as unknown[]).slice(1)))
  return out
}

describe.each(testEngines())("the archive ledger 台账 as a spreadsheet on $name (A-1)", (engine) => {
  let database: DatabaseHandle
  let api: ApiHarness
  let gaocheng: ApiClient
  let quhe: ApiClient

  beforeAll(async () => {
    database = await engine.open()
    api = await startApi(database, { now: OCTOBER_20 })
    await addSecondTownship(database.db)
    ;[gaocheng, quhe] = await Promise.all([api.signIn("gaocheng"), api.signIn("quhe")])
    await seedClosedLoop(database)
    await quhe.activity.record.mutate({
      kind: "inspection",
      gridId: "v03",
      date: "2026-10-19",
      unitIds: zoneUnits("v03-z2"),
    })
    await quhe.activity.record.mutate({
      kind: "letter",
      gridId: "v03",
      date: "2026-10-15",
      gridIds: ["v03-z1"],
    })
    await gaocheng.activity.record.mutate({
      kind: "publicity",
      gridId: "town-gaocheng",
      date: "2026-10-16",
      fiveEnters: ["school", "family"],
    })
  })
  afterAll(async () => {
    await database?.close()
  })

  const ledger = (client: ApiClient, path: string) =>
    api.fetch(`http://firegrid.test${path}`, { headers: { cookie: cookieHeaderOf(client) } })

  it("exports a village's ledger with every sheet, Chinese headers, real dates and a frozen header", async () => {
    const response = await ledger(quhe, "/api/ledger/v03.xlsx?from=2026-10-01&to=2026-10-31")
    expect(response.status).toBe(200)
    expect(response.headers.get("content-type")).toContain("spreadsheetml")
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await response.arrayBuffer())
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      "单位",
      "检查记录",
      "培训宣传会议责任书",
      "隐患",
      "整改通知书",
      "复查",
      "上报",
      "档案事件",
    ])
    for (const sheet of workbook.worksheets)
      expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 })

    const units = rowsOf(workbook.getWorksheet("单位")!)
    expect(units[0]).toEqual(["单位编号", "单位名称", "类别", "重点标识", "地址", "所属责任片区"])
    const v03Units = DEMO.placements.filter((p) => p.gridId.startsWith("v03-")).length
    expect(units.length - 1).toBe(v03Units)

    const inspections = rowsOf(workbook.getWorksheet("检查记录")!)
    expect(inspections).toHaveLength(2)
    expect(inspections[1]![1]).toEqual(new Date("2026-10-19T00:00:00Z"))
    expect(inspections[1]![2]).toBe("曲河村")
    expect(inspections[1]![4]).toBe(zoneUnits("v03-z2").length)

    // The township's publicity day is not the village's record; the village's letter is.
    const others = rowsOf(workbook.getWorksheet("培训宣传会议责任书")!)
    expect(others.slice(1).map((r) => r[2])).toEqual(["签订消防工作责任书"])

    const hazards = rowsOf(workbook.getWorksheet("隐患")!)
    expect(hazards[1]).toEqual(
      expect.arrayContaining(["hz-ledger-1", "堵塞、占用疏散通道或安全出口", "楼道堆放杂物，堵塞疏散通道"]),
    )
    const notices = rowsOf(workbook.getWorksheet("整改通知书")!)
    expect(notices[1]![0]).toBe("告成安监改〔2026〕001号")
    expect(notices[1]![2]).toEqual(new Date("2026-10-19T00:00:00Z"))
    const rechecks = rowsOf(workbook.getWorksheet("复查")!)
    expect(rechecks[1]![2]).toBe("告成安监改〔2026〕001号")
    expect(rechecks[1]![5]).toBe("hz-ledger-1：已整改")
    const escalations = rowsOf(workbook.getWorksheet("上报")!)
    expect(escalations[1]![0]).toBe("esc:recheckFailed:nt-old")
    expect(escalations[1]![6]).toContain("无法解析")

    const events = rowsOf(workbook.getWorksheet("档案事件")!)
    const actions = events.slice(1).map((r) => r[3])
    // The village's own work and its logins created today; the township's publicity day is not its event.
    expect(actions.filter((a) => String(a).startsWith("activity."))).toEqual([
      "activity.inspection",
      "activity.letter",
    ])
    expect(actions).toContain("account.create")
    expect(events[1]![1]).toBeInstanceOf(Date)
  })

  it("leaves out what happened outside the period", async () => {
    const response = await ledger(quhe, "/api/ledger/v03.xlsx?from=2026-10-16&to=2026-10-18")
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await response.arrayBuffer())
    expect(rowsOf(workbook.getWorksheet("检查记录")!)).toHaveLength(1)
    expect(rowsOf(workbook.getWorksheet("隐患")!)).toHaveLength(1)
    expect(rowsOf(workbook.getWorksheet("档案事件")!)).toHaveLength(1)
  })

  it("answers 400 in Chinese for bad dates, 401 without a session, 403 outside the subtree", async () => {
    const bad = await ledger(quhe, "/api/ledger/v03.xlsx?from=2026-10-32&to=2026-10-01")
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: string }).error).toContain("开始日期应为有效日期")
    const reversed = await ledger(quhe, "/api/ledger/v03.xlsx?from=2026-10-31&to=2026-10-01")
    expect(((await reversed.json()) as { error: string }).error).toBe("结束日期不能早于开始日期")
    expect(
      (await api.fetch("http://firegrid.test/api/ledger/v03.xlsx?from=2026-10-01&to=2026-10-31")).status,
    ).toBe(401)
    expect((await ledger(quhe, "/api/ledger/v04.xlsx?from=2026-10-01&to=2026-10-31")).status).toBe(403)
    expect((await ledger(quhe, "/api/ledger/nowhere.xlsx?from=2026-10-01&to=2026-10-31")).status).toBe(404)
  })
})
