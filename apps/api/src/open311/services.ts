import { type Grid, HAZARD_CATEGORY_LABEL, HazardCategory } from "@firegrid/domain"
import { zoneChoices } from "../services/zone-choices.ts"

/** Every hazard category is one Open311 service, all in one group, so a 311 app shows them together. */
export const SERVICE_GROUP = "消防安全"

const KEYWORDS = "消防,火灾隐患,群众举报,fire safety,hazard"

export const isServiceCode = (code: string): code is HazardCategory =>
  (HazardCategory.literals as ReadonlyArray<string>).includes(code)

/** GeoReport v2 `GET services`: one realtime service per category, with the category's Chinese name. */
export const serviceList = () =>
  HazardCategory.literals.map((code) => ({
    service_code: code,
    service_name: HAZARD_CATEGORY_LABEL[code],
    description: `向所在责任片区举报火灾隐患：${HAZARD_CATEGORY_LABEL[code]}`,
    // Every service has the zone attribute below, so clients must ask for its definition.
    metadata: true,
    type: "realtime" as const,
    keywords: KEYWORDS,
    group: SERVICE_GROUP,
  }))

/** GeoReport v2 `GET services/{code}`: where the hazard is, for filers without a position. */
export const serviceDefinition = (code: HazardCategory, grids: ReadonlyArray<Grid>) => ({
  service_code: code,
  attributes: [
    {
      variable: true,
      code: "zone",
      datatype: "singlevaluelist" as const,
      required: false,
      datatype_description: "未提供 lat/long 时请选择隐患所在的责任片区（小网格）",
      order: 1,
      description: "隐患所在的责任片区",
      values: zoneChoices(grids),
    },
  ],
})
