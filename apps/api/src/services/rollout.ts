import { changeSetting, type Database, listSettings, loadGridTree } from "@firegrid/db"
import {
  assessRollout,
  type Grid,
  type GridId,
  indexGrids,
  type LocalDate,
  PilotAcceptance,
  PilotChoice,
  type PilotStatus,
  READINESS_ITEM_LABEL,
  READINESS_ITEMS,
  ReadinessCheck,
  type ReadinessItem,
  seedRolloutPlan,
  type TownshipRollout,
  yearOf,
} from "@firegrid/domain"
import { TRPCError } from "@trpc/server"
import { Schema } from "effect"
import { badFields } from "../trpc.ts"

/**
 * The rollout (四, SPEC D-13) as a township's record: its pilot choices, the checklist findings for its
 * villages and the county's acceptances, stored as the domain's encoded values under `rollout:<townshipId>`.
 * `year` is the campaign year the seed's deadlines (30 June, 31 December) apply to: the year of the
 * township's first rollout record, so a pilot chosen late is measured against the original deadline.
 */
export const TownshipRolloutRecord = Schema.Struct({
  year: Schema.Int,
  pilots: Schema.Array(PilotChoice),
  checks: Schema.Array(ReadinessCheck),
  acceptances: Schema.Array(PilotAcceptance),
})
export type TownshipRolloutRecord = typeof TownshipRolloutRecord.Type

const KEY_PREFIX = "rollout:"
const keyOf = (townshipId: string) => `${KEY_PREFIX}${townshipId}`
const decode = Schema.decodeUnknownSync(TownshipRolloutRecord)
const encode = Schema.encodeSync(TownshipRolloutRecord)

const emptyRecord = (year: number): TownshipRolloutRecord => ({
  year,
  pilots: [],
  checks: [],
  acceptances: [],
})

export type RolloutAction =
  | { readonly _tag: "ChoosePilot"; readonly villageId: GridId }
  | {
      readonly _tag: "RecordFinding"
      readonly villageId: GridId
      readonly item: ReadinessItem
      readonly met: boolean
      readonly checkedOn: LocalDate
      readonly note?: string | undefined
    }
  | {
      readonly _tag: "RecordAcceptance"
      readonly passed: boolean
      readonly date: LocalDate
      readonly note?: string | undefined
    }

export interface Recorder {
  readonly accountId: string
  readonly name: string
  readonly at: Date
  readonly today: LocalDate
}

const fieldError = (field: string, message: string) => badFields([{ path: ["action", field], message }])
const noteOf = (note: string | undefined) => (note?.trim() ? { note: note.trim() } : {})

/** The township's new record after `action`, or the refusal (a bad field or an illegal step). */
const apply = (
  record: TownshipRolloutRecord,
  townshipId: GridId,
  action: RolloutAction,
  by: Recorder,
): TownshipRolloutRecord => {
  const latestPilot = record.pilots.at(-1)
  const accepted = latestPilot
    ? record.acceptances.some((a) => a.villageId === latestPilot.villageId && a.passed)
    : false
  switch (action._tag) {
    case "ChoosePilot":
      if (accepted && latestPilot?.villageId !== action.villageId)
        throw new TRPCError({ code: "CONFLICT", message: "试点村已通过县政府验收，不能再更换" })
      return {
        ...record,
        pilots: [
          ...record.pilots,
          PilotChoice.make({ townshipId, villageId: action.villageId, chosenOn: by.today }),
        ],
      }
    case "RecordFinding":
      if (action.checkedOn > by.today) throw fieldError("checkedOn", "检查日期不能晚于今天")
      return {
        ...record,
        checks: [
          ...record.checks,
          ReadinessCheck.make({
            gridId: action.villageId,
            item: action.item,
            met: action.met,
            checkedOn: action.checkedOn,
            checkedBy: by.name,
            ...noteOf(action.note),
          }),
        ],
      }
    case "RecordAcceptance":
      if (!latestPilot) throw new TRPCError({ code: "CONFLICT", message: "本乡镇尚未选定试点村，无法验收" })
      if (action.date > by.today) throw fieldError("date", "验收日期不能晚于今天")
      if (action.date < latestPilot.chosenOn) throw fieldError("date", "验收日期不能早于选定试点村的日期")
      return {
        ...record,
        acceptances: [
          ...record.acceptances,
          PilotAcceptance.make({
            townshipId,
            villageId: latestPilot.villageId,
            date: action.date,
            passed: action.passed,
            by: by.name,
            ...noteOf(action.note),
          }),
        ],
      }
  }
}

const ACTION_NAME: Record<RolloutAction["_tag"], string> = {
  ChoosePilot: "rollout.choosePilot",
  RecordFinding: "rollout.recordFinding",
  RecordAcceptance: "rollout.recordAcceptance",
}

/**
 * Records one rollout step for a township (four: pilot, checklist finding, acceptance). The village named
 * must be one of the township's own villages (四(一): 各乡镇选择 1 个行政村): checked against the grid tree.
 */
export const recordRollout = async (
  db: Database,
  townshipId: GridId,
  action: RolloutAction,
  by: Recorder,
): Promise<void> => {
  const { grids } = await loadGridTree(db)
  const township = grids.find((g) => g.id === townshipId)
  if (township?.level !== "large")
    throw badFields([{ path: ["townshipId"], message: "请选择乡镇（大网格）" }])
  if (action._tag !== "RecordAcceptance") {
    const village = grids.find((g) => g.id === action.villageId)
    if (village?.level !== "medium" || village.parentId !== townshipId)
      throw fieldError(
        "villageId",
        `${action._tag === "ChoosePilot" ? "试点村" : "检查的村（社区）"}应为${township.name}的行政村或社区`,
      )
  }
  await changeSetting(
    db,
    {
      key: keyOf(townshipId),
      at: by.at,
      actor: by.accountId,
      action: ACTION_NAME[action._tag],
      gridId: townshipId,
    },
    (before) => {
      const record = before === undefined ? emptyRecord(yearOf(by.today)) : decode(before)
      return { value: encode(apply(record, townshipId, action, by)), result: undefined }
    },
  )
}

