import { Schema } from "effect"
import { ArchiveEntry, type ArchiveEntryKind, archiveEntryIdFor } from "./archive-entry.ts"
import { EscalationId, HazardId, NoticeId, TipId } from "./case-ids.ts"
import {
  type EscalationPolicy,
  type WorkdayPredicate,
  type Workdays,
  workdaysOf,
} from "./escalation-policy.ts"
import { type Grid, type GridIndex, GridLevel } from "./grid.ts"
import type { Hazard } from "./hazard.ts"
import { IdNumbering } from "./id-numbering.ts"
import { DepartmentId, GridId, UnitId } from "./ids.ts"
import {
  addDays,
  dayNumber,
  daysInMonth,
  isoWeek,
  isoWeekday,
  LocalDate,
  makeDate,
  monthOf,
  yearOf,
} from "./local-date.ts"
import type { Notice } from "./notice.ts"
import { type Department, DepartmentKind } from "./person.ts"
import { type NoticeProgress, noticeProgress, type Recheck } from "./recheck.ts"
import type { TipTimeline } from "./tip.ts"

/** Why a matter moves up the ladder (E-1). */
export const EscalationTrigger = Schema.Literal(
  "recheckFailed",
  "recheckMissed",
  "villageOverdue",
  "majorHazard",
  "tipNotAcknowledged",
  "jointMeetingAgenda",
)
export type EscalationTrigger = typeof EscalationTrigger.Type

export const ESCALATION_TRIGGER_LABEL: Record<EscalationTrigger, string> = {
  recheckFailed: "复查未整改到位",
  recheckMissed: "逾期未复查",
  villageOverdue: "村（社区）不能按期整改",
  majorHazard: "重大火灾隐患",
  tipNotAcknowledged: "举报超时未受理",
  jointMeetingAgenda: "提请联席会议",
}

/** The seed clause each trigger comes from. */
export const ESCALATION_TRIGGER_CLAUSE: Record<EscalationTrigger, string> = {
  recheckFailed: "五(三)",
  recheckMissed: "E-1 [design]",
  villageOverdue: "五(三)",
  majorHazard: "H-6",
  tipNotAcknowledged: "T-3",
  jointMeetingAgenda: "五(五)",
}

/** Who receives it: a grid further up, a department (派出所, fire brigade), or the joint meeting. */
export const EscalationTarget = Schema.Union(
  Schema.TaggedStruct("Grid", { gridId: GridId, level: GridLevel }),
  Schema.TaggedStruct("Department", {
    kind: DepartmentKind,
    /** null when no such department is registered for the area: the target is still owed a report. */
    departmentId: Schema.NullOr(DepartmentId),
    /** The township whose police station / fire brigade is meant. */
    forGridId: GridId,
  }),
  Schema.TaggedStruct("JointMeeting", { townshipId: GridId, meetingOn: LocalDate }),
)
export type EscalationTarget = typeof EscalationTarget.Type

/** A plain struct rather than a class: a sweep over a county builds tens of thousands of them. */
export const Escalation = Schema.Struct({
  /** `esc:<trigger>:<subject>`: the same matter escalated for the same reason always has the same id. */
  id: EscalationId,
  trigger: EscalationTrigger,
  subject: Schema.String,
  clause: Schema.String,
  fromGridId: GridId,
  to: EscalationTarget,
  triggeredOn: LocalDate,
  dueOn: LocalDate,
  unitIds: Schema.Array(UnitId),
  hazardIds: Schema.Array(HazardId),
  noticeIds: Schema.Array(NoticeId),
  tipIds: Schema.Array(TipId),
  summary: Schema.String,
  archive: ArchiveEntry,
})
export type Escalation = typeof Escalation.Type

export const escalationId = (trigger: EscalationTrigger, subject: string): EscalationId =>
  `esc:${trigger}:${subject}` as EscalationId

/** A hazard decided to be major (H-6) on a date; `MajorHazardDetermination` satisfies this. */
export interface MajorHazardFact {
  readonly hazardId: HazardId
  readonly determinedOn: LocalDate
  readonly isMajor: boolean
}

/** A township's quarterly joint meeting 联席会议 (五(五)). */
export interface JointMeetingFact {
  readonly townshipId: GridId
  readonly on: LocalDate
}

