import { Schema } from "effect"
import { GridId, UnitId } from "./ids.ts"

/** What kind of premises a unit is (节点: 院落, 整栋楼宇, 企事业单位, shops …; G-9). */
export const UnitKind = Schema.Literal(
  "school",
  "kindergarten",
  "internetCafe",
  "entertainment",
  "supermarket",
  "shop",
  "restaurant",
  "hotel",
  "clinic",
  "elderCare",
  "factory",
  "warehouse",
  "gasStation",
  "market",
  "institution",
  "courtyard",
  "building",
  "rentalHouse",
  "other",
)
export type UnitKind = typeof UnitKind.Type

export const UNIT_KIND_LABEL: Record<UnitKind, string> = {
  school: "学校",
  kindergarten: "幼儿园",
  internetCafe: "网吧",
  entertainment: "休闲娱乐场所",
  supermarket: "超市百杂",
  shop: "商店",
  restaurant: "餐饮",
  hotel: "宾馆旅社",
  clinic: "医院诊所",
  elderCare: "养老机构",
  factory: "生产企业",
  warehouse: "仓储",
  gasStation: "加油加气站",
  market: "集贸市场",
  institution: "机关事业单位",
  courtyard: "居（村）民院落",
  building: "楼宇",
  rentalHouse: "出租房屋",
  other: "其他",
}

/**
 * Focus flags (六(二), 五(三)): key units supervised by the fire brigade, crowded places, flammable or
 * explosive sites, street-front shops, rental houses, the nine kinds of small places, three-in-one places.
 */
export const UnitFlags = Schema.Struct({
  key: Schema.Boolean,
  crowded: Schema.Boolean,
  flammable: Schema.Boolean,
  streetFront: Schema.Boolean,
  rental: Schema.Boolean,
  smallPlace: Schema.Boolean,
  threeInOne: Schema.Boolean,
})
export type UnitFlags = typeof UnitFlags.Type

export const UNIT_FLAG_LABEL: Record<keyof UnitFlags, string> = {
  key: "消防安全重点单位",
  crowded: "人员密集场所",
  flammable: "易燃易爆场所",
  streetFront: "沿街门店",
  rental: "出租房屋",
  smallPlace: "九小场所",
  threeInOne: "三合一场所",
}

export const noFlags: UnitFlags = {
  key: false,
  crowded: false,
  flammable: false,
  streetFront: false,
  rental: false,
  smallPlace: false,
  threeInOne: false,
}

export class Unit extends Schema.Class<Unit>("Unit")({
  id: UnitId,
  name: Schema.NonEmptyTrimmedString,
  kind: UnitKind,
  flags: UnitFlags,
  address: Schema.optional(Schema.String),
  /** lon, lat — used to route tips and check placements against boundaries. */
  location: Schema.optional(Schema.Tuple(Schema.Number, Schema.Number)),
}) {}

/**
 * A unit listed by a small grid. Kept apart from the unit because the ledgers of two zones can both
 * list the same courtyard, or none can: coverage has to see both mistakes (G-1).
 */
export class Placement extends Schema.Class<Placement>("Placement")({
  unitId: UnitId,
  gridId: GridId,
}) {}
