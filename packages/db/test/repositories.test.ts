import { buildDemoCounty, checkCoverage, type GridId, localDate } from "@firegrid/domain"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { DatabaseHandle } from "../src/index.ts"
import {
  countTips,
  findTipByCode,
  insertTips,
  loadDemoCountyIfEmpty,
  loadGridTree,
  verifyArchive,
} from "../src/index.ts"
import { testEngines } from "../src/testing.ts"

describe.each(testEngines())("repositories on $name", (engine) => {
  let handle: DatabaseHandle
  beforeAll(async () => {
    handle = await engine.open()
  })
  afterAll(async () => {
    await handle?.close()
  })

  it("starts empty and migrated, and answers a ping", async () => {
    await handle.ping()
    expect((await loadGridTree(handle.db)).grids).toEqual([])
  })

  it("loads the demo county once, and reads back exactly the county the domain built", async () => {
    expect(await loadDemoCountyIfEmpty(handle.db)).toBe(true)
    expect(await loadDemoCountyIfEmpty(handle.db)).toBe(false)
    const tree = await loadGridTree(handle.db)
    const built = buildDemoCounty()
    expect(tree.grids.length).toBe(built.grids.length)
    expect(new Set(tree.placements.map((p) => `${p.unitId}@${p.gridId}`))).toEqual(
      new Set(built.placements.map((p) => `${p.unitId}@${p.gridId}`)),
    )
    expect(checkCoverage(tree, localDate("2026-03-05")).ok).toBe(true)
  })

  it("stores a tip and finds it by its tracking code only", async () => {
    await insertTips(handle.db, [
      {
        tip: {
          id: "tip-1",
          trackingCode: "ABCD-EFGH-JKMN",
          gridId: "v03-z2" as GridId,
          category: "blockedEscape",
          description: "楼道堆满杂物，安全出口被锁",
          address: null,
          contact: "13800000000",
          point: null,
          receivedOn: "2026-03-05",
        },
        at: new Date("2026-03-05T02:00:00Z"),
        photos: [],
      },
    ])
    const found = await findTipByCode(handle.db, "ABCD-EFGH-JKMN")
    expect(found).toMatchObject({ status: "Received", zoneName: "曲河村第二村民小组", events: [] })
    expect(found?.tip).toMatchObject({
      category: "blockedEscape",
      receivedOn: "2026-03-05",
      anonymous: false,
    })
    expect(await findTipByCode(handle.db, "ABCD-EFGH-JKMX")).toBeUndefined()
    expect(await countTips(handle.db)).toBe(1)
  })

  it("refuses a batch holding a tip for a grid that does not exist, and stores none of it", async () => {
    const tip = (id: string, gridId: string) => ({
      tip: {
        id,
        trackingCode: `${id.toUpperCase()}-ZZZZ-ZZZZ`,
        gridId: gridId as GridId,
        category: "other" as const,
        description: "x",
        address: null,
        contact: null,
        point: null,
        receivedOn: "2026-03-05",
      },
      at: new Date("2026-03-05T02:00:00Z"),
      photos: [],
    })
    await expect(insertTips(handle.db, [tip("tp2a", "v03-z2"), tip("tp2b", "nowhere")])).rejects.toThrow()
    expect(await countTips(handle.db)).toBe(1)
    // The refused tip left no archive event behind either: the demo import and the one good tip.
    expect((await verifyArchive(handle.db)).pending).toBe(2)
  })
})
