import type { GridId } from "../src/ids.ts"
import {
  buildDemoCounty,
  type CaseFacts,
  Hazard,
  type HazardCategory,
  type HazardId,
  type HazardSeverity,
  indexGrids,
  localDate,
  Notice,
  type NoticeId,
  type PersonId,
  Recheck,
  type RecheckId,
  type TipId,
  type TipTimeline,
  type UnitId,
} from "../src/index.ts"

/** The 告成镇 demo county and helpers to write the seed's scenarios as facts. */
export const county = buildDemoCounty()
export const grids = indexGrids(county.grids)
export const town = county.townId
export const d = localDate

export const zoneOf = (unitId: UnitId): GridId => county.placements.find((p) => p.unitId === unitId)!.gridId

/** The first unit placed in a zone of the given village (v03 = 曲河村). */
export const unitIn = (villageId: string, nth = 0): UnitId =>
  county.placements.filter((p) => p.gridId.startsWith(`${villageId}-`))[nth]!.unitId

export const hazard = (
  id: string,
  unitId: UnitId,
  foundOn: string,
  opts: { category?: HazardCategory; by?: GridId; severity?: HazardSeverity; description?: string } = {},
) =>
  Hazard.make({
    id: id as HazardId,
    unitId,
    gridId: zoneOf(unitId),
    category: opts.category ?? "blockedEscape",
    description: opts.description ?? `隐患 ${id}`,
    photos: [],
    foundOn: d(foundOn),
    foundBy: ["p-town-inspector-1" as PersonId],
    source: { _tag: "Inspection", byGridId: opts.by ?? town },
    severity: opts.severity ?? "general",
  })

export const notice = (
  id: string,
  hazards: ReadonlyArray<Hazard>,
  issuedOn: string,
  deadline: string,
  issuer: { village: string } | "town" = "town",
) =>
  Notice.make({
    id: id as NoticeId,
    number: `告成安监改〔2026〕${id}号`,
    issuer:
      issuer === "town"
        ? { _tag: "TownshipOffice", gridId: town }
        : { _tag: "VillageInspectionGroup", gridId: issuer.village as GridId },
    unitId: hazards[0]!.unitId,
    gridId: hazards[0]!.gridId,
    hazardIds: [hazards[0]!.id, ...hazards.slice(1).map((h) => h.id)],
    issuedOn: d(issuedOn),
    deadline: d(deadline),
  })

export const recheck = (
  id: string,
  n: Notice,
  on: string,
  rectified: Record<string, boolean>,
  byGridId: GridId = town,
) =>
  Recheck.make({
    id: id as RecheckId,
    noticeId: n.id,
    on: d(on),
    byGridId,
    inspectors: ["p-town-inspector-1" as PersonId],
    results: Object.entries(rectified).map(([hazardId, ok]) => ({
      hazardId: hazardId as HazardId,
      rectified: ok,
    })) as unknown as Recheck["results"],
  })

export const tip = (
  id: string,
  gridId: string,
  receivedOn: string,
  respondedOn: string | null = null,
): TipTimeline => ({
  tipId: id as TipId,
  gridId: gridId as GridId,
  receivedOn: d(receivedOn),
  respondedOn: respondedOn === null ? null : d(respondedOn),
  closedOn: null,
})

export const facts = (partial: Partial<Omit<CaseFacts, "grids" | "departments">>): CaseFacts => ({
  grids,
  departments: county.departments,
  hazards: [],
  notices: [],
  rechecks: [],
  tips: [],
  majorDeterminations: [],
  jointMeetings: [],
  ...partial,
})
