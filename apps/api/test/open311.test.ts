import type { AddressInfo } from "node:net"
import type { DatabaseHandle } from "@firegrid/db"
import { countTips, tables } from "@firegrid/db"
import { testEngines } from "@firegrid/db/testing"
import { type ServerType, serve } from "@hono/node-server"
import { eq } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startApi } from "./harness.ts"

// biome-ignore lint/suspicious/noExplicitAny: GeoReport answers are checked field by field below.
type Json = any

/**
 * Open311 GeoReport v2 as an existing 311 client uses it: over a real socket, with plain fetch,
 * form-encoded posts and `.json` paths (STYLE §3, SPEC §4).
 */
describe.each(testEngines())("Open311 GeoReport v2 on $name", (engine) => {
  let database: DatabaseHandle
  let api: Awaited<ReturnType<typeof startApi>>
  let listening: ServerType
  let base: string

  const get = async (path: string) => {
    const response = await fetch(`${base}${path}`)
    return { status: response.status, body: (await response.json()) as Json, headers: response.headers }
  }
  const postForm = async (fields: Record<string, string>) => {
    const response = await fetch(`${base}/requests.json`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    })
    return { status: response.status, body: (await response.json()) as Json, headers: response.headers }
  }
  const postJson = async (body: unknown) => {
    const response = await fetch(`${base}/requests.json`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    })
    return { status: response.status, body: (await response.json()) as Json }
  }

  beforeAll(async () => {
    database = await engine.open()
    api = await startApi(database)
    listening = serve({ fetch: api.server.fetch, port: 0, hostname: "127.0.0.1" })
    await new Promise((resolve) => listening.once("listening", resolve))
    base = `http://127.0.0.1:${(listening.address() as AddressInfo).port}/open311/v2`
  })
  afterAll(async () => {
    await new Promise((resolve) => listening?.close(resolve))
    await database?.close()
  })

  it("discovery names the endpoint, the specification and JSON", async () => {
    const { status, body } = await get("/discovery.json")
    expect(status).toBe(200)
    expect(body.endpoints).toEqual([
      expect.objectContaining({
        specification: "http://wiki.open311.org/GeoReport_v2",
        url: base,
        type: "production",
        formats: ["application/json"],
      }),
    ])
  })

  it("lists one service per hazard category, in Chinese, in the group 消防安全", async () => {
    const { status, body, headers } = await get("/services.json?jurisdiction_id=410185")
    expect(status).toBe(200)
    expect(headers.get("access-control-allow-origin")).toBe("*")
    expect(body).toHaveLength(9)
    expect(body).toContainEqual({
      service_code: "blockedEscape",
      service_name: "堵塞、占用疏散通道或安全出口",
      description: expect.stringContaining("堵塞"),
      metadata: true,
      type: "realtime",
      keywords: expect.any(String),
      group: "消防安全",
    })
  })

  it("defines each service's zone picker as a single-value list of the 200 zones", async () => {
    const { status, body } = await get("/services/eBikeCharging.json")
    expect(status).toBe(200)
    const [zone] = body.attributes
    expect(zone).toMatchObject({ code: "zone", datatype: "singlevaluelist", required: false, variable: true })
    expect(zone.values).toHaveLength(200)
    expect(zone.values).toContainEqual({ key: "410185001003002", name: "告成镇 曲河村第二村民小组" })
    const unknown = await get("/services/ufo.json")
    expect(unknown.status).toBe(404)
    expect(unknown.body).toEqual([{ code: 404, description: expect.stringContaining("ufo") }])
  })

  it("files a form-encoded request, answers its id, and gives it back by id, in the list and by token", async () => {
    const before = await countTips(database.db)
    const filed = await postForm({
      jurisdiction_id: "410185",
      api_key: "any",
      service_code: "blockedEscape",
      "attribute[zone]": "410185001003002",
      description: "超市后门安全出口被货物堵死",
      first_name: "先生",
      last_name: "王",
      phone: "13800000000",
      media_url: "https://example.com/photo.jpg",
    })
    expect(filed.status).toBe(201)
    expect(filed.body).toEqual([
      {
        service_request_id: expect.stringMatching(/^\w{4}-\w{4}-\w{4}$/),
        service_notice: expect.any(String),
        account_id: null,
      },
    ])
    expect(await countTips(database.db)).toBe(before + 1)
    const id = filed.body[0].service_request_id as string

    const one = await get(`/requests/${id}.json`)
    expect(one.status).toBe(200)
    expect(one.body).toEqual([
      expect.objectContaining({
        service_request_id: id,
        status: "open",
        status_notes: "已收到",
        service_code: "blockedEscape",
        service_name: "堵塞、占用疏散通道或安全出口",
        description: "超市后门安全出口被货物堵死",
        agency_responsible: "曲河村第二村民小组",
        media_url: "https://example.com/photo.jpg",
        requested_datetime: "2026-03-05T09:00:00+08:00",
      }),
    ])
    // The filer's name and phone go to the grid, never to the public list.
    expect(JSON.stringify(one.body)).not.toMatch(/13800000000|王先生/)

    const list = await get("/requests.json")
    expect(list.status).toBe(200)
    expect(list.body.map((r: Json) => r.service_request_id)).toContain(id)
    expect(JSON.stringify(list.body)).not.toContain("13800000000")

    const token = await get(`/tokens/${id}.json`)
    expect(token.body).toEqual([{ service_request_id: id, token: id }])

    // The grid sees it through the same path as the public page's tips, with the contact.
    const village = await api.signIn("quhe")
    const mine = (await village.tip.list.query({ gridId: "v03-z2" })).find((t) => t.trackingCode === id)
    expect(mine).toMatchObject({ gridId: "v03-z2", contact: "王先生 13800000000" })
  })

  it("maps the rich tip state to open/closed and filters the list by status and service", async () => {
    const filed = await postJson({
      service_code: "fireLane",
      attribute: { zone: "v04-z1" },
      description: "小区消防车通道被私家车占用",
    })
    expect(filed.status).toBe(201)
    const id = filed.body[0].service_request_id as string
    const county = await api.signIn("county")
    const tip = (await county.tip.list.query({ gridId: "v04-z1" })).find((t) => t.trackingCode === id)!
    await county.tip.act.mutate({
      tipId: tip.id,
      action: { _tag: "Reject", reason: "经核实为临时停放，已驶离" },
    })

    const [closed] = (await get(`/requests/${id}.json`)).body
    expect(closed).toMatchObject({ status: "closed", status_notes: "不予立案" })
    const ids = async (query: string) =>
      ((await get(`/requests.json?${query}`)).body as Json[]).map((r) => r.service_request_id)
    expect(await ids("status=closed")).toContain(id)
    expect(await ids("status=open")).not.toContain(id)
    expect(await ids("service_code=fireLane")).toContain(id)
    expect(await ids("service_code=openFire")).not.toContain(id)
    expect(await ids(`service_request_id=${id},0000-0000-0000`)).toEqual([id])
    expect(await ids("start_date=2026-03-06T00:00:00%2B08:00&end_date=2026-03-20T00:00:00%2B08:00")).toEqual(
      [],
    )
  })

  it("routes by a point inside a mapped zone, and by a zone named in the address", async () => {
    await database.db
      .update(tables.grids)
      .set({
        boundary: {
          type: "Polygon",
          coordinates: [
            [
              [113.1, 34.4],
              [113.2, 34.4],
              [113.2, 34.5],
              [113.1, 34.5],
              [113.1, 34.4],
            ],
          ],
        },
      })
      .where(eq(tables.grids.id, "v05-z3"))
    const byPoint = await postForm({
      service_code: "openFire",
      lat: "34.45",
      long: "113.15",
      description: "烧荒",
    })
    expect(byPoint.status).toBe(201)
    const [pointTip] = (await get(`/requests/${byPoint.body[0].service_request_id}.json`)).body
    const village = await database.db.select().from(tables.grids).where(eq(tables.grids.id, "v05-z3"))
    expect(pointTip.agency_responsible).toBe(village[0]!.name)

    const byAddress = await postForm({
      service_code: "other",
      address_string: `告成镇${village[0]!.name}村口`,
      description: "村口柴草堆靠近电线",
    })
    expect(byAddress.status).toBe(201)
    const [addressTip] = (await get(`/requests/${byAddress.body[0].service_request_id}.json`)).body
    expect(addressTip.agency_responsible).toBe(village[0]!.name)
  })

  it("refuses a bad request with every problem named and files nothing", async () => {
    const before = await countTips(database.db)
    const bad = await postForm({ service_code: "ufo", lat: "34.4", description: "" })
    expect(bad.status).toBe(400)
    const descriptions = (bad.body as Json[]).map((p) => p.description).join("\n")
    expect(bad.body.every((p: Json) => p.code === 400)).toBe(true)
    expect(descriptions).toMatch(/service_code/)
    expect(descriptions).toMatch(/description/)

    const half = await postForm({ service_code: "other", lat: "34.4", description: "有隐患" })
    expect(half.body).toEqual([{ code: 400, description: "lat 与 long 须同时提供" }])
    const nowhere = await postForm({ service_code: "other", address_string: "某处", description: "有隐患" })
    expect(nowhere.body[0].description).toMatch(/attribute\[zone\]/)
    const offMap = await postForm({ service_code: "other", lat: "30", long: "100", description: "有隐患" })
    expect(offMap.status).toBe(400)
    expect(offMap.body[0].description).toMatch(/^lat\/long：.*不在任何责任片区内/)
    const unknownZone = await postForm({
      service_code: "other",
      "attribute[zone]": "v99-z9",
      description: "有",
    })
    expect(unknownZone.body[0].description).toMatch(/^attribute\[zone\]：网格 v99-z9 不存在/)
    const village = await postForm({ service_code: "other", "attribute[zone]": "v03", description: "有" })
    expect(village.body[0].description).toMatch(/责任片区/)
    const badUrl = await postForm({
      service_code: "other",
      "attribute[zone]": "v03-z2",
      description: "有",
      media_url: "file:///etc/passwd",
    })
    expect(badUrl.body[0].description).toMatch(/media_url/)
    const notJson = await fetch(`${base}/requests.json`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    })
    expect(notJson.status).toBe(400)
    expect(await countTips(database.db)).toBe(before)
  })

  it("answers unknown requests and bad list filters as GeoReport errors", async () => {
    expect((await get("/requests/ZZZZ-ZZZZ-ZZZZ.json")).status).toBe(404)
    expect((await get("/tokens/nothing.json")).status).toBe(404)
    expect((await get("/nothing.json")).status).toBe(404)
    expect((await get("/services.xml")).body).toEqual([
      { code: 400, description: expect.stringMatching(/JSON/) },
    ])
    const tooLong = await get("/requests.json?start_date=2025-01-01T00:00:00Z&end_date=2026-03-01T00:00:00Z")
    expect(tooLong).toMatchObject({
      status: 400,
      body: [{ code: 400, description: expect.stringMatching(/90/) }],
    })
    expect((await get("/requests.json?start_date=yesterday")).status).toBe(400)
    expect((await get("/requests.json?status=pending")).status).toBe(400)
    expect((await get("/requests.json?service_code=ufo")).status).toBe(400)
  })
})

describe.each(testEngines())("Open311 shares the public page's filing limit on $name", (engine) => {
  let database: DatabaseHandle
  let api: Awaited<ReturnType<typeof startApi>>
  beforeAll(async () => {
    database = await engine.open()
    api = await startApi(database, undefined, { tipRateLimit: { limit: 2, windowMs: 600_000 } })
  })
  afterAll(async () => {
    await database?.close()
  })

  it("counts both doors against one allowance per address, then says when to come back", async () => {
    const post = () =>
      api.fetch("http://firegrid.test/open311/v2/requests.json", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          service_code: "other",
          "attribute[zone]": "v01-z1",
          description: "有隐患",
        }),
      })
    expect((await post()).status).toBe(201)
    await api.client.tip.file.mutate({ gridId: "v01-z1", category: "other", description: "有隐患" })
    const refused = await post()
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0)
    expect(await refused.json()).toEqual([{ code: 429, description: expect.stringMatching(/提交过于频繁/) }])
    expect(await countTips(database.db)).toBe(2)
  })
})
