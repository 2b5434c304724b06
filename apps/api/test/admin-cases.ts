import { randomUUID } from "node:crypto"
import { buildDemoCounty } from "@firegrid/domain"
import type { ProcedureCase } from "./procedure-cases.ts"

/**
 * Matrix and fuzz cases for keeping the county's data (SPEC §1): the grid tree, its roster and its
 * units. Each input is aimed at the target zone (or its village, for what hangs under a village).
 */
const demo = buildDemoCounty()
const FIXTURE_NAMES: Record<string, string> = { "x01-z1": "徐庄村第一村民小组" }
const nameOf = (zone: string) => FIXTURE_NAMES[zone] ?? demo.grids.find((g) => g.id === zone)!.name
const villageOf = (zone: string) => zone.split("-")[0]!
const unitOf = (zone: string) =>
  zone === "x01-z1" ? "u-xz-1" : demo.placements.find((p) => p.gridId === zone)!.unitId
const memberOf = (zone: string) => (zone === "x01-z1" ? "p-x01-z1" : `p-${zone}-member`)
const fresh = () => randomUUID().slice(0, 8)

const square = {
  type: "Polygon",
  coordinates: [
    [
      [113.0, 34.4],
      [113.01, 34.4],
      [113.01, 34.41],
      [113.0, 34.41],
      [113.0, 34.4],
    ],
  ],
}

const TREE_KEEPERS = ["countyAdmin", "townshipAdmin"] as const
const LEDGER_KEEPERS = ["countyAdmin", "townshipAdmin", "villageAdmin", "zoneLeader"] as const

export const ADMIN_CASES: Record<string, ProcedureCase> = {
  "grid.create": {
    access: "signedIn",
    roles: TREE_KEEPERS,
    input: (zone) => ({ parentId: villageOf(zone), name: "新建村民小组", code: `T${fresh()}` }),
  },
  "grid.rename": {
    access: "signedIn",
    roles: TREE_KEEPERS,
    input: (zone) => ({ gridId: zone, name: nameOf(zone) }),
  },
  "grid.setBoundary": {
    access: "signedIn",
    roles: TREE_KEEPERS,
    input: (zone) => ({ gridId: zone, boundary: square }),
  },
  "grid.move": {
    access: "signedIn",
    roles: TREE_KEEPERS,
    input: (zone) => ({ gridId: zone, parentId: villageOf(zone) }),
  },
  "grid.assign": {
    access: "signedIn",
    roles: LEDGER_KEEPERS,
    input: (zone) => ({ gridId: zone, personId: memberOf(zone), role: "inspector", since: "2026-03-01" }),
  },
  "grid.roles": { access: "signedIn", input: (zone) => ({ gridId: zone }) },
  "person.create": {
    access: "signedIn",
    roles: LEDGER_KEEPERS,
    input: (zone) => ({ name: "测试网格员", gridId: zone, role: "workGroup" }),
  },
  "person.list": { access: "signedIn", input: (zone) => ({ gridId: zone }) },
  "unit.list": { access: "signedIn", input: (zone) => ({ gridId: zone, pageSize: 5 }) },
  "unit.get": { access: "signedIn", input: (zone) => ({ unitId: unitOf(zone) }) },
  "unit.create": {
    access: "signedIn",
    roles: LEDGER_KEEPERS,
    input: (zone) => ({ name: `测试商店${fresh()}`, kind: "shop", gridId: zone }),
  },
  "unit.update": {
    access: "signedIn",
    roles: LEDGER_KEEPERS,
    input: (zone) => ({ unitId: unitOf(zone), address: "中心街 1 号" }),
  },
}
