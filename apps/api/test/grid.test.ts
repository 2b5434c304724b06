import type { DatabaseHandle } from "@firegrid/db"
import { tables } from "@firegrid/db"
import { testEngines } from "@firegrid/db/testing"
import { eq } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiClient, startApi } from "./harness.ts"

describe.each(testEngines())("the grid tree through the real router on $name (G-1, G-10)", (engine) => {
  let database: DatabaseHandle
  let client: ApiClient
  let fetchApi: (url: string) => Promise<Response>
  beforeAll(async () => {
    database = await engine.open()
    const api = await startApi(database)
    client = api.client
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
  })

  it("answers /healthz with the database engine", async () => {
    const response = await fetchApi("/healthz")
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: "ok", database: engine.name })
  })
})
