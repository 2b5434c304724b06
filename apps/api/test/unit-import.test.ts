import type { DatabaseHandle } from "@firegrid/db"
import { tables } from "@firegrid/db"
import { testEngines } from "@firegrid/db/testing"
import { count, eq, inArray } from "drizzle-orm"
import ExcelJS from "exceljs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { HEADERS } from "../src/services/unit-sheet.ts"
import { addSecondTownship } from "./fixtures.ts"
import { type ApiHarness, cookieHeaderOf, startApi } from "./harness.ts"

const NO7 = ["否", "否", "否", "否", "否", "否", "否"]

/** A filled-in template as a clerk would save it from Excel. */
const xlsx = async (rows: ReadonlyArray<ReadonlyArray<string | number>>, headers = HEADERS) => {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet("单位")
  sheet.addRow([...headers])
  for (const row of rows) sheet.addRow([...row])
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

/** GBK bytes, as Excel in China saves a CSV, from the decoder's own table (no encoder in Node). */
const gbk = (() => {
  const table = new Map<string, number[]>()
  const decoder = new TextDecoder("gb18030")
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      const ch = decoder.decode(new Uint8Array([hi, lo]))
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo])
    }
  return (text: string) =>
    new Uint8Array([...text].flatMap((ch) => (ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)!)))
})()

