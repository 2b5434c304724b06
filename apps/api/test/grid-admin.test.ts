import type { DatabaseHandle } from "@firegrid/db"
import { tables, verifyArchive } from "@firegrid/db"
import { testEngines } from "@firegrid/db/testing"
import { count, eq } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { addSecondTownship } from "./fixtures.ts"
import { type ApiClient, type ApiHarness, failureOf, startApi } from "./harness.ts"

const ring = (points: ReadonlyArray<readonly [number, number]>) => ({
  type: "Polygon" as const,
  coordinates: [points],
})
const square = ring([
  [113.1, 34.4],
  [113.2, 34.4],
  [113.2, 34.5],
  [113.1, 34.5],
  [113.1, 34.4],
])

describe.each(testEngines())("keeping the grid tree and its roster on $name (G-1..G-4)", (engine) => {
  let database: DatabaseHandle
  let api: ApiHarness
  let county: ApiClient
  let gaocheng: ApiClient
  let quhe: ApiClient
  const tableSizes = async () =>
    Promise.all(
      [tables.grids, tables.assignments, tables.persons, tables.auditEvents].map(
        async (t) => (await database.db.select({ n: count() }).from(t))[0]!.n,
      ),
    )

  beforeAll(async () => {
    database = await engine.open()
    api = await startApi(database)
    await addSecondTownship(database.db)
    county = await api.signIn("county")
    gaocheng = await api.signIn("gaocheng")
    quhe = await api.signIn("quhe")
  })
  afterAll(async () => {
    await database?.close()
  })

  it("adds a village under a township and a zone under it, each a level below its parent (G-1)", async () => {
    const village = await gaocheng.grid.create.mutate({
      parentId: "town-gaocheng",
      name: "新村社区",
      code: "410185001099000",
    })
    expect(village).toMatchObject({
      level: "medium",
      levelLabel: "中网格（村/社区）",
      parentId: "town-gaocheng",
    })
    const zone = await gaocheng.grid.create.mutate({
      parentId: village.id,
      name: "新村社区第一网格",
      code: "410185001099001",
      location: "新村社区东区",
    })
    expect(zone).toMatchObject({ level: "small", location: "新村社区东区" })
    const below = await failureOf(
      gaocheng.grid.create.mutate({ parentId: zone.id, name: "再下一级", code: "X1" }),
    )
    expect(below.data).toMatchObject({
      code: "BAD_REQUEST",
      issues: [{ path: ["parentId"], message: expect.stringContaining("不再划分") }],
    })
    const taken = await failureOf(
      county.grid.create.mutate({ parentId: "v03", name: "重号", code: "410185001099001" }),
    )
    expect(taken.data?.code).toBe("CONFLICT")
    expect(taken.message).toBe("网格编码 410185001099001 已被使用")
    // A township is the county's to create, and another township's villages are not 告成镇's.
    expect(
      (await failureOf(gaocheng.grid.create.mutate({ parentId: "county", name: "某镇", code: "X2" }))).data
        ?.code,
    ).toBe("FORBIDDEN")
    expect(
      (await failureOf(gaocheng.grid.create.mutate({ parentId: "x01", name: "某组", code: "X3" }))).data
        ?.code,
    ).toBe("FORBIDDEN")
    expect(
      await county.grid.create.mutate({ parentId: "county", name: "大金店镇", code: "410185003000000" }),
    ).toMatchObject({ level: "large" })
    const tree = await gaocheng.grid.tree.query()
    expect(tree.find((g) => g.id === zone.id)).toMatchObject({
      parentId: village.id,
      name: "新村社区第一网格",
    })
  })

  it("renames grids below me, but a township does not rename itself", async () => {
    expect(
      await gaocheng.grid.rename.mutate({ gridId: "v03-z9", name: "曲河村第九村民小组（北片）" }),
    ).toMatchObject({
      name: "曲河村第九村民小组（北片）",
    })
    expect(
      (await failureOf(gaocheng.grid.rename.mutate({ gridId: "town-gaocheng", name: "告成街道" }))).data
        ?.code,
    ).toBe("FORBIDDEN")
    expect((await failureOf(quhe.grid.rename.mutate({ gridId: "v03-z1", name: "一组" }))).data?.code).toBe(
      "FORBIDDEN",
    )
    const [event] = await database.db
      .select()
      .from(tables.auditEvents)
      .where(eq(tables.auditEvents.action, "grid.rename"))
    expect(event).toMatchObject({
      actor: "acct-gaocheng",
      before: { name: "曲河村第九村民小组" },
      after: { name: "曲河村第九村民小组（北片）" },
    })
  })

  it("sets a checked GeoJSON boundary, which then routes a public tip by its point (T-2)", async () => {
    await gaocheng.grid.setBoundary.mutate({ gridId: "v03-z8", boundary: square })
    const { trackingCode } = await api.client.tip.file.mutate({
      point: [113.15, 34.45],
      category: "openFire",
      description: "烧荒",
    })
    expect((await api.client.tip.status.query({ trackingCode })).zoneName).toBe("曲河村第八村民小组")

    const before = await tableSizes()
    const refusals: ReadonlyArray<[string, unknown, RegExp]> = [
      [
        "unclosed",
        ring([
          [113.1, 34.4],
          [113.2, 34.4],
          [113.2, 34.5],
          [113.1, 34.5],
        ]),
        /未闭合/,
      ],
      [
        "a bow tie",
        ring([
          [113.1, 34.4],
          [113.2, 34.5],
          [113.2, 34.4],
          [113.1, 34.5],
          [113.1, 34.4],
        ]),
        /自相交/,
      ],
      [
        "too few points",
        ring([
          [113.1, 34.4],
          [113.2, 34.4],
          [113.1, 34.4],
        ]),
        /至少需要 4 个点/,
      ],
      [
        "off the globe",
        ring([
          [113.1, 34.4],
          [113.2, 94.4],
          [113.2, 34.5],
          [113.1, 34.4],
        ]),
        /不是有效的经纬度/,
      ],
      [
        "flat",
        ring([
          [113.1, 34.4],
          [113.2, 34.4],
          [113.3, 34.4],
          [113.1, 34.4],
        ]),
        /面积为零/,
      ],
      ["not a polygon", { type: "Point", coordinates: [113.1, 34.4] }, /GeoJSON Polygon/],
    ]
    for (const [what, boundary, message] of refusals) {
      const error = await failureOf(gaocheng.grid.setBoundary.mutate({ gridId: "v03-z7", boundary } as never))
      expect(error.data?.code, what).toBe("BAD_REQUEST")
      expect(error.data?.issues?.[0], what).toMatchObject({
        path: ["boundary"],
        message: expect.stringMatching(message),
      })
    }
    expect(await tableSizes()).toEqual(before)
    expect(await gaocheng.grid.setBoundary.mutate({ gridId: "v03-z8", boundary: null })).toMatchObject({
      boundary: null,
    })
  })

  it("moves a zone to another village of the township, never to the wrong level or out of scope", async () => {
    expect(await gaocheng.grid.move.mutate({ gridId: "v03-z9", parentId: "v04" })).toMatchObject({
      parentId: "v04",
    })
    expect(await (await api.signIn("quhe")).grid.tree.query()).not.toContainEqual(
      expect.objectContaining({ id: "v03-z9" }),
    )
    const wrongLevel = await failureOf(
      gaocheng.grid.move.mutate({ gridId: "v04-z1", parentId: "town-gaocheng" }),
    )
    expect(wrongLevel.data?.issues?.[0]).toMatchObject({
      path: ["parentId"],
      message: "小网格（责任片区）只能挂在中网格（村/社区）之下",
    })
    expect(
      (await failureOf(gaocheng.grid.move.mutate({ gridId: "v04-z1", parentId: "x01" }))).data?.code,
    ).toBe("FORBIDDEN")
    expect(
      (await failureOf(gaocheng.grid.move.mutate({ gridId: "x01-z1", parentId: "v04" }))).data?.code,
    ).toBe("FORBIDDEN")
  })

  it("registers a person with a role, lists the people of my grids, and keeps the history of first responsibles (G-4)", async () => {
    const newcomer = await quhe.person.create.mutate({
      name: "赵新民",
      title: "村民小组长",
      phone: "13900000001",
      gridId: "v03-z2",
      role: "firstResponsible",
      since: "2026-03-01",
    })
    const roles = await quhe.grid.roles.query({ gridId: "v03-z2" })
    const first = roles.filter((r) => r.role === "firstResponsible")
    expect(first.map((r) => [r.person.name, r.since, r.until, r.current])).toEqual([
      ["赵新民", "2026-03-01", null, true],
      [expect.any(String), "2023-01-01", "2026-02-28", false],
    ])
    expect(roles[0]!.current).toBe(true)
    const tree = await quhe.grid.tree.query()
    expect(tree.find((g) => g.id === "v03-z2")?.firstResponsible).toEqual({
      name: "赵新民",
      title: "村民小组长",
    })
    // The zone has exactly one first-responsible person again: no coverage defect names it (G-1).
    expect((await county.grid.coverage.query()).defects.filter((d) => d.gridId === "v03-z2")).toEqual([])

    const people = await quhe.person.list.query({ gridId: "v03" })
    expect(people.find((p) => p.id === newcomer.id)?.roles).toEqual([
      expect.objectContaining({
        gridId: "v03-z2",
        role: "firstResponsible",
        roleLabel: "第一责任人",
        current: true,
      }),
    ])
    const withPast = await quhe.person.list.query({ gridId: "v03", includePast: true })
    // The former first responsible is still the zone's main responsible person; the past role shows on request.
    const former = first[1]!.person.id
    expect(people.find((p) => p.id === former)?.roles.map((r) => r.role)).toEqual(["mainResponsible"])
    expect(withPast.find((p) => p.id === former)?.roles.map((r) => [r.role, r.until])).toEqual([
      ["firstResponsible", "2026-02-28"],
      ["mainResponsible", null],
    ])
    expect((await failureOf(quhe.person.list.query({ gridId: "v04" }))).data?.code).toBe("FORBIDDEN")
  })

  it("adds work-group members side by side, and refuses a repeated or back-dated appointment", async () => {
    const before = (await quhe.grid.roles.query({ gridId: "v03-z5" })).filter(
      (r) => r.role === "workGroup" && r.current,
    )
    const helper = await quhe.person.create.mutate({ name: "钱志刚", gridId: "v03-z5", role: "workGroup" })
    const after = (await quhe.grid.roles.query({ gridId: "v03-z5" })).filter(
      (r) => r.role === "workGroup" && r.current,
    )
    expect(after.length).toBe(before.length + 1)
    expect(after.find((r) => r.person.id === helper.id)?.since).toBe("2026-03-05")

    const sizes = await tableSizes()
    const again = await failureOf(
      quhe.grid.assign.mutate({ gridId: "v03-z5", personId: helper.id, role: "workGroup" }),
    )
    expect(again.data?.code).toBe("CONFLICT")
    expect(again.message).toBe("此人已是该网格的工作组成员")
    const backDated = await failureOf(
      quhe.grid.assign.mutate({
        gridId: "v03-z2",
        personId: helper.id,
        role: "firstResponsible",
        since: "2026-02-01",
      }),
    )
    expect(backDated.message).toBe("现任第一责任人自 2026-03-01 起任职，新任日期须晚于该日期")
    const refusedNewcomer = await failureOf(
      quhe.person.create.mutate({
        name: "孙立",
        gridId: "v03-z2",
        role: "firstResponsible",
        since: "2026-01-01",
      }),
    )
    expect(refusedNewcomer.data?.code).toBe("CONFLICT")
    expect(
      (await failureOf(quhe.grid.assign.mutate({ gridId: "v03-z5", personId: "nobody", role: "inspector" })))
        .data?.code,
    ).toBe("NOT_FOUND")
    expect(
      (await failureOf(quhe.grid.assign.mutate({ gridId: "v04-z1", personId: helper.id, role: "inspector" })))
        .data?.code,
    ).toBe("FORBIDDEN")
    const badDate = await failureOf(
      quhe.grid.assign.mutate({
        gridId: "v03-z5",
        personId: helper.id,
        role: "inspector",
        since: "2026-02-30",
      }),
    )
    expect(badDate.data?.issues?.[0]).toMatchObject({
      path: ["since"],
      message: "任职日期应为 YYYY-MM-DD 格式的日期",
    })
    expect(await tableSizes()).toEqual(sizes)
  })

  it("leaves an archive that still verifies", async () => {
    expect((await verifyArchive(database.db)).ok).toBe(true)
  })
})