/** Everything the ladder looks at. Facts dated after `asOf` are ignored, so a sweep can be replayed for any past day. */
export interface CaseFacts {
  readonly grids: GridIndex
  readonly departments: ReadonlyArray<Department>
  readonly hazards: ReadonlyArray<Hazard>
  readonly notices: ReadonlyArray<Notice>
  readonly rechecks: ReadonlyArray<Recheck>
  readonly tips: ReadonlyArray<TipTimeline>
  readonly majorDeterminations: ReadonlyArray<MajorHazardFact>
  readonly jointMeetings: ReadonlyArray<JointMeetingFact>
}

/** Lookups shared by the sweep and by evaluation: each grid's township and village, rechecks by notice. */
export interface CaseIndex {
  readonly grids: GridIndex
  readonly workdays: Workdays
  /** A hazard by id; the lookup table is built on first use (most sweeps need only the major ones). */
  readonly hazard: (id: HazardId) => Hazard | undefined
  readonly rechecksByNotice: ReadonlyMap<NoticeId, ReadonlyArray<Recheck>>
  /** The nearest grid at `level` at or above a grid. */
  readonly atLevel: (gridId: GridId, level: GridLevel) => Grid | undefined
  readonly department: (kind: DepartmentKind, gridId: GridId) => Department | undefined
  /** `noticeProgress` of a notice as of a date under a policy, computed once and shared by sweep and evaluation. */
  readonly progress: (notice: Notice, asOf: LocalDate, policy: EscalationPolicy) => NoticeProgress
  /** The notices the index was built over (`facts.notices`). */
  readonly notices: ReadonlyArray<Notice>
  /**
   * The same for `notices[position]`: what the sweep and the evaluation use as they walk the
   * notices, since a position needs no lookup by id.
   */
  readonly progressAt: (position: number, asOf: LocalDate, policy: EscalationPolicy) => NoticeProgress
}

const NO_RECHECKS: ReadonlyArray<Recheck> = []

export const indexCases = (facts: CaseFacts, isWorkday: WorkdayPredicate | Workdays): CaseIndex => {
  const workdays = typeof isWorkday === "function" ? workdaysOf(isWorkday) : isWorkday
  let hazardById: Map<HazardId, Hazard> | null = null
  const hazard = (id: HazardId) => {
    if (hazardById === null) hazardById = new Map(facts.hazards.map((h) => [h.id, h] as const))
    return hazardById.get(id)
  }
  const notices = facts.notices
  // Rechecks grouped by their notice's number (its first position in `notices`): progress then reads a
  // notice's rechecks by position. Rechecks are mostly recorded in notice order, so numbering them is
  // mostly a comparison with the next notice rather than a lookup in a table of every notice.
  const noticeNumbers = new IdNumbering(
    notices.map((n) => n.id),
    false,
  )
  const rechecksAt = new Array<Recheck[] | undefined>(notices.length)
  for (const r of facts.rechecks) {
    const slot = noticeNumbers.slotOf(r.noticeId)
    if (slot < 0) continue
    const list = rechecksAt[slot]
    if (list) list.push(r)
    else rechecksAt[slot] = [r]
  }
  // By notice id, for rechecks of notices not in `facts.notices` too; built when first asked for.
  let rechecksById: Map<NoticeId, Recheck[]> | null = null
  const rechecksByNotice = (): ReadonlyMap<NoticeId, ReadonlyArray<Recheck>> => {
    if (rechecksById === null) {
      rechecksById = new Map()
      for (const r of facts.rechecks) {
        const list = rechecksById.get(r.noticeId)
        if (list) list.push(r)
        else rechecksById.set(r.noticeId, [r])
      }
    }
    return rechecksById
  }
  const levelCache = new Map<GridLevel, Map<GridId, Grid | null>>()
  const atLevel = (gridId: GridId, level: GridLevel) => {
    let byGrid = levelCache.get(level)
    if (byGrid === undefined) {
      byGrid = new Map()
      levelCache.set(level, byGrid)
    }
    let found = byGrid.get(gridId)
    if (found === undefined) {
      const self = facts.grids.byId.get(gridId)
      found =
        (self?.level === level ? self : facts.grids.ancestors(gridId).find((g) => g.level === level)) ?? null
      byGrid.set(gridId, found)
    }
    return found ?? undefined
  }
  const departmentsByGrid = new Map<string, Department>()
  for (const d of facts.departments) {
    const key = `${d.kind}|${d.gridId}`
    const seen = departmentsByGrid.get(key)
    if (seen === undefined || d.id < seen.id) departmentsByGrid.set(key, d)
  }
  const department = (kind: DepartmentKind, gridId: GridId) => {
    for (const g of [facts.grids.byId.get(gridId), ...facts.grids.ancestors(gridId)]) {
      if (g === undefined) continue
      const d = departmentsByGrid.get(`${kind}|${g.id}`)
      if (d) return d
    }
    return undefined
  }
  // One memo per (date, policy), parallel to `facts.notices`: a sweep and an evaluation on the same day
  // share every notice's progress, and walking the notices in order reads it by position (a keyed memo
  // cost two lookups in a table of every notice per notice).
  let memo: { asOf: LocalDate; policy: EscalationPolicy; at: Array<NoticeProgress | undefined> } | null = null
  const progressAt = (position: number, asOf: LocalDate, policy: EscalationPolicy) => {
    if (memo === null || memo.asOf !== asOf || memo.policy !== policy)
      memo = { asOf, policy, at: new Array<NoticeProgress | undefined>(notices.length) }
    let value = memo.at[position]
    if (value === undefined) {
      const rechecks = rechecksAt[noticeNumbers.slotAt(position)] ?? NO_RECHECKS
      value = noticeProgress(notices[position]!, rechecks, asOf, policy, workdays)
      memo.at[position] = value
    }
    return value
  }
  // By object: only a notice of `facts.notices` is found in the memo; any other (an edited copy with
  // the same id) is computed afresh.
  const progress = (notice: Notice, asOf: LocalDate, policy: EscalationPolicy) => {
    const slot = noticeNumbers.slotOf(notice.id)
    if (slot >= 0 && notices[slot] === notice) return progressAt(slot, asOf, policy)
    const rechecks = rechecksByNotice().get(notice.id) ?? NO_RECHECKS
    return noticeProgress(notice, rechecks, asOf, policy, workdays)
  }
  return {
    grids: facts.grids,
    workdays,
    hazard,
    get rechecksByNotice() {
      return rechecksByNotice()
    },
    atLevel,
    department,
    progress,
    notices,
    progressAt,
  }
}