describe.each(testEngines())("importing units from a spreadsheet on $name (G-1, G-9)", (engine) => {
  let database: DatabaseHandle
  let api: ApiHarness
  const cookies = new Map<string, string>()

  const upload = async (bytes: Uint8Array, as: string, query = "") => {
    const form = new FormData()
    form.set("file", new File([bytes], "units.xlsx"))
    const response = await api.fetch(`http://firegrid.test/api/units/import${query}`, {
      method: "POST",
      body: form,
      headers: { cookie: cookies.get(as) ?? "" },
    })
    // biome-ignore lint/suspicious/noExplicitAny: the answer is checked field by field.
    return { status: response.status, body: (await response.json()) as any }
  }
  const unitCount = async () => (await database.db.select({ n: count() }).from(tables.units))[0]!.n
  const auditCount = async () => (await database.db.select({ n: count() }).from(tables.auditEvents))[0]!.n

  beforeAll(async () => {
    database = await engine.open()
    api = await startApi(database)
    await addSecondTownship(database.db)
    for (const username of ["county", "gaocheng", "quhe", "brigade"])
      cookies.set(username, cookieHeaderOf(await api.signIn(username)))
  })
  afterAll(async () => {
    await database?.close()
  })

  it("gives a template with the columns, drop-downs and only the zones the account may fill", async () => {
    const response = await api.fetch("http://firegrid.test/api/units/import-template.xlsx", {
      headers: { cookie: cookies.get("quhe")! },
    })
    expect(response.status).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(await response.arrayBuffer())
    const units = workbook.getWorksheet("单位")!
    expect((units.getRow(1).values as unknown[]).slice(1)).toEqual([...HEADERS])
    expect(units.getCell("B2").dataValidation.formulae?.[0]).toContain("学校")
    const zones = workbook.getWorksheet("责任片区")!
    // 曲河村 (v03) has 9 villager groups; nothing from any other village.
    expect(zones.rowCount).toBe(1 + 9)
    expect(zones.getCell("A2").value).toBe("410185001003001")
  })

  it("imports every row of a good xlsx in one transaction with one archive event", async () => {
    const [units, audits] = [await unitCount(), await auditCount()]
    const file = await xlsx([
      [
        "曲河村便民超市",
        "超市百杂",
        "410185001003002",
        "曲河村中心街 8 号",
        "否",
        "是",
        "否",
        "是",
        "否",
        "是",
        "否",
        113.15,
        34.45,
      ],
      [
        "曲河村新建出租楼",
        "出租房屋",
        "曲河村第三村民小组",
        "",
        "否",
        "否",
        "否",
        "否",
        "是",
        "否",
        "否",
        "",
        "",
      ],
      ["曲河村废品收购站", "仓储", "v03-z4", "村西", ...NO7.slice(0, 2), "是", ...NO7.slice(3), "", ""],
    ])
    const { status, body } = await upload(file, "quhe")
    expect(status, JSON.stringify(body)).toBe(200)
    expect(body.imported).toBe(3)
    expect(await unitCount()).toBe(units + 3)
    expect(await auditCount()).toBe(audits + 1)
    const rows = await database.db.select().from(tables.units).where(inArray(tables.units.id, body.unitIds))
    const market = rows.find((r) => r.name === "曲河村便民超市")!
    expect(market).toMatchObject({ kind: "supermarket", gridId: "v03-z2", location: [113.15, 34.45] })
    expect(market.flags).toMatchObject({ crowded: true, streetFront: true, smallPlace: true, key: false })
    expect(rows.find((r) => r.name === "曲河村新建出租楼")).toMatchObject({ gridId: "v03-z3", address: null })
    const [event] = await database.db
      .select()
      .from(tables.auditEvents)
      .where(eq(tables.auditEvents.action, "unit.import"))
    expect(event).toMatchObject({
      actor: "acct-quhe",
      gridId: "v03",
      after: expect.objectContaining({ count: 3 }),
    })
  })

  it("refuses the whole file when any row is bad, naming every row, column and reason", async () => {
    const [units, audits] = [await unitCount(), await auditCount()]
    const [existing] = await database.db.select().from(tables.units).where(eq(tables.units.gridId, "v03-z2"))
    const file = await xlsx([
      ["合格的单位", "商店", "v03-z1", "", ...NO7, "", ""],
      ["飞碟站", "外星基地", "v03-z1", "", ...NO7, "", ""],
      ["邻村商店", "商店", "v04-z1", "", ...NO7, "", ""],
      ["重复的店", "商店", "v03-z5", "", ...NO7, "", ""],
      ["重复的店", "餐饮", "v03-z5", "", ...NO7, "", ""],
      [existing!.name, "商店", "v03-z2", "", ...NO7, "", ""],
      ["坐标填反", "商店", "v03-z6", "", ...NO7, 34.45, 113.15],
      ["只有经度", "商店", "v03-z6", "", ...NO7, 113.15, ""],
      ["", "商店", "曲河村", "", "可能", ...NO7.slice(1), "", ""],
    ])
    const { status, body } = await upload(file, "quhe")
    expect(status).toBe(400)
    expect(body.error).toMatch(/未导入任何单位/)
    expect(body.problems).toEqual([
      { row: 3, column: "类别", message: expect.stringContaining("外星基地") },
      { row: 4, column: "所在责任片区", message: expect.stringContaining("不在您的管辖范围内") },
      { row: 6, column: "单位名称", message: "与第 5 行重复：同一责任片区内已有「重复的店」" },
      { row: 7, column: "单位名称", message: expect.stringContaining("已有名为") },
      { row: 8, column: "经度", message: expect.stringContaining("填反") },
      { row: 9, column: "纬度", message: "经度和纬度须同时填写，或都不填" },
      { row: 10, column: "单位名称", message: "请填写单位名称" },
      { row: 10, column: "所在责任片区", message: expect.stringContaining("不是责任片区") },
      { row: 10, column: "重点单位", message: "应填「是」或「否」，而不是「可能」" },
    ])
    expect(await unitCount()).toBe(units)
    expect(await auditCount()).toBe(audits)
  })

  it("reads a CSV, in UTF-8 with a BOM or in GBK as Excel saves it", async () => {
    const header = HEADERS.join(",")
    const utf8 = `\uFEFF${header}\r\n"曲河村""老兵""饭店",餐饮,v03-z7,"中心街, 东头",否,是,否,是,否,是,否,,\r\n`
    const first = await upload(new TextEncoder().encode(utf8), "gaocheng")
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    const gbkFile = gbk(`${header}\r\n曲河村粮油店,商店,v03-z8,,否,否,否,是,否,是,否,,\r\n`)
    const second = await upload(gbkFile, "gaocheng")
    expect(second.status, JSON.stringify(second.body)).toBe(200)
    const names = (
      await database.db
        .select({ name: tables.units.name, address: tables.units.address })
        .from(tables.units)
        .where(inArray(tables.units.id, [...first.body.unitIds, ...second.body.unitIds]))
    ).map((r) => `${r.name}|${r.address}`)
    expect(names.sort()).toEqual(['曲河村"老兵"饭店|中心街, 东头', "曲河村粮油店|null"].sort())
  })

  it("refuses files it cannot read and templates with a missing column", async () => {
    const xls = await upload(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]), "county")
    expect(xls).toMatchObject({ status: 400, body: { error: expect.stringContaining(".xls") } })
    const noZone = await upload(await xlsx([["某店", "商店"]], ["单位名称", "类别"]), "county")
    expect(noZone.body.problems).toEqual([
      { row: 1, column: "所在责任片区", message: expect.stringContaining("缺少") },
    ])
    const empty = await upload(await xlsx([]), "county")
    expect(empty.body.problems[0].message).toBe("文件中没有单位数据")
  })

  it("needs a session (401), a ledger keeper (403) and a grid in scope (403/404)", async () => {
    const file = await xlsx([["某店", "商店", "x01-z1", "", ...NO7, "", ""]])
    expect((await upload(file, "nobody")).status).toBe(401)
    expect((await upload(file, "brigade")).status).toBe(403)
    expect((await upload(file, "quhe", "?gridId=v04")).status).toBe(403)
    expect((await upload(file, "quhe", "?gridId=nowhere")).status).toBe(404)
    const template = await api.fetch("http://firegrid.test/api/units/import-template.xlsx?gridId=x01", {
      headers: { cookie: cookies.get("gaocheng")! },
    })
    expect(template.status).toBe(403)
    expect((await api.fetch("http://firegrid.test/api/units/import-template.xlsx")).status).toBe(401)
    // The county may fill 徐庄镇; the township of 告成镇 may not, even naming it by code.
    expect((await upload(file, "county")).status).toBe(200)
    const fromGaocheng = await upload(
      await xlsx([["某店二", "商店", "410185002001001", "", ...NO7, "", ""]]),
      "gaocheng",
    )
    expect(fromGaocheng.body.problems[0].message).toContain("不在您的管辖范围内")
  })
})
