import type { DatabaseHandle } from "@firegrid/db"
import { countTips, rowsOf, sealArchive, tables, verifyArchive } from "@firegrid/db"
import { testEngines } from "@firegrid/db/testing"
import { makeDate } from "@firegrid/domain"
import type { TRPCClientError } from "@trpc/client"
import { TRPCError } from "@trpc/server"
import { eq, sql } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { AppRouter } from "../src/router/index.ts"
import { createTipDesk } from "../src/services/tips.ts"
import { type ApiClient, failureOf, startApi } from "./harness.ts"

const goodTip = {
  gridId: "v03-z2",
  category: "blockedEscape",
  description: "超市后门安全出口被货物堵死，晚上还上锁。",
} as const

describe.each(testEngines())("public tips through the real router on $name (T-1, T-2)", (engine) => {
  let database: DatabaseHandle
  let client: ApiClient
  beforeAll(async () => {
    database = await engine.open()
    client = (await startApi(database)).client
  })
  afterAll(async () => {
    await database?.close()
  })

  it("files a tip to the chosen zone and returns a tracking code the filer can look up", async () => {
    const { trackingCode } = await client.tip.file.mutate({ ...goodTip, contact: "王先生 13800000000" })
    expect(trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/)
    const status = await client.tip.status.query({
      trackingCode: trackingCode.toLowerCase().replace(/-/g, " "),
    })
    expect(status).toMatchObject({
      trackingCode,
      status: "Received",
      statusLabel: "已收到",
      open311Status: "open",
      canReopen: false,
      zoneName: "曲河村第二村民小组",
      categoryLabel: "堵塞、占用疏散通道或安全出口",
    })
    expect(status).not.toHaveProperty("contact")
  })

  it("gives every tip its own code", async () => {
    const codes = await Promise.all(Array.from({ length: 5 }, () => client.tip.file.mutate(goodTip)))
    expect(new Set(codes.map((c) => c.trackingCode)).size).toBe(5)
  })

  it("files a burst of tips in shared transactions: each stored once, with its own archive event", async () => {
    const before = await countTips(database.db)
    const burst = Array.from({ length: 40 }, (_, i) =>
      i % 10 === 9
        ? client.tip.file.mutate({ ...goodTip, gridId: "v99-z9" })
        : client.tip.file.mutate({ ...goodTip, description: `并发举报第 ${i} 件：楼道堆放杂物` }),
    )
    const settled = await Promise.allSettled(burst)
    const filed = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []))
    expect(filed).toHaveLength(36)
    const refusals = settled.flatMap((s) =>
      s.status === "rejected" ? [s.reason as TRPCClientError<AppRouter>] : [],
    )
    expect(refusals.map((e) => e.data?.code)).toEqual(Array(4).fill("BAD_REQUEST"))
    expect(new Set(filed.map((f) => f.trackingCode)).size).toBe(36)
    expect(await countTips(database.db)).toBe(before + 36)
    const [events] = rowsOf<{ n: number }>(
      await database.db.execute(
        sql`select count(*)::int as n from audit_events a join tips t on t.id = a.subject_id
            where a.action = 'tip.file' and t.description like '并发举报第%'`,
      ),
    )
    expect(events?.n).toBe(36)
    const one = await client.tip.status.query({ trackingCode: filed[7]!.trackingCode })
    expect(one.description).toBe("并发举报第 7 件：楼道堆放杂物")
    await sealArchive(database.db)
    expect((await verifyArchive(database.db)).ok).toBe(true)
  })

  it("refuses a tip to a zone deleted after it was looked up, naming the zone, and stores nothing", async () => {
    await database.db
      .insert(tables.grids)
      .values({ id: "v03-z99", parentId: "v03", level: "small", name: "临时片区", code: "410185001003099" })
    const desk = createTipDesk(database.db)
    const tip = { gridId: "v03-z99", category: "other", description: "临时片区里的隐患" } as const
    // The lookup happens (and is remembered) before the photo is found to be no picture at all.
    const notAPicture = await desk
      .file({ ...tip, photos: [new Uint8Array([1, 2, 3])] }, new Date(), makeDate(2026, 3, 5))
      .then(
        () => null,
        (error: unknown) => error,
      )
    expect(notAPicture).toBeInstanceOf(TRPCError)
    await database.db.delete(tables.grids).where(eq(tables.grids.id, "v03-z99"))
    const before = await countTips(database.db)
    const refused = await desk.file(tip, new Date(), makeDate(2026, 3, 5)).then(
      () => null,
      (error: unknown) => error,
    )
    expect(refused).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/v03-z99 不存在/) })
    expect(await countTips(database.db)).toBe(before)
  })

  const badInputs: ReadonlyArray<[string, Record<string, unknown>, string, RegExp]> = [
    ["a missing zone", { ...goodTip, gridId: undefined }, "gridId", /请选择隐患所在的责任片区/],
    ["a point off the map", { ...goodTip, point: [200, 95] }, "point", /经纬度/],
    [
      "a point outside every mapped zone and no zone",
      { ...goodTip, gridId: undefined, point: [100, 30] },
      "point",
      /不在任何责任片区内/,
    ],
    ["an unknown zone", { ...goodTip, gridId: "v99-z9" }, "gridId", /不存在/],
    ["a village instead of a zone", { ...goodTip, gridId: "v03" }, "gridId", /责任片区/],
    ["an unknown category", { ...goodTip, category: "ufo" }, "category", /请选择隐患类别/],
    ["an empty description", { ...goodTip, description: "   " }, "description", /请填写隐患描述/],
    [
      "a description over 2,000 characters",
      { ...goodTip, description: "火".repeat(2001) },
      "description",
      /2000/,
    ],
    ["a description that is a number", { ...goodTip, description: 42 }, "description", /应为文字/],
  ]

  it.each(badInputs)(
    "refuses %s with a 400 naming the field, and stores nothing",
    async (_, input, field, message) => {
      const before = await countTips(database.db)
      const error = await failureOf(client.tip.file.mutate(input as never))
      expect(error.data?.httpStatus).toBe(400)
      expect(error.data?.code).toBe("BAD_REQUEST")
      const issue = error.data?.issues?.find((i) => i.path[0] === field)
      expect(issue?.message).toMatch(message)
      expect(await countTips(database.db)).toBe(before)
    },
  )

  it("reports every bad field at once", async () => {
    const error = await failureOf(client.tip.file.mutate({} as never))
    expect(error.data?.issues?.map((i) => i.path[0]).sort()).toEqual(["category", "description", "gridId"])
  })

  it("accepts exactly 2,000 characters", async () => {
    await expect(
      client.tip.file.mutate({ ...goodTip, description: "火".repeat(2000) }),
    ).resolves.toHaveProperty("trackingCode")
  })

  it("answers an unknown tracking code with NOT_FOUND in Chinese", async () => {
    const error = await failureOf(client.tip.status.query({ trackingCode: "0000-0000-0000" }))
    expect(error.data?.code).toBe("NOT_FOUND")
    expect(error.message).toContain("未找到")
  })
})