const uniq = <A>(xs: ReadonlyArray<A>): ReadonlyArray<A> => [...new Set(xs)]

/** Aggregation period of a date: ISO week `2026-W12` or month `2026-03`, with its last day. */
export const aggregationPeriodOf = (
  d: LocalDate,
  period: EscalationPolicy["villageOverdue"]["period"],
): { readonly key: string; readonly end: LocalDate } => {
  if (period === "week") return { key: isoWeek(d), end: addDays(d, 7 - isoWeekday(d)) }
  const y = yearOf(d)
  const m = monthOf(d)
  return { key: `${y}-${String(m).padStart(2, "0")}`, end: makeDate(y, m, daysInMonth(y, m)) }
}

const quarterEnd = (d: LocalDate): LocalDate => {
  const y = yearOf(d)
  const m = Math.ceil(monthOf(d) / 3) * 3
  return makeDate(y, m, daysInMonth(y, m))
}

/**
 * The escalation ladder (E-1): every escalation that must exist on `asOf`, given the facts and the policy.
 *
 * Pure and replayable: the same facts, date and policy give the same list, in the same order. Each
 * escalation's id comes from its trigger and subject and its content only from facts dated on or before
 * its trigger, so a sweep run every day returns yesterday's escalations unchanged plus today's new ones:
 * recording by id never duplicates (see `newEscalations`).
 *
 * Rungs (default policy, see `defaultEscalationPolicy`):
 * - township notice, recheck finds a hazard not rectified → archive the unit + report to 派出所 (H-3, 五(三));
 * - township notice with no recheck by its due date → the county [design];
 * - village notices not rectified by their recheck due date → one report per village and period to the
 *   township (H-4, 五(三));
 * - major hazard → the fire brigade at once (H-6);
 * - tip not answered within the limit → the level above, and again one more level per further limit (T-3);
 * - cases escalated long enough ago and still open at the cut-off before the quarterly joint meeting →
 *   that meeting's agenda, one escalation per township and meeting listing them (H-5, 五(五)).
 */
