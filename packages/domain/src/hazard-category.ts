import { Schema } from "effect"

/**
 * What kind of fire hazard something is. The categories follow the content of a 防火检查 under
 * 公安部令第61号 Art. 25–26 (exits and evacuation, equipment, fire and electricity use, …) with the
 * focus places of 六(二); tips and inspection findings use the same list so a tip can become a hazard.
 */
export const HazardCategory = Schema.Literal(
  "blockedEscape",
  "fireEquipment",
  "electricalMisuse",
  "openFire",
  "flammableStorage",
  "eBikeCharging",
  "threeInOne",
  "fireLane",
  "other",
)
export type HazardCategory = typeof HazardCategory.Type

export const HAZARD_CATEGORY_LABEL: Record<HazardCategory, string> = {
  blockedEscape: "堵塞、占用疏散通道或安全出口",
  fireEquipment: "消防设施器材损坏、缺失",
  electricalMisuse: "违规用电、私拉乱接电线",
  openFire: "违规用火",
  flammableStorage: "违规存放易燃易爆物品",
  eBikeCharging: "电动车违规停放充电",
  threeInOne: "“三合一”场所住人",
  fireLane: "占用、堵塞消防车通道",
  other: "其他火灾隐患",
}
