import type { DatabaseHandle } from "@firegrid/db"
import { tables } from "@firegrid/db"
import { testEngines } from "@firegrid/db/testing"
import { and, eq } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiClient, failureOf, startApi } from "./harness.ts"

describe.each(testEngines())("the grid tree through the real router on $name (G-1, G-10)", (engine) => {
  let database: DatabaseHandle
  let client: ApiClient
  let api: Awaited<ReturnType<typeof startApi>>
  let fetchApi: (url: string) => Promise<Response>
  beforeAll(async () => {
    database = await engine.open()
    api = await startApi(database)
    client = await api.signIn("county")
    fetchApi = (url) => api.fetch(`http://firegrid.test${url}`)
  })
  afterAll(async () => {
    await database?.close()
  })

  it("shows 告成镇 with 24 villages, each village with its head as first responsible person", async () => {
    const tree = await client.grid.tree.query()
    const town = tree.find((g) => g.name === "告成镇")!
    expect(town.firstResponsible).toEqual({ name: "何聪道", title: "镇党委副书记、镇长" })
    const villages = tree.filter((g) => g.parentId === town.id)
    expect(villages).toHaveLength(24)
    expect(villages.every((v) => v.firstResponsible?.title === "村委会主任")).toBe(true)
    expect(tree.filter((g) => g.level === "small")).toHaveLength(200)
    expect(tree.reduce((sum, g) => sum + g.unitCount, 0)).toBe(520)
  })

  it("shows a village admin only the village and its zones, and a zone leader only the zone", async () => {
    const village = await (await api.signIn("quhe")).grid.tree.query()
    expect(village.map((g) => g.id).sort()).toEqual(
      ["v03", ...Array.from({ length: 9 }, (_, i) => `v03-z${i + 1}`)].sort(),
    )
    const zone = await (await api.signIn("quhe-2")).grid.tree.query()
    expect(zone.map((g) => g.name)).toEqual(["曲河村第二村民小组"])
  })

  it("asks for a login before showing the tree or coverage", async () => {
    expect((await failureOf(api.client.grid.tree.query())).data?.code).toBe("UNAUTHORIZED")
    expect((await failureOf(api.client.grid.coverage.query())).data?.code).toBe("UNAUTHORIZED")
  })

  it("gives the public page names only, no people", async () => {
    const places = await client.grid.places.query()
    expect(places).toHaveLength(225)
    expect(places.every((p) => Object.keys(p).sort().join() === "id,level,name,parentId")).toBe(true)
  })

  it("reports full coverage, then the unit that a zone dropped", async () => {
    expect(await client.grid.coverage.query()).toMatchObject({ ok: true, defects: [] })
    await database.db.update(tables.units).set({ gridId: null }).where(eq(tables.units.id, "u0001"))
    const report = await client.grid.coverage.query()
    expect(report.ok).toBe(false)
    expect(report.defects).toEqual([
      {
        kind: "UnitWithoutSmallGrid",
        unitId: "u0001",
        message: "单位「告成镇第一初级中学」未划入任何责任片区",
      },
    ])
    // Nobody below the county owns an unplaced unit; a village sees its own gaps only.
    expect((await (await api.signIn("gaocheng")).grid.coverage.query()).ok).toBe(true)
    await database.db
      .update(tables.assignments)
      .set({ until: "2026-01-31" })
      .where(and(eq(tables.assignments.gridId, "v03-z4"), eq(tables.assignments.role, "workGroup")))
    const quhe = await (await api.signIn("quhe")).grid.coverage.query()
    expect(quhe.defects.map((d) => [d.kind, d.gridId])).toEqual([["SmallGridWithoutWorkGroup", "v03-z4"]])
    expect(quhe.counts).toMatchObject({ medium: 1, small: 9 })
    expect((await (await api.signIn("quhe-2")).grid.coverage.query()).ok).toBe(true)
  })

  it("answers /healthz with the database engine", async () => {
    const response = await fetchApi("/healthz")
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: "ok", database: engine.name })
  })
})
