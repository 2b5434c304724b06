import { Data, Schema } from "effect"
import { type CoverageDefect, checkCoverage, type GridTree } from "./coverage.ts"
import { type Grid, indexGrids } from "./grid.ts"
import { GridId } from "./ids.ts"
import { LocalDate, makeDate } from "./local-date.ts"

/**
 * Rollout (四, SPEC D-13): each township picks one administrative village as its pilot 试点, which must
 * reach the work standards (三) by the pilot deadline (the seed: end of June 2023); the county checks and
 * accepts the pilots 检查验收, and by the end of the year every village and community runs the grid.
 */

/** The work standards of 三, one checklist item each. */
export const ReadinessItem = Schema.Literal(
  "organization",
  "gridDivision",
  "duties",
  "rules",
  "team",
  "funding",
  "workOrder",
  "hazardInvestigation",
  "publicityTraining",
  "initialFirefighting",
)
export type ReadinessItem = typeof ReadinessItem.Type
export const READINESS_ITEMS: ReadonlyArray<ReadinessItem> = ReadinessItem.literals

export const READINESS_ITEM_LABEL: Record<ReadinessItem, string> = {
  organization: "消防工作组织健全",
  gridDivision: "消防监管网格科学划分",
  duties: "职责明确",
  rules: "制度完善",
  team: "队伍建设到位",
  funding: "经费保障有力",
  workOrder: "工作秩序标准",
  hazardInvestigation: "火灾隐患排查得到有效落实",
  publicityTraining: "宣传教育培训得到有效落实",
  initialFirefighting: "初期火灾扑救得到有效落实",
}

export const PilotChoice = Schema.Struct({ townshipId: GridId, villageId: GridId, chosenOn: LocalDate })
export type PilotChoice = typeof PilotChoice.Type

export class RolloutPlan extends Schema.Class<RolloutPlan>("RolloutPlan")({
  /** 试点单位达到工作标准的期限 (四(一): 2023 年 6 月底). */
  pilotDeadline: LocalDate,
  /** 全面推广的期限 (四(三): 年底). */
  fullRolloutDeadline: LocalDate,
  pilots: Schema.Array(PilotChoice),
}) {}

/** The seed's timetable for a year: pilots by 30 June, everywhere by 31 December. */
export const seedRolloutPlan = (year: number, pilots: ReadonlyArray<PilotChoice>): RolloutPlan =>
  RolloutPlan.make({
    pilotDeadline: makeDate(year, 6, 30),
    fullRolloutDeadline: makeDate(year, 12, 31),
    pilots,
  })

/** One inspector's finding on one checklist item for one village; the latest finding counts. */
export class ReadinessCheck extends Schema.Class<ReadinessCheck>("ReadinessCheck")({
  gridId: GridId,
  item: ReadinessItem,
  met: Schema.Boolean,
  checkedOn: LocalDate,
  checkedBy: Schema.String,
  note: Schema.optional(Schema.String),
}) {}

/** The county's acceptance of a township's pilot (四(二) 检查验收). */
export class PilotAcceptance extends Schema.Class<PilotAcceptance>("PilotAcceptance")({
  townshipId: GridId,
  villageId: GridId,
  date: LocalDate,
  passed: Schema.Boolean,
  by: Schema.String,
  note: Schema.optional(Schema.String),
}) {}

export type ItemState = "met" | "notMet" | "notChecked"

export type PilotStatus = Data.TaggedEnum<{
  NoPilot: { readonly overdue: boolean }
  /** The chosen pilot is not a village of this township. */
  InvalidPilot: { readonly villageId: GridId }
  InProgress: { readonly met: number; readonly total: number }
  /** Every item met; waiting for the county's acceptance. */
  ReadyForAcceptance: Record<never, never>
  /** Past the pilot deadline and not accepted. */
  Overdue: { readonly met: number; readonly total: number }
  Accepted: { readonly date: LocalDate }
  Rejected: { readonly date: LocalDate; readonly note: string | null }
}>
export const PilotStatus = Data.taggedEnum<PilotStatus>()

export interface TownshipRollout {
  readonly townshipId: GridId
  readonly pilotVillageId: GridId | null
  readonly pilot: PilotStatus
  /** The pilot village's checklist (all notChecked without a pilot). */
  readonly readiness: Readonly<Record<ReadinessItem, ItemState>>
  /** Villages of the township meeting every item, for the full rollout (四(三)). */
  readonly villagesReady: number
  readonly villages: number
  readonly fullRolloutDone: boolean
  readonly fullRolloutOverdue: boolean
}

