import type { DatabaseHandle } from "@firegrid/db"
import { countTips } from "@firegrid/db"
import { testEngines } from "@firegrid/db/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createRateLimiter, parseRateLimit } from "../src/rate-limit.ts"
import { startApi } from "./harness.ts"

const tip = { gridId: "v01-z1", category: "openFire", description: "麦秸垛旁边有人烧荒" }

describe("the per-address limit on public filing", () => {
  it("allows N in a window, then says how long to wait, then allows again", () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: 60_000 })
    expect(limiter.take("a", 0).allowed).toBe(true)
    expect(limiter.take("a", 1_000).allowed).toBe(true)
    expect(limiter.take("a", 2_000)).toEqual({ allowed: false, retryAfterSeconds: 58 })
    expect(limiter.take("b", 2_000).allowed).toBe(true)
    expect(limiter.take("a", 60_000).allowed).toBe(true)
  })

  it("reads N/SECONDS and refuses anything else", () => {
    expect(parseRateLimit("10/600")).toEqual({ limit: 10, windowMs: 600_000 })
    expect(() => parseRateLimit("ten a minute")).toThrow(/N\/SECONDS/)
  })
})

describe.each(testEngines())("tip.file over HTTP with a limit of 3 per address on $name", (engine) => {
  let database: DatabaseHandle
  let api: Awaited<ReturnType<typeof startApi>>
  beforeAll(async () => {
    database = await engine.open()
    api = await startApi(database, undefined, {
      tipRateLimit: { limit: 3, windowMs: 600_000 },
      trustProxy: true,
    })
  })
  afterAll(async () => {
    await database?.close()
  })

  const fileFrom = (address: string) =>
    api.fetch("http://firegrid.test/trpc/tip.file", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": address },
      body: JSON.stringify(tip),
    })

  it("answers the 4th tip from one address with 429 and Retry-After, stores nothing, and still serves others", async () => {
    for (let i = 0; i < 3; i++) expect((await fileFrom("203.0.113.7")).status).toBe(200)
    const before = await countTips(database.db)
    const refused = await fileFrom("203.0.113.7")
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0)
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/提交过于频繁/)
    expect(await countTips(database.db)).toBe(before)
    expect((await fileFrom("198.51.100.2")).status).toBe(200)
  })
})
