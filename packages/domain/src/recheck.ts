import { Either, Schema } from "effect"
import { HazardId, NoticeId, RecheckId } from "./case-ids.ts"
import {
  type EscalationPolicy,
  type RecheckRule,
  recheckWindowFor,
  type Workdays,
} from "./escalation-policy.ts"
import { GridId, PersonId } from "./ids.ts"
import { addDays, daysBetween, LocalDate } from "./local-date.ts"
import type { Notice } from "./notice.ts"

/** One hazard's finding at a recheck 复查. */
export const RecheckResult = Schema.Struct({
  hazardId: HazardId,
  rectified: Schema.Boolean,
  note: Schema.optional(Schema.String),
})
export type RecheckResult = typeof RecheckResult.Type

/** A recheck of a notice (H-3): the township's 下旬 unified recheck, or a village group's recheck. */
export class Recheck extends Schema.Class<Recheck>("Recheck")({
  id: RecheckId,
  noticeId: NoticeId,
  on: LocalDate,
  byGridId: GridId,
  inspectors: Schema.Array(PersonId),
  results: Schema.NonEmptyArray(RecheckResult),
}) {}

/** A recheck passes when every hazard it looked at is rectified. */
export const recheckPassed = (r: Recheck): boolean => r.results.every((x) => x.rectified)

export class InvalidRecheck extends Schema.TaggedError<InvalidRecheck>()("InvalidRecheck", {
  recheckId: RecheckId,
  reason: Schema.String,
  reasonEn: Schema.String,
}) {
  override get message(): string {
    return `复查 ${this.recheckId}：${this.reason} / recheck ${this.recheckId}: ${this.reasonEn}`
  }
}

/** Checks a recheck against its notice: same notice, not before the issue date, only the notice's hazards. */
export const checkRecheck = (notice: Notice, recheck: Recheck): Either.Either<Recheck, InvalidRecheck> => {
  const fail = (reason: string, reasonEn: string) =>
    Either.left(new InvalidRecheck({ recheckId: recheck.id, reason, reasonEn }))
  if (recheck.noticeId !== notice.id)
    return fail(`复查的不是通知书 ${notice.number}`, "recheck belongs to another notice")
  if (recheck.on < notice.issuedOn)
    return fail(`复查日期 ${recheck.on} 早于通知书下发日期 ${notice.issuedOn}`, "recheck before the notice")
  const stray = recheck.results.find((r) => !notice.hazardIds.includes(r.hazardId))
  if (stray)
    return fail(`隐患 ${stray.hazardId} 不在通知书所列隐患中`, "recheck of a hazard not on the notice")
  return Either.right(recheck)
}

export const recheckRuleFor = (notice: Notice, policy: EscalationPolicy): RecheckRule =>
  notice.issuer._tag === "TownshipOffice" ? policy.recheck.township : policy.recheck.village

const NOTHING_RECTIFIED: ReadonlyMap<HazardId, LocalDate> = new Map()

/**
 * When each hazard was first found rectified, read from a notice's rechecks (in date order) when asked.
 * A sweep keeps the progress of every notice of a county's year, and a map built eagerly for each was a
 * good part of the sweep's memory and garbage-collection time while few are ever read. `get` and `has`
 * scan the rechecks' results (a notice has one or two rechecks of a few hazards); iterating builds the
 * map once, in the order an eager one would have had. Its JSON is `{}`, like a Map's.
 */
class RectifiedOn implements ReadonlyMap<HazardId, LocalDate> {
  readonly #rechecks: ReadonlyArray<Recheck>
  #table: Map<HazardId, LocalDate> | null = null

  constructor(rechecks: ReadonlyArray<Recheck>) {
    this.#rechecks = rechecks
  }

  get(hazardId: HazardId): LocalDate | undefined {
    const rechecks = this.#rechecks
    for (let i = 0; i < rechecks.length; i++) {
      const results = rechecks[i]!.results
      for (let j = 0; j < results.length; j++) {
        const x = results[j]!
        if (x.rectified && x.hazardId === hazardId) return rechecks[i]!.on
      }
    }
    return undefined
  }

  has(hazardId: HazardId): boolean {
    return this.get(hazardId) !== undefined
  }

  get size(): number {
    return this.table().size
  }

  forEach(
    callback: (value: LocalDate, key: HazardId, map: ReadonlyMap<HazardId, LocalDate>) => void,
    thisArg?: unknown,
  ): void {
    for (const [key, value] of this.table()) callback.call(thisArg, value, key, this)
  }

  entries(): MapIterator<[HazardId, LocalDate]> {
    return this.table().entries()
  }

  keys(): MapIterator<HazardId> {
    return this.table().keys()
  }

  values(): MapIterator<LocalDate> {
    return this.table().values()
  }

  [Symbol.iterator](): MapIterator<[HazardId, LocalDate]> {
    return this.table()[Symbol.iterator]()
  }