export interface RolloutInput {
  readonly plan: RolloutPlan
  readonly tree: GridTree
  readonly checks: ReadonlyArray<ReadinessCheck>
  readonly acceptances: ReadonlyArray<PilotAcceptance>
  readonly asOf: LocalDate
}

const defectGrids = (d: CoverageDefect): ReadonlyArray<GridId> => {
  switch (d._tag) {
    case "UnitWithoutSmallGrid":
      return []
    case "UnitInSeveralSmallGrids":
      return d.gridIds
    case "PlacementInNonSmallGrid":
    case "GridWithoutFirstResponsible":
    case "GridWithSeveralFirstResponsible":
    case "SmallGridWithoutWorkGroup":
    case "GridUnderWrongParent":
      return [d.gridId]
    default:
      return absurd(d)
  }
}

/**
 * Where each township stands in the rollout as of a date: its pilot village's checklist and acceptance,
 * and how many of its villages meet every standard. "Grid division" is not taken on trust: a village
 * meets it only when the coverage check (G-1) finds no defect in its grids.
 */
export const assessRollout = (input: RolloutInput): ReadonlyArray<TownshipRollout> => {
  const { plan, tree, asOf } = input
  const index = indexGrids(tree.grids)
  const coverage = checkCoverage(tree, asOf)
  const defective = new Set<GridId>()
  for (const d of coverage.defects) for (const g of defectGrids(d)) defective.add(g)

  const latest = new Map<string, ReadinessCheck>()
  for (const c of input.checks) {
    if (c.checkedOn > asOf) continue
    const key = `${c.gridId}|${c.item}`
    const prev = latest.get(key)
    if (!prev || prev.checkedOn <= c.checkedOn) latest.set(key, c)
  }
  const readinessOf = (village: Grid): Record<ReadinessItem, ItemState> => {
    const out = {} as Record<ReadinessItem, ItemState>
    for (const item of READINESS_ITEMS) {
      const c = latest.get(`${village.id}|${item}`)
      out[item] = c === undefined ? "notChecked" : c.met ? "met" : "notMet"
    }
    if (out.gridDivision === "met" && index.subtree(village.id).some((g) => defective.has(g.id)))
      out.gridDivision = "notMet"
    return out
  }
  const ready = (r: Record<ReadinessItem, ItemState>) => READINESS_ITEMS.every((i) => r[i] === "met")

  return tree.grids
    .filter((g) => g.level === "large")
    .map((township): TownshipRollout => {
      const villages = index.children(township.id).filter((g) => g.level === "medium")
      const villagesReady = villages.filter((v) => ready(readinessOf(v))).length
      const fullRolloutDone = villages.length > 0 && villagesReady === villages.length
      const fullRolloutOverdue = !fullRolloutDone && asOf > plan.fullRolloutDeadline
      const choice = [...plan.pilots]
        .filter((p) => p.townshipId === township.id && p.chosenOn <= asOf)
        .sort((a, b) => (a.chosenOn < b.chosenOn ? -1 : 1))
        .at(-1)
      const none = Object.fromEntries(READINESS_ITEMS.map((i) => [i, "notChecked"])) as Record<
        ReadinessItem,
        ItemState
      >
      const base = {
        townshipId: township.id,
        villagesReady,
        villages: villages.length,
        fullRolloutDone,
        fullRolloutOverdue,
      }
      if (!choice)
        return {
          ...base,
          pilotVillageId: null,
          pilot: PilotStatus.NoPilot({ overdue: asOf > plan.pilotDeadline }),
          readiness: none,
        }
      const village = villages.find((v) => v.id === choice.villageId)
      if (!village)
        return {
          ...base,
          pilotVillageId: choice.villageId,
          pilot: PilotStatus.InvalidPilot({ villageId: choice.villageId }),
          readiness: none,
        }
      const readiness = readinessOf(village)
      const met = READINESS_ITEMS.filter((i) => readiness[i] === "met").length
      const total = READINESS_ITEMS.length
      const acceptance = input.acceptances
        .filter((a) => a.townshipId === township.id && a.villageId === village.id && a.date <= asOf)
        .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
        .at(-1)
      const pilot: PilotStatus =
        acceptance?.passed === true
          ? PilotStatus.Accepted({ date: acceptance.date })
          : asOf > plan.pilotDeadline
            ? PilotStatus.Overdue({ met, total })
            : acceptance?.passed === false
              ? PilotStatus.Rejected({ date: acceptance.date, note: acceptance.note ?? null })
              : met === total
                ? PilotStatus.ReadyForAcceptance()
                : PilotStatus.InProgress({ met, total })
      return { ...base, pilotVillageId: village.id, pilot, readiness }
    })
}

const absurd = (x: never): never => {
  throw new Error(`unexpected ${JSON.stringify(x)}`)
}
