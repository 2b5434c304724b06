import type { DatabaseHandle } from "@firegrid/db"
import { tables, verifyArchive } from "@firegrid/db"
import { testEngines } from "@firegrid/db/testing"
import { and, count, eq } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { addSecondTownship } from "./fixtures.ts"
import { type ApiClient, failureOf, startApi } from "./harness.ts"

describe.each(testEngines())(
  "the units ledger through the real router on $name (G-1, G-6, G-9)",
  (engine) => {
    let database: DatabaseHandle
    let county: ApiClient
    let quhe: ApiClient
    let zone2: ApiClient
    let brigade: ApiClient
    const unitsIn = async (gridId: string) =>
      (await database.db.select({ n: count() }).from(tables.units).where(eq(tables.units.gridId, gridId)))[0]!
        .n

    beforeAll(async () => {
      database = await engine.open()
      const api = await startApi(database)
      await addSecondTownship(database.db)
      county = await api.signIn("county")
      quhe = await api.signIn("quhe")
      zone2 = await api.signIn("quhe-2")
      brigade = await api.signIn("brigade")
    })
    afterAll(async () => {
      await database?.close()
    })

    it("lists the units of my subtree a page at a time, filtered by kind, focus flags and name", async () => {
      const all = await quhe.unit.list.query({ pageSize: 200 })
      const inVillage = (await database.db.select().from(tables.units)).filter((u) =>
        u.gridId?.startsWith("v03-"),
      )
      expect(all.total).toBe(inVillage.length)
      expect(all.units.every((u) => u.gridId?.startsWith("v03-"))).toBe(true)

      const first = await quhe.unit.list.query({ pageSize: 5, page: 1 })
      const second = await quhe.unit.list.query({ pageSize: 5, page: 2 })
      expect(first.units).toHaveLength(5)
      expect(new Set([...first.units, ...second.units].map((u) => u.id)).size).toBe(
        first.units.length + second.units.length,
      )

      const keyUnits = await county.unit.list.query({ flags: { key: true }, pageSize: 1 })
      expect(keyUnits.total).toBe(219)
      const schools = await county.unit.list.query({ kind: "school", pageSize: 50 })
      expect(
        schools.units.every((u) => u.kindLabel === "学校" && u.flagLabels.includes("消防安全重点单位")),
      ).toBe(true)
      const byName = await county.unit.list.query({ q: "网吧" })
      expect(byName.total).toBe(4)
      expect((await failureOf(quhe.unit.list.query({ gridId: "v04" }))).data?.code).toBe("FORBIDDEN")
      const bad = await failureOf(county.unit.list.query({ pageSize: 1000 } as never))
      expect(bad.data?.issues?.[0]).toMatchObject({
        path: ["pageSize"],
        message: "每页条数应在 1 到 200 之间",
      })
    })

    it("adds a unit to a zone of mine, once per name in a zone", async () => {
      const before = await unitsIn("v03-z2")
      const shop = await zone2.unit.create.mutate({
        name: "曲河村电动车维修店",
        kind: "shop",
        flags: { streetFront: true, smallPlace: true },
        address: "曲河村中心街 12 号",
        location: [113.15, 34.45],
        gridId: "v03-z2",
      })
      expect(shop).toMatchObject({
        kindLabel: "商店",
        zoneName: "曲河村第二村民小组",
        flags: { streetFront: true, smallPlace: true, key: false },
        flagLabels: ["沿街门店", "九小场所"],
      })
      expect(await unitsIn("v03-z2")).toBe(before + 1)
      expect(await zone2.unit.get.query({ unitId: shop.id })).toEqual(shop)

      const again = await failureOf(
        zone2.unit.create.mutate({ name: "曲河村电动车维修店", kind: "shop", gridId: "v03-z2" }),
      )
      expect(again.data?.code).toBe("CONFLICT")
      expect(again.message).toBe("责任片区「曲河村第二村民小组」已有名为「曲河村电动车维修店」的单位")
      const village = await failureOf(quhe.unit.create.mutate({ name: "某店", kind: "shop", gridId: "v03" }))
      expect(village.data?.issues?.[0]).toMatchObject({
        path: ["gridId"],
        message: "单位只能登记到责任片区（小网格）",
      })
      const swapped = await failureOf(
        quhe.unit.create.mutate({ name: "某店", kind: "shop", gridId: "v03-z1", location: [34.45, 113.15] }),
      )
      expect(swapped.data?.issues?.[0]).toMatchObject({ path: ["location"] })
      expect(
        (await failureOf(zone2.unit.create.mutate({ name: "某店", kind: "shop", gridId: "v03-z1" }))).data
          ?.code,
      ).toBe("FORBIDDEN")
      expect(
        (await failureOf(brigade.unit.create.mutate({ name: "某店", kind: "shop", gridId: "v03-z1" }))).data
          ?.code,
      ).toBe("FORBIDDEN")
      const badKind = await failureOf(
        quhe.unit.create.mutate({ name: "某店", kind: "ufo", gridId: "v03-z1" } as never),
      )
      expect(badKind.data?.issues?.[0]).toMatchObject({ path: ["kind"], message: "请选择单位类别" })
      expect(await unitsIn("v03-z2")).toBe(before + 1)
    })

    it("changes a unit's kind and flags, and moves it between zones only within my scope", async () => {
      const [unit] = (await zone2.unit.list.query({ q: "电动车维修店" })).units
      const changed = await zone2.unit.update.mutate({
        unitId: unit!.id,
        kind: "rentalHouse",
        flags: { rental: true },
        address: null,
      })
      expect(changed).toMatchObject({
        kind: "rentalHouse",
        address: null,
        flags: { rental: true, streetFront: true, smallPlace: true },
      })

      // The zone leader cannot hand the unit to the neighbouring zone; the village can.
      expect(
        (await failureOf(zone2.unit.update.mutate({ unitId: unit!.id, gridId: "v03-z3" }))).data?.code,
      ).toBe("FORBIDDEN")
      expect(
        (await failureOf(quhe.unit.update.mutate({ unitId: unit!.id, gridId: "v04-z1" }))).data?.code,
      ).toBe("FORBIDDEN")
      const moved = await quhe.unit.update.mutate({ unitId: unit!.id, gridId: "v03-z3" })
      expect(moved).toMatchObject({ gridId: "v03-z3", zoneName: "曲河村第三村民小组" })
      expect((await failureOf(zone2.unit.get.query({ unitId: unit!.id }))).data?.code).toBe("FORBIDDEN")

      const [event] = await database.db
        .select()
        .from(tables.auditEvents)
        .where(and(eq(tables.auditEvents.action, "unit.move"), eq(tables.auditEvents.subjectId, unit!.id)))
      expect(event).toMatchObject({
        actor: "acct-quhe",
        gridId: "v03-z3",
        before: expect.objectContaining({ gridId: "v03-z2" }),
        after: expect.objectContaining({ gridId: "v03-z3" }),
      })
      const [neighbour] = (await quhe.unit.list.query({ gridId: "v03-z3", pageSize: 200 })).units.filter(
        (u) => u.id !== unit!.id,
      )
      const clash = await failureOf(quhe.unit.update.mutate({ unitId: unit!.id, name: neighbour!.name }))
      expect(clash.data?.code).toBe("CONFLICT")
      expect((await failureOf(quhe.unit.get.query({ unitId: "u-nowhere" }))).data?.code).toBe("NOT_FOUND")
      expect((await verifyArchive(database.db)).ok).toBe(true)
    })
  },
)