export const sweepEscalations = (
  facts: CaseFacts,
  asOf: LocalDate,
  policy: EscalationPolicy,
  isWorkday: WorkdayPredicate | Workdays,
  index: CaseIndex = indexCases(facts, isWorkday),
): ReadonlyArray<Escalation> => {
  const { workdays, atLevel } = index
  const out: Escalation[] = []
  const memoMap = <A>(key: string): Map<LocalDate, A> => {
    let byDate = workdays.memo.get(key) as Map<LocalDate, A> | undefined
    if (byDate === undefined) {
      byDate = new Map()
      workdays.memo.set(key, byDate)
    }
    return byDate
  }
  const plusOne = memoMap<LocalDate>("+1")
  const dayAfter = (d: LocalDate): LocalDate => {
    let v = plusOne.get(d)
    if (v === undefined) {
      v = addDays(d, 1)
      plusOne.set(d, v)
    }
    return v
  }
  // Positional rather than one argument object: a county's sweep emits tens of thousands.
  const emit = (
    trigger: EscalationTrigger,
    subject: string,
    fromGridId: GridId,
    to: EscalationTarget,
    triggeredOn: LocalDate,
    dueOn: LocalDate,
    unitIds: ReadonlyArray<UnitId>,
    hazardIds: ReadonlyArray<HazardId>,
    noticeIds: ReadonlyArray<NoticeId>,
    tipIds: ReadonlyArray<TipId>,
    summary: string,
    archiveKind: ArchiveEntryKind,
    archiveTitle: string,
  ): void => {
    const id = escalationId(trigger, subject)
    out.push({
      id,
      trigger,
      subject,
      clause: ESCALATION_TRIGGER_CLAUSE[trigger],
      fromGridId,
      to,
      triggeredOn,
      dueOn,
      unitIds,
      hazardIds,
      noticeIds,
      tipIds,
      summary,
      archive: {
        id: archiveEntryIdFor(id),
        gridId: fromGridId,
        on: triggeredOn,
        kind: archiveKind,
        title: archiveTitle,
        escalationId: id,
        unitIds,
        hazardIds,
        noticeIds,
        tipIds,
      },
    })
  }
  // Targets are immutable values: one per department kind and township, one per grid.
  const departmentTargets = new Map<DepartmentKind, Map<GridId, EscalationTarget>>()
  const departmentTarget = (kind: DepartmentKind, townshipId: GridId): EscalationTarget => {
    let byTownship = departmentTargets.get(kind)
    if (byTownship === undefined) {
      byTownship = new Map()
      departmentTargets.set(kind, byTownship)
    }
    let target = byTownship.get(townshipId)
    if (target === undefined) {
      target = {
        _tag: "Department",
        kind,
        departmentId: index.department(kind, townshipId)?.id ?? null,
        forGridId: townshipId,
      }
      byTownship.set(townshipId, target)
    }
    return target
  }
  const gridTargets = new Map<GridId, EscalationTarget>()
  const gridTarget = (g: Grid): EscalationTarget => {
    let target = gridTargets.get(g.id)
    if (target === undefined) {
      target = { _tag: "Grid", gridId: g.id, level: g.level }
      gridTargets.set(g.id, target)
    }
    return target
  }
  const nameOf = (id: GridId) => index.grids.byId.get(id)?.name ?? id

  /** When each case (a notice, or a major hazard with no notice) first went up, and its township. */
  interface OpenCase {
    /** Hazard cases sort before notice cases (their keys were `hazard/…` and `notice/…`), then by id. */
    readonly isNotice: boolean
    readonly id: string
    readonly townshipId: GridId
    escalatedOn: LocalDate
    readonly unitId: UnitId
    readonly progress: NoticeProgress | null
    readonly hazardIds: ReadonlyArray<HazardId>
  }
  // Keyed by the notice's (or hazard's) own id: its hash is already cached, unlike a built key string.
  const noticeCases = new Map<NoticeId, OpenCase>()
  const hazardCases = new Map<HazardId, OpenCase>()
  /** Notes a case the first time it goes up (building its record once); later, only an earlier date. */
  const noteCase = <K extends string>(
    cases: Map<K, OpenCase>,
    id: K,
    escalatedOn: LocalDate,
    open: () => OpenCase,
  ) => {
    const seen = cases.get(id)
    if (seen === undefined) cases.set(id, open())
    else if (escalatedOn < seen.escalatedOn) seen.escalatedOn = escalatedOn
  }
  const noteNoticeCase = (townshipId: GridId, escalatedOn: LocalDate, progress: NoticeProgress) => {
    const notice = progress.notice
    noteCase(noticeCases, notice.id, escalatedOn, () => ({
      isNotice: true,
      id: notice.id,
      townshipId,
      escalatedOn,
      unitId: notice.unitId,
      progress,
      hazardIds: notice.hazardIds,
    }))
  }
  const noteHazardCase = (townshipId: GridId, escalatedOn: LocalDate, hazard: Hazard) =>
    noteCase(hazardCases, hazard.id, escalatedOn, () => ({
      isNotice: false,
      id: hazard.id,
      townshipId,
      escalatedOn,
      unitId: hazard.unitId,
      progress: null,
      hazardIds: [hazard.id],
    }))

  // --- notices: failed and missed township rechecks, village cases not fixed in time -----------------
  interface VillageGroup {
    readonly key: string
    readonly village: Grid
    readonly periodEnd: LocalDate
    readonly items: NoticeProgress[]
  }
  /** Late village notices by village, then by period key. */
  const villageLate = new Map<Grid, Map<string, VillageGroup>>()
  const villagePeriod = policy.villageOverdue.period
  const periods = memoMap<{ readonly key: string; readonly end: LocalDate }>(`ap${villagePeriod}`)
  const notices = facts.notices
  // By position when the index was built over these notices (the usual case), else by the notice.
  const ownNotices = index.notices === notices
  for (let i = 0; i < notices.length; i++) {
    const notice = notices[i]!
    if (notice.issuedOn > asOf) continue
    const progress = ownNotices ? index.progressAt(i, asOf, policy) : index.progress(notice, asOf, policy)
    const issuer = notice.issuer
    if (issuer._tag === "TownshipOffice") {
      const township = atLevel(notice.gridId, "large")
      const issuerGridId = issuer.gridId
      const failed = progress.firstFailed
      let subject: string | undefined
      if (policy.recheckFailed.enabled && failed !== null && township !== undefined) {
        const notRectified: HazardId[] = []
        for (const r of failed.results) if (!r.rectified) notRectified.push(r.hazardId)
        subject = `notice/${notice.id}`
        const noticeIds = [notice.id]
        emit(
          "recheckFailed",
          subject,
          issuerGridId,
          departmentTarget("police", township.id),
          failed.on,
          workdays.after(failed.on, policy.recheckFailed.reportWithinWorkdays),
          [notice.unitId],
          notRectified,
          noticeIds,
          [],
          `${failed.on} 复查整改通知书 ${notice.number}，${notRectified.length} 项隐患未整改到位，建立档案并上报辖区派出所（五(三)）`,
          "unrectifiedUnit",
          `未整改到位隐患单位：通知书 ${notice.number}`,
        )
        noteNoticeCase(township.id, failed.on, progress)
      }
      if (policy.recheckMissed.enabled) {
        const due = progress.recheckDue
        const missedFrom = dayAfter(due)
        if (
          asOf >= missedFrom &&
          (progress.firstRecheckOn === null || progress.firstRecheckOn > due) &&
          (progress.closedOn === null || progress.closedOn > due)
        ) {
          const county = atLevel(issuerGridId, "county")
          if (county !== undefined) {
            subject ??= `notice/${notice.id}`
            const noticeIds = [notice.id]
            emit(
              "recheckMissed",
              subject,
              issuerGridId,
              gridTarget(county),
              missedFrom,
              workdays.after(due, policy.recheckMissed.reportWithinWorkdays),
              [notice.unitId],
              notice.hazardIds,
              noticeIds,
              [],
              `整改通知书 ${notice.number} 整改期限 ${notice.deadline} 已过，至 ${due} 未复查`,
              "recheckMissed",
              `逾期未复查：通知书 ${notice.number}`,
            )
            if (township !== undefined) noteNoticeCase(township.id, missedFrom, progress)
          }
        }
      }
    } else if (policy.villageOverdue.enabled) {
      const cutoff = progress.recheckDue
      const closedOn = progress.closedOn
      if (cutoff < asOf && (closedOn === null || closedOn > cutoff)) {
        const village = index.grids.byId.get(issuer.gridId)
        if (village !== undefined) {
          let period = periods.get(cutoff)
          if (period === undefined) {
            period = aggregationPeriodOf(cutoff, villagePeriod)
            periods.set(cutoff, period)
          }
          if (period.end < asOf) {
            let byPeriod = villageLate.get(village)
            if (byPeriod === undefined) {
              byPeriod = new Map()
              villageLate.set(village, byPeriod)
            }
            const group = byPeriod.get(period.key)
            if (group) group.items.push(progress)
            else
              byPeriod.set(period.key, {
                key: `${village.id}/${period.key}`,
                village,
                periodEnd: period.end,
                items: [progress],
              })
          }
        }
      }
    }
  }

  for (const byPeriod of villageLate.values())
    for (const { key, village, periodEnd, items } of byPeriod.values()) {
      const township = atLevel(village.id, "large")
      if (township === undefined) continue
      const triggeredOn = dayAfter(periodEnd)
      items.sort((a, b) => (a.notice.id < b.notice.id ? -1 : a.notice.id > b.notice.id ? 1 : 0))
      const hazardIds: HazardId[] = []
      const noticeIds: NoticeId[] = []
      const unitIds = new Set<UnitId>()
      for (const p of items) {
        noticeIds.push(p.notice.id)
        unitIds.add(p.notice.unitId)
        for (const h of p.notice.hazardIds) {
          const d = p.rectifiedOn.get(h)
          if (d === undefined || d > p.recheckDue) hazardIds.push(h)
        }
      }
      emit(
        "villageOverdue",
        key,
        village.id,
        gridTarget(township),
        triggeredOn,
        workdays.after(periodEnd, policy.villageOverdue.reportWithinWorkdays),
        [...unitIds],
        hazardIds,
        noticeIds,
        [],
        `${village.name}汇总不能按期整改的隐患：${items.length} 份通知书、${hazardIds.length} 项隐患，上报${township.name}（五(三)）`,
        "villageOverdueReport",
        `${village.name}逾期未整改隐患汇总（${key.slice(key.indexOf("/") + 1)}）`,
      )
      for (const p of items) noteNoticeCase(township.id, triggeredOn, p)
    }

  // --- major hazards: the fire brigade at once (H-6) ------------------------------------------------
  if (policy.majorHazard.enabled) {
    const majorOn = new Map<HazardId, LocalDate>()
    const note = (id: HazardId, d: LocalDate) => {
      const seen = majorOn.get(id)
      if (seen === undefined || d < seen) majorOn.set(id, d)
    }
    for (const m of facts.majorDeterminations)
      if (m.isMajor && m.determinedOn <= asOf) note(m.hazardId, m.determinedOn)
    const majorHazards = new Map<HazardId, Hazard>()
    for (const h of facts.hazards) {
      if (h.severity === "major" && h.foundOn <= asOf) note(h.id, h.foundOn)
      if (majorOn.has(h.id)) majorHazards.set(h.id, h)
    }
    // The position in `notices` of the earliest notice listing each major hazard.
    const noticeOfHazard = new Map<HazardId, number>()
    if (majorOn.size > 0)
      for (let i = 0; i < notices.length; i++) {
        const n = notices[i]!
        for (const h of n.hazardIds) {
          if (!majorOn.has(h)) continue
          const at = noticeOfHazard.get(h)
          const seen = at === undefined ? undefined : notices[at]!
          // The earliest notice for the hazard is its case, whatever order the facts come in.
          if (
            seen === undefined ||
            n.issuedOn < seen.issuedOn ||
            (n.issuedOn === seen.issuedOn && n.id < seen.id)
          )
            noticeOfHazard.set(h, i)
        }
      }
    for (const [hazardId, on] of majorOn) {
      const hazard = majorHazards.get(hazardId)
      if (hazard === undefined) continue
      const township = atLevel(hazard.gridId, "large")
      if (township === undefined) continue
      const subject = `hazard/${hazardId}`
      const hazardIds = [hazardId]
      emit(
        "majorHazard",
        subject,
        township.id,
        departmentTarget("fireBrigade", township.id),
        on,
        workdays.after(on, policy.majorHazard.reportWithinWorkdays),
        [hazard.unitId],
        hazardIds,
        [],
        [],
        `${on} 判定为重大火灾隐患：${hazard.description}，立即移送消防救援机构（H-6）`,
        "majorHazardLedger",
        `重大火灾隐患登记：${hazard.description}`,
      )
      const at = noticeOfHazard.get(hazardId)
      const notice = at === undefined ? undefined : notices[at]!
      if (notice !== undefined && notice.issuedOn <= asOf)
        noteNoticeCase(
          township.id,
          on,
          ownNotices ? index.progressAt(at!, asOf, policy) : index.progress(notice, asOf, policy),
        )
      else noteHazardCase(township.id, on, hazard)
    }
  }

  // --- tips not answered in time (T-3) ---------------------------------------------------------------
  if (policy.tipAcknowledgement.enabled && policy.tipAcknowledgement.workdays > 0) {
    const step = policy.tipAcknowledgement.workdays
    const chains = new Map<GridId, ReadonlyArray<Grid | undefined>>()
    for (const tip of facts.tips) {
      if (tip.receivedOn > asOf) continue
      let chain = chains.get(tip.gridId)
      if (chain === undefined) {
        chain = [index.grids.byId.get(tip.gridId), ...index.grids.ancestors(tip.gridId)]
        chains.set(tip.gridId, chain)
      }
      for (let k = 1; k <= policy.tipAcknowledgement.levelsUp; k++) {
        const deadline = workdays.after(tip.receivedOn, step * k)
        if (asOf <= deadline) break
        if (tip.respondedOn !== null && tip.respondedOn <= deadline) break
        const from = chain[k - 1]
        const to = chain[k]
        if (from === undefined || to === undefined) break
        emit(
          "tipNotAcknowledged",
          `tip/${tip.tipId}/${k}`,
          from.id,
          gridTarget(to),
          dayAfter(deadline),
          workdays.after(deadline, step),
          [],
          [],
          [],
          [tip.tipId],
          `群众举报 ${tip.tipId}（${tip.receivedOn} 收到）至 ${deadline} 未受理，转${to.name}督办（T-3）`,
          "tipOverdue",
          `举报超时未受理：${tip.tipId}`,
        )
      }
    }
  }

  // --- cases still open before the quarterly joint meeting (H-5, 五(五)) -----------------------------
  if (policy.jointMeeting.enabled && noticeCases.size + hazardCases.size > 0) {
    const byTownship = new Map<GridId, OpenCase[]>()
    for (const cases of [noticeCases, hazardCases])
      for (const c of cases.values()) {
        const list = byTownship.get(c.townshipId)
        if (list) list.push(c)
        else byTownship.set(c.townshipId, [c])
      }
    const listed = new Map<GridId, LocalDate[]>()
    for (const m of facts.jointMeetings) {
      const list = listed.get(m.townshipId)
      if (list) list.push(m.on)
      else listed.set(m.townshipId, [m.on])
    }
    const lead = policy.jointMeeting.agendaLeadDays
    for (const [townshipId, list] of byTownship) {
      list.sort((a, b) =>
        a.isNotice !== b.isNotice ? (a.isNotice ? 1 : -1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
      )
      const meetings = new Set(listed.get(townshipId) ?? [])
      if (policy.jointMeeting.assumeQuarterEnd) {
        const quartersWithMeeting = new Set([...meetings].map((d) => quarterEnd(d)))
        let first = list[0]!.escalatedOn
        for (const c of list) if (c.escalatedOn < first) first = c.escalatedOn
        for (let q = quarterEnd(first); q <= quarterEnd(asOf); q = quarterEnd(addDays(q, 1)))
          if (!quartersWithMeeting.has(q)) meetings.add(workdays.onOrBefore(q))
      }
      for (const meetingOn of [...meetings].sort()) {
        const cutoff = addDays(meetingOn, -lead)
        if (cutoff > asOf) continue
        const escalatedBy = addDays(cutoff, -policy.jointMeeting.escalatedForDays)
        // One agenda per meeting listing every such case, in case order (not fact order).
        const unitIds: UnitId[] = []
        const hazardIds: HazardId[] = []
        const noticeIds: NoticeId[] = []
        let count = 0
        for (const c of list) {
          if (c.escalatedOn > escalatedBy) continue
          // A notice whose last hazard was rectified by the cut-off has nothing left for the agenda:
          // known without reading its rechecks again.
          const closedOn = c.progress?.closedOn ?? null
          if (closedOn !== null && closedOn <= cutoff) continue
          const before = hazardIds.length
          const rectifiedOn = c.progress?.rectifiedOn
          for (const h of c.hazardIds) {
            const d = rectifiedOn?.get(h)
            if (d === undefined || d > cutoff) hazardIds.push(h)
          }
          if (hazardIds.length === before) continue
          count++
          unitIds.push(c.unitId)
          if (c.isNotice) noticeIds.push(c.id as NoticeId)
        }
        if (count === 0) continue
        emit(
          "jointMeetingAgenda",
          `${townshipId}@${meetingOn}`,
          townshipId,
          { _tag: "JointMeeting", townshipId, meetingOn },
          cutoff,
          meetingOn,
          uniq(unitIds),
          hazardIds,
          noticeIds,
          [],
          `${nameOf(townshipId)}${meetingOn} 联席会议议题：已上报仍未整改的案件 ${count} 件、隐患 ${hazardIds.length} 项，研究联合执法（五(五)）`,
          "jointMeetingCase",
          `提请${nameOf(townshipId)}${meetingOn} 联席会议研究的案件（${count} 件）`,
        )
      }
    }
  }

  return byTriggerDayThenId(out)
}

/**
 * Sorts escalations by trigger date, then id. The dates are read once as day numbers and the
 * escalations placed day by day (a counting sort: a sweep's 40,000 escalations fall on a few hundred
 * days), so ids are compared only among escalations of the same day; comparing date strings in every
 * comparison of one big sort was a tenth of a county's sweep.
 */
const byTriggerDayThenId = (out: Escalation[]): Escalation[] => {
  const n = out.length
  if (n === 0) return out
  const days = new Int32Array(n)
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  for (let i = 0; i < n; i++) {
    const d = dayNumber(out[i]!.triggeredOn)
    days[i] = d
    if (d < min) min = d
    if (d > max) max = d
  }
  // Day numbers (YYYYMMDD) of a few years span a few tens of thousands; dates centuries apart (bad
  // data) would not be worth a table that size.
  if (max - min > 4 * n + 100_000) {
    const order = Array.from(out.keys()).sort((a, b) => days[a]! - days[b]! || byId(out[a]!, out[b]!))
    return order.map((i) => out[i]!)
  }
  const starts = new Int32Array(max - min + 2)
  for (let i = 0; i < n; i++) starts[days[i]! - min + 1]!++
  for (let k = 1; k < starts.length; k++) starts[k]! += starts[k - 1]!
  const next = starts.slice()
  const sorted = new Array<Escalation>(n)
  for (let i = 0; i < n; i++) sorted[next[days[i]! - min]!++] = out[i]!
  for (let k = 0; k + 1 < starts.length; k++) {
    const from = starts[k]!
    const to = starts[k + 1]!
    if (to - from > 1) sortRangeById(sorted, from, to)
  }
  return sorted
}

const byId = (a: Escalation, b: Escalation) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

const sortRangeById = (xs: Escalation[], from: number, to: number) => {
  const part = xs.slice(from, to).sort(byId)
  for (let k = 0; k < part.length; k++) xs[from + k] = part[k]!
}

/** The escalations of a sweep not yet recorded: what a daily job inserts. Recording them twice is impossible by id. */
export const newEscalations = (
  computed: ReadonlyArray<Escalation>,
  recorded: ReadonlySet<EscalationId>,
): ReadonlyArray<Escalation> => computed.filter((e) => !recorded.has(e.id))

/** A sentence naming who receives an escalation, for pages and the archive ledger. */
export const describeTarget = (
  target: EscalationTarget,
  names: (id: string) => string = (id) => id,
): string => {
  switch (target._tag) {
    case "Grid":
      return names(target.gridId)
    case "Department":
      return target.departmentId !== null
        ? names(target.departmentId)
        : `${names(target.forGridId)}${target.kind === "police" ? "辖区派出所" : target.kind === "fireBrigade" ? "消防救援机构" : "相关部门"}`
    case "JointMeeting":
      return `${names(target.townshipId)}${target.meetingOn} 联席会议`
    default: {
      const never: never = target
      return never
    }
  }
}