const STATUS_LABEL: Record<PilotStatus["_tag"], string> = {
  NoPilot: "未选定试点村",
  InvalidPilot: "试点村不属于本乡镇",
  InProgress: "试点建设中",
  ReadyForAcceptance: "各项标准已达到，待县政府验收",
  Overdue: "逾期未通过验收",
  Accepted: "已通过验收",
  Rejected: "验收未通过",
}

const STATE_LABEL = { met: "达标", notMet: "未达标", notChecked: "未检查" } as const

/**
 * Where the rollout stands as of `asOf` for the township containing `gridId`, or for every township when
 * `gridId` is the county (with the county-wide count of villages meeting every standard, 四(三)).
 */
export const rolloutStatus = async (db: Database, gridId: string, asOf: LocalDate) => {
  const [tree, rows] = await Promise.all([loadGridTree(db), listSettings(db, KEY_PREFIX)])
  const index = indexGrids(tree.grids)
  const target = index.byId.get(gridId as GridId)
  if (!target) throw new TRPCError({ code: "NOT_FOUND", message: `网格 ${gridId} 不存在` })
  const townships: ReadonlyArray<Grid> =
    target.level === "county"
      ? index.children(target.id).filter((g) => g.level === "large")
      : [target, ...index.ancestors(target.id)].filter((g) => g.level === "large")

  const records = new Map<string, TownshipRolloutRecord>(
    rows.map((row) => [row.key.slice(KEY_PREFIX.length), decode(row.value)]),
  )
  const yearFor = (townshipId: string) => records.get(townshipId)?.year ?? yearOf(asOf)
  const all = [...records.values()]
  const checks = all.flatMap((r) => r.checks)
  const acceptances = all.flatMap((r) => r.acceptances)
  // One assessment per campaign year (townships normally share one); each township reads its own year's.
  const byYear = new Map<number, ReadonlyArray<TownshipRollout>>()
  const assessed = (year: number) => {
    let result = byYear.get(year)
    if (!result) {
      const pilots = all.filter((r) => r.year === year).flatMap((r) => r.pilots)
      result = assessRollout({ plan: seedRolloutPlan(year, pilots), tree, checks, acceptances, asOf })
      byYear.set(year, result)
    }
    return result
  }
  const name = (id: string | null) => (id === null ? null : (index.byId.get(id as GridId)?.name ?? id))

  const views = townships.map((township) => {
    const year = yearFor(township.id)
    const plan = seedRolloutPlan(year, [])
    const r = assessed(year).find((t) => t.townshipId === township.id)!
    const record = records.get(township.id) ?? emptyRecord(year)
    const choice = record.pilots.filter((p) => p.chosenOn <= asOf).at(-1)
    const finding = (item: ReadinessItem) =>
      r.pilotVillageId === null
        ? null
        : checks
            .filter((c) => c.gridId === r.pilotVillageId && c.item === item && c.checkedOn <= asOf)
            .reduce<ReadinessCheck | null>(
              (prev, c) => (!prev || prev.checkedOn <= c.checkedOn ? c : prev),
              null,
            )
    const acceptance = record.acceptances
      .filter((a) => a.villageId === r.pilotVillageId && a.date <= asOf)
      .reduce<PilotAcceptance | null>((prev, a) => (!prev || prev.date <= a.date ? a : prev), null)
    return {
      townshipId: township.id,
      townshipName: township.name,
      year,
      pilotDeadline: plan.pilotDeadline,
      fullRolloutDeadline: plan.fullRolloutDeadline,
      pilot:
        r.pilotVillageId === null
          ? null
          : {
              villageId: r.pilotVillageId,
              villageName: name(r.pilotVillageId),
              chosenOn: choice?.chosenOn ?? null,
            },
      status: r.pilot,
      statusLabel: STATUS_LABEL[r.pilot._tag],
      pilotOverdue: r.pilot._tag === "Overdue" || (r.pilot._tag === "NoPilot" && r.pilot.overdue),
      checklist: READINESS_ITEMS.map((item) => {
        const f = finding(item)
        return {
          item,
          label: READINESS_ITEM_LABEL[item],
          state: r.readiness[item],
          stateLabel: STATE_LABEL[r.readiness[item]],
          finding:
            f === null
              ? null
              : { met: f.met, checkedOn: f.checkedOn, checkedBy: f.checkedBy, note: f.note ?? null },
        }
      }),
      acceptance:
        acceptance === null
          ? null
          : {
              date: acceptance.date,
              passed: acceptance.passed,
              by: acceptance.by,
              note: acceptance.note ?? null,
            },
      villagesReady: r.villagesReady,
      villages: r.villages,
      fullRolloutDone: r.fullRolloutDone,
      fullRolloutOverdue: r.fullRolloutOverdue,
    }
  })
  const county =
    target.level === "county"
      ? {
          villagesReady: views.reduce((n, v) => n + v.villagesReady, 0),
          villages: views.reduce((n, v) => n + v.villages, 0),
          pilotsAccepted: views.filter((v) => v.status._tag === "Accepted").length,
          pilotsOverdue: views.filter((v) => v.pilotOverdue).length,
          townships: views.length,
        }
      : null
  return { asOf, townships: views, county }
}