  private table(): Map<HazardId, LocalDate> {
    if (this.#table === null) {
      const table = new Map<HazardId, LocalDate>()
      for (const r of this.#rechecks)
        for (const x of r.results) if (x.rectified && !table.has(x.hazardId)) table.set(x.hazardId, r.on)
      this.#table = table
    }
    return this.#table
  }
}

/** Where a notice stands on a date, from its rechecks up to that date (later rechecks are not yet known). */
export interface NoticeProgress {
  readonly notice: Notice
  readonly recheckFrom: LocalDate
  readonly recheckDue: LocalDate
  /** When each hazard was first found rectified. */
  readonly rectifiedOn: ReadonlyMap<HazardId, LocalDate>
  /** When the last hazard was found rectified; null while any is open. */
  readonly closedOn: LocalDate | null
  readonly firstRecheckOn: LocalDate | null
  /** The first recheck that found a hazard not rectified. */
  readonly firstFailed: Recheck | null
  readonly unrectified: ReadonlyArray<HazardId>
}

/**
 * The progress of a notice as of `asOf`. `rechecks` may hold rechecks of other notices and in any order;
 * only this notice's rechecks dated on or before `asOf` count.
 */
export const noticeProgress = (
  notice: Notice,
  rechecks: ReadonlyArray<Recheck>,
  asOf: LocalDate,
  policy: EscalationPolicy,
  workdays: Workdays,
): NoticeProgress => {
  const window = recheckWindowFor(notice.deadline, recheckRuleFor(notice, policy), workdays)
  // Most notices have zero or one recheck: avoid building anything for them that is not needed.
  let mine: ReadonlyArray<Recheck> = rechecks
  for (let i = 0; i < rechecks.length; i++) {
    const r = rechecks[i]!
    if (r.noticeId !== notice.id || r.on > asOf) {
      mine = rechecks.filter((r) => r.noticeId === notice.id && r.on <= asOf)
      break
    }
  }
  if (mine.length > 1)
    mine = [...mine].sort((a, b) =>
      a.on < b.on ? -1 : a.on > b.on ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    )
  let firstFailed: Recheck | null = null
  let anyRectified = false
  for (let i = 0; i < mine.length; i++) {
    const r = mine[i]!
    const results = r.results
    for (let j = 0; j < results.length; j++) {
      if (results[j]!.rectified) anyRectified = true
      else if (firstFailed === null) firstFailed = r
    }
  }
  const rectifiedOn = anyRectified ? new RectifiedOn(mine) : NOTHING_RECTIFIED
  const hazardIds = notice.hazardIds
  let unrectified: ReadonlyArray<HazardId> = hazardIds
  let closedOn: LocalDate | null = null
  if (anyRectified) {
    let open: HazardId[] | null = null
    for (let i = 0; i < hazardIds.length; i++) {
      const h = hazardIds[i]!
      const d = rectifiedOn.get(h)
      if (d === undefined) {
        if (open === null) open = [h]
        else open.push(h)
      } else if (open === null && (closedOn === null || d > closedOn)) closedOn = d
    }
    if (open === null) unrectified = []
    else {
      unrectified = open
      closedOn = null
    }
  }
  return {
    notice,
    recheckFrom: window.from,
    recheckDue: window.due,
    rectifiedOn,
    closedOn,
    firstRecheckOn: mine[0]?.on ?? null,
    firstFailed,
    unrectified,
  }
}

/** Open / overdue / closed, as pages show a notice (H-3). */
export type NoticeStatus =
  | { readonly _tag: "Open"; readonly deadline: LocalDate; readonly daysLeft: number }
  | {
      readonly _tag: "Overdue"
      readonly deadline: LocalDate
      readonly daysOverdue: number
      readonly recheckDue: LocalDate
      /** No recheck at all by the recheck due date. */
      readonly recheckMissed: boolean
      readonly unrectified: ReadonlyArray<HazardId>
    }
  | { readonly _tag: "Closed"; readonly on: LocalDate; readonly onTime: boolean }

export const NOTICE_STATUS_LABEL: Record<NoticeStatus["_tag"], string> = {
  Open: "整改期内",
  Overdue: "逾期未整改",
  Closed: "已复查销案",
}

/**
 * A notice whose deadline has passed without a passed recheck is overdue (H-3). Closed on time means the
 * recheck that found the last hazard rectified came by the recheck due date.
 */
export const noticeStatus = (progress: NoticeProgress, asOf: LocalDate): NoticeStatus => {
  const { notice } = progress
  if (progress.closedOn !== null)
    return { _tag: "Closed", on: progress.closedOn, onTime: progress.closedOn <= progress.recheckDue }
  if (asOf <= notice.deadline)
    return { _tag: "Open", deadline: notice.deadline, daysLeft: daysBetween(asOf, notice.deadline) }
  return {
    _tag: "Overdue",
    deadline: notice.deadline,
    daysOverdue: daysBetween(notice.deadline, asOf),
    recheckDue: progress.recheckDue,
    recheckMissed: asOf > progress.recheckDue && progress.firstRecheckOn === null,
    unrectified: progress.unrectified,
  }
}

/** Was the notice rechecked by its due date (a measure of S-1)? null when not yet due. */
export const recheckOnTime = (progress: NoticeProgress, asOf: LocalDate): boolean | null => {
  if (progress.firstRecheckOn !== null && progress.firstRecheckOn <= progress.recheckDue) return true
  if (asOf <= progress.recheckDue) return null
  return false
}

/** The day after which a notice without a recheck counts as a missed recheck. */
export const recheckMissedFrom = (progress: NoticeProgress): LocalDate => addDays(progress.recheckDue, 1)
