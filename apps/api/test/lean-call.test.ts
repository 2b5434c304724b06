import type { DatabaseHandle } from "@firegrid/db"
import { testEngines } from "@firegrid/db/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startApi } from "./harness.ts"

type Fetch = (input: string, init?: RequestInit) => Promise<Response>

/** The same body sent as a single call (the lean handler) and as a batch of one (tRPC's adapter). */
const bothWays = async (fetchApp: Fetch, body: string, contentType = "application/json") => {
  const single = await fetchApp("http://firegrid.test/trpc/tip.file", {
    method: "POST",
    headers: { "content-type": contentType },
    body,
  })
  let batchBody: string
  try {
    batchBody = JSON.stringify({ 0: JSON.parse(body) })
  } catch {
    batchBody = `{"0":${body}}`
  }
  const batch = await fetchApp("http://firegrid.test/trpc/tip.file?batch=1", {
    method: "POST",
    headers: { "content-type": contentType },
    body: batchBody,
  })
  const batchJson = (await batch.json()) as unknown[] | Record<string, unknown>
  return {
    single: { status: single.status, headers: single.headers, body: await single.json() },
    batch: {
      status: batch.status,
      headers: batch.headers,
      body: Array.isArray(batchJson) ? batchJson[0] : batchJson,
    },
  }
}

const goodTip = { gridId: "v03-z2", category: "other", description: "楼道里堆满纸箱" }

describe.each(testEngines())(
  "a single tip.file call answers exactly as tRPC's adapter would, on $name",
  (engine) => {
    let database: DatabaseHandle
    let fetchApp: Fetch
    let limitedFetch: Fetch
    beforeAll(async () => {
      database = await engine.open()
      fetchApp = (await startApi(database)).fetch
      limitedFetch = (await startApi(database, undefined, { tipRateLimit: { limit: 2, windowMs: 600_000 } }))
        .fetch
    })
    afterAll(async () => {
      await database?.close()
    })

    it("files a tip: same status, same headers, same shape of answer", async () => {
      const { single, batch } = await bothWays(fetchApp, JSON.stringify(goodTip))
      expect(single.status).toBe(200)
      expect(batch.status).toBe(200)
      expect(single.headers.get("content-type")).toBe(batch.headers.get("content-type"))
      expect(single.headers.get("vary")).toBe(batch.headers.get("vary"))
      for (const answer of [single.body, batch.body])
        expect(answer).toEqual({
          result: {
            data: { trackingCode: expect.stringMatching(/^\w{4}-\w{4}-\w{4}$/), filedAt: expect.any(String) },
          },
        })
    })

    const refusals: ReadonlyArray<[string, string]> = [
      [
        "fields in error, each named, in Chinese",
        JSON.stringify({ ...goodTip, category: "ufo", description: " " }),
      ],
      ["an unknown zone", JSON.stringify({ ...goodTip, gridId: "v99-z9" })],
      ["a village instead of a zone", JSON.stringify({ ...goodTip, gridId: "v03" })],
      ["no input at all", "null"],
      ["a list instead of a tip", "[1,2]"],
      ["a description of 2,001 characters", JSON.stringify({ ...goodTip, description: "火".repeat(2001) })],
    ]
    it.each(refusals)("refuses %s with the adapter's status and error shape", async (_, body) => {
      const { single, batch } = await bothWays(fetchApp, body)
      expect(single.status).toBeGreaterThanOrEqual(400)
      expect(single.status).toBe(batch.status)
      expect(single.body).toEqual(batch.body)
    })

    it("refuses a body that is not JSON with BAD_REQUEST and the parser's message, as the adapter does", async () => {
      const single = await fetchApp("http://firegrid.test/trpc/tip.file", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{gridId:",
      })
      let parserMessage = ""
      try {
        JSON.parse("{gridId:")
      } catch (error) {
        parserMessage = (error as Error).message
      }
      expect(single.status).toBe(400)
      expect(await single.json()).toEqual({
        error: {
          message: parserMessage,
          code: -32600,
          data: { code: "BAD_REQUEST", httpStatus: 400, path: "tip.file", issues: null },
        },
      })
    })

    it("answers the rate limit with 429 and Retry-After, as the adapter does", async () => {
      const file = (batch: boolean) =>
        limitedFetch(`http://firegrid.test/trpc/tip.file${batch ? "?batch=1" : ""}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(batch ? { 0: goodTip } : goodTip),
        })
      expect((await file(false)).status).toBe(200)
      expect((await file(false)).status).toBe(200)
      const single = await file(false)
      const batch = await file(true)
      expect(single.status).toBe(429)
      expect(batch.status).toBe(429)
      expect(single.headers.get("retry-after")).toBe(batch.headers.get("retry-after"))
      expect(await single.json()).toEqual(((await batch.json()) as unknown[])[0])
    })
  },
)
