import { type Database, tables } from "@firegrid/db"

/**
 * A second township, 徐庄镇 (coordinated by the same town office, G一), with one village and one zone, so
 * that a township account has a neighbour it must not see.
 */
export const addSecondTownship = async (db: Database) => {
  await db.insert(tables.grids).values([
    { id: "town-xuzhuang", parentId: "county", level: "large", name: "徐庄镇", code: "410185002000000" },
    { id: "x01", parentId: "town-xuzhuang", level: "medium", name: "徐庄村", code: "410185002001000" },
    { id: "x01-z1", parentId: "x01", level: "small", name: "徐庄村第一村民小组", code: "410185002001001" },
  ])
  await db.insert(tables.persons).values([
    { id: "p-xz-head", name: "周建国", title: "镇长" },
    { id: "p-x01-head", name: "吴国强", title: "村委会主任" },
    { id: "p-x01-z1", name: "郑海涛", title: "村民小组长" },
  ])
  const since = "2023-01-01"
  await db.insert(tables.assignments).values([
    { gridId: "town-xuzhuang", personId: "p-xz-head", role: "firstResponsible", since },
    { gridId: "x01", personId: "p-x01-head", role: "firstResponsible", since },
    { gridId: "x01-z1", personId: "p-x01-z1", role: "firstResponsible", since },
    { gridId: "x01-z1", personId: "p-x01-z1", role: "workGroup", since },
  ])
  await db.insert(tables.units).values({
    id: "u-xz-1",
    name: "徐庄百货商店",
    kind: "shop",
    flags: {
      key: false,
      crowded: false,
      flammable: false,
      streetFront: true,
      rental: false,
      smallPlace: true,
      threeInOne: false,
    },
    gridId: "x01-z1",
  })
}

/** Three zones: one in 曲河村, one elsewhere in 告成镇, one in 徐庄镇. */
export const TARGETS = ["v03-z2", "v04-z1", "x01-z1"] as const

/** Which of the targets each demo account's subtree contains. */
export const COVERS: Record<string, ReadonlyArray<(typeof TARGETS)[number]>> = {
  county: TARGETS,
  brigade: TARGETS,
  gaocheng: ["v03-z2", "v04-z1"],
  inspector: ["v03-z2", "v04-z1"],
  police: ["v03-z2", "v04-z1"],
  quhe: ["v03-z2"],
  "quhe-2": ["v03-z2"],
}
