import { localDate } from "@firegrid/domain"
import { count, eq } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { DatabaseHandle } from "../src/index.ts"
import {
  assignRole,
  importUnits,
  insertPerson,
  listRoster,
  listUnits,
  loadDemoCountyIfEmpty,
  tables,
  verifyArchive,
} from "../src/index.ts"
import { testEngines } from "../src/testing.ts"

const AT = new Date("2026-03-05T09:00:00+08:00")
const shop = (id: string, name: string, gridId: string) => ({
  id,
  name,
  kind: "shop" as const,
  flags: {
    key: false,
    crowded: false,
    flammable: false,
    streetFront: true,
    rental: false,
    smallPlace: true,
    threeInOne: false,
  },
  address: null,
  location: null,
  gridId,
})

describe.each(testEngines())("the county's ledgers on $name (G-1, G-4)", (engine) => {
  let handle: DatabaseHandle
  const sizeOf = async (table: typeof tables.units | typeof tables.assignments | typeof tables.persons) =>
    (await handle.db.select({ n: count() }).from(table))[0]!.n
  beforeAll(async () => {
    handle = await engine.open()
    await loadDemoCountyIfEmpty(handle.db)
  })
  afterAll(async () => {
    await handle?.close()
  })

  it("imports a batch all together or not at all", async () => {
    const before = await sizeOf(tables.units)
    await importUnits(
      handle.db,
      [shop("u-a", "甲店", "v01-z1"), shop("u-b", "乙店", "v01-z2")],
      "v01",
      AT,
      "acct-t",
      "a.xlsx",
    )
    expect(await sizeOf(tables.units)).toBe(before + 2)
    // The second row reuses an id: the first row must not stay behind either.
    await expect(
      importUnits(
        handle.db,
        [shop("u-c", "丙店", "v01-z1"), shop("u-a", "丁店", "v01-z1")],
        "v01",
        AT,
        "acct-t",
        "b.xlsx",
      ),
    ).rejects.toThrow()
    expect(await sizeOf(tables.units)).toBe(before + 2)
    const page = await listUnits(handle.db, {
      gridIds: ["v01-z1"],
      flags: { streetFront: true },
      nameContains: "甲",
      offset: 0,
      limit: 10,
    })
    expect(page.units.map((u) => u.unit.name)).toEqual(["甲店"])
  })

  it("ends the previous first responsible's term the day before, and rolls back a refused appointment", async () => {
    const [persons, assignments] = [await sizeOf(tables.persons), await sizeOf(tables.assignments)]
    const created = await insertPerson(
      handle.db,
      { id: "p-new", name: "新组长", title: null, phone: null },
      { gridId: "v01-z1", role: "firstResponsible", since: localDate("2026-03-01"), replacesHolders: true },
      AT,
      "acct-t",
    )
    expect(created).toEqual({ id: expect.any(Number) })
    const first = (await listRoster(handle.db, ["v01-z1"])).filter((a) => a.role === "firstResponsible")
    expect(first.map((a) => [a.person.id, a.since, a.until])).toEqual([
      ["p-v01-z1-leader", "2023-01-01", "2026-02-28"],
      ["p-new", "2026-03-01", null],
    ])

    const refused = await insertPerson(
      handle.db,
      { id: "p-late", name: "晚到者", title: null, phone: null },
      { gridId: "v01-z1", role: "firstResponsible", since: localDate("2026-02-01"), replacesHolders: true },
      AT,
      "acct-t",
    )
    expect(refused).toEqual({ _tag: "HolderSinceLater", holderSince: "2026-03-01" })
    expect(await sizeOf(tables.persons)).toBe(persons + 1)
    expect(await sizeOf(tables.assignments)).toBe(assignments + 1)
    const [untouched] = await handle.db
      .select()
      .from(tables.assignments)
      .where(eq(tables.assignments.personId, "p-new"))
    expect(untouched?.until).toBeNull()

    const twice = await assignRole(
      handle.db,
      {
        gridId: "v01-z1",
        personId: "p-new",
        role: "firstResponsible",
        since: localDate("2026-04-01"),
        replacesHolders: true,
      },
      AT,
      "acct-t",
    )
    expect(twice).toEqual({ _tag: "AlreadyHolds" })
    expect((await verifyArchive(handle.db)).ok).toBe(true)
  })
})
