import type { Activity } from "./activity.ts"
import type { OccurrenceCompliance } from "./compliance.ts"
import type { Escalation } from "./escalation.ts"
import { type CaseFacts, type CaseIndex, indexCases } from "./escalation.ts"
import type { EscalationPolicy, WorkdayPredicate, Workdays } from "./escalation-policy.ts"
import type { GridIndex } from "./grid.ts"
import { IdNumbering } from "./id-numbering.ts"
import type { GridId, UnitId } from "./ids.ts"
import { compareDates, daysBetween, type LocalDate } from "./local-date.ts"
import { defaultRankingConfig, type Ranking, type RankingConfig, rankChildren } from "./ranking.ts"
import {
  type DutyTally,
  defaultScoreWeights,
  type EvaluationPeriod,
  type GridFacts,
  periodRange,
  type Score,
  type ScoreWeights,
  scoreGrid,
} from "./score.ts"
import type { Placement } from "./unit.ts"

/** A fire, for the fires-and-casualties line of S-1 and for accountability (S-2). */
export interface FireIncident {
  readonly gridId: GridId
  readonly unitId?: UnitId | undefined
  readonly on: LocalDate
  readonly deaths: number
  readonly injuries: number
}

export interface EvaluationInput {
  readonly period: EvaluationPeriod
  /** The day the evaluation is made, normally the period's last day or later; nothing after it counts. */
  readonly asOf: LocalDate
  readonly cases: CaseFacts
  /** The escalations recorded (or a sweep's result as of `asOf`). */
  readonly escalations: ReadonlyArray<Escalation>
  /** The duty engine's assessed occurrences (`assessCompliance(...).occurrences`). */
  readonly duties: ReadonlyArray<OccurrenceCompliance>
  readonly placements: ReadonlyArray<Placement>
  /** Recorded activities; inspections give the coverage line. */
  readonly activities: ReadonlyArray<Activity>
  readonly incidents: ReadonlyArray<FireIncident>
  readonly policy: EscalationPolicy
  readonly workdays: WorkdayPredicate | Workdays
  readonly weights?: ScoreWeights | undefined
  readonly ranking?: RankingConfig | undefined
  /** A tip counts as closed in time within this many days of receipt [design]. */
  readonly tipCloseWithinDays?: number | undefined
  readonly index?: CaseIndex | undefined
}

export const DEFAULT_TIP_CLOSE_DAYS = 30

interface Acc {
  duty: { -readonly [K in keyof DutyTally]: number }
  training: { -readonly [K in keyof DutyTally]: number }
  publicity: { -readonly [K in keyof DutyTally]: number }
  letters: { -readonly [K in keyof DutyTally]: number }
  units: number
  unitsInspected: number
  noticesDue: number
  closedOnTime: number
  rechecksDue: number
  rechecksOnTime: number
  escalations: number
  tipsReceived: number
  tipsAckOnTime: number
  tipsClosedInTime: number
  ackDays: number[]
  closeDays: number[]
  fires: number
  deaths: number
  injuries: number
}

const tally = () => ({ due: 0, doneOnTime: 0, doneLate: 0, partial: 0, missed: 0, open: 0 })
const newAcc = (): Acc => ({
  duty: tally(),
  training: tally(),
  publicity: tally(),
  letters: tally(),
  units: 0,
  unitsInspected: 0,
  noticesDue: 0,
  closedOnTime: 0,
  rechecksDue: 0,
  rechecksOnTime: 0,
  escalations: 0,
  tipsReceived: 0,
  tipsAckOnTime: 0,
  tipsClosedInTime: 0,
  ackDays: [],
  closeDays: [],
  fires: 0,
  deaths: 0,
  injuries: 0,
})

/** The placed units numbered by placement; a unit placed twice (in two zones) has one number. */
const placedUnits = (placements: ReadonlyArray<Placement>): IdNumbering => {
  const ids = new Array<string>(placements.length)
  for (let i = 0; i < placements.length; i++) ids[i] = placements[i]!.unitId
  return new IdNumbering(ids, false)
}

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/**
 * Measures every grid for a period (S-1): each fact is counted for the grid it happened in and for every
 * grid above it, so a township's facts include its villages' and a village's its zones'.
 */
export const measureGrids = (input: EvaluationInput): ReadonlyMap<GridId, GridFacts> => {
  const { from, to } = periodRange(input.period)
  const last = compareDates(input.asOf, to) < 0 ? input.asOf : to
  const inPeriod = (d: LocalDate) => d >= from && d <= last
  const index = input.index ?? indexCases(input.cases, input.workdays)
  const grids: GridIndex = input.cases.grids
  const accs = new Map<GridId, Acc>()
  const chains = new Map<GridId, ReadonlyArray<Acc>>()
  const chain = (gridId: GridId): ReadonlyArray<Acc> => {
    let c = chains.get(gridId)
    if (c === undefined) {
      const ids = grids.byId.has(gridId) ? [gridId, ...grids.ancestors(gridId).map((g) => g.id)] : []
      c = ids.map((id) => {
        let a = accs.get(id)
        if (a === undefined) {
          a = newAcc()
          accs.set(id, a)
        }
        return a
      })
      chains.set(gridId, c)
    }
    return c
  }
  for (const g of grids.byId.values()) chain(g.id)

  // Duties: occurrences whose window ends in the period, by status; a grid's own duties only.
  for (const { occurrence: o, status } of input.duties) {
    if (o.departmentId !== null || !inPeriod(o.windowEnd)) continue
    const field =
      o.kind === "training"
        ? "training"
        : o.kind === "publicityDay"
          ? "publicity"
          : o.kind === "responsibilityLetter"
            ? "letters"
            : "duty"
    for (const a of chain(o.gridId)) {
      const t = a[field]
      switch (status._tag) {
        case "Upcoming":
          break
        case "Open":
          t.due++
          t.open++
          break
        case "DoneOnTime":
          t.due++
          t.doneOnTime++
          break
        case "DoneLate":
          t.due++
          t.doneLate++
          break
        case "Partial":
          t.due++
          t.partial++
          break
        case "Missed":
          t.due++
          t.missed++
          break
        default: {
          const never: never = status
          return never
        }
      }
    }
  }

  // Inspection coverage: the units of each zone, and which of them an inspection visited in the period.
  // A county's half-year holds millions of unit visits: each is numbered against the placements (in
  // record order that is mostly a comparison with the next placement, not a hash) and marked in a byte
  // array; plain indexed loops, no per-activity allocation.
  const placements = input.placements
  const placed = placedUnits(placements)
  const inspected = new Uint8Array(placements.length)
  const activities = input.activities
  for (let i = 0; i < activities.length; i++) {
    const act = activities[i]!
    if (act.kind !== "inspection") continue
    const unitIds = act.unitIds
    if (unitIds === undefined || !inPeriod(act.date)) continue
    for (let j = 0; j < unitIds.length; j++) {
      const slot = placed.slotOf(unitIds[j]!)
      if (slot >= 0) inspected[slot] = 1
    }
  }
  for (let i = 0; i < placements.length; i++) {
    const p = placements[i]!
    const isInspected = inspected[placed.slotAt(i)] === 1
    for (const a of chain(p.gridId)) {
      a.units++
      if (isInspected) a.unitsInspected++
    }
  }

  // Notices whose recheck fell due in the period: rectified on time? rechecked on time?
  const notices = input.cases.notices
  const ownNotices = index.notices === notices
  for (let i = 0; i < notices.length; i++) {
    const notice = notices[i]!
    if (notice.issuedOn > last) continue
    const progress = ownNotices
      ? index.progressAt(i, input.asOf, input.policy)
      : index.progress(notice, input.asOf, input.policy)
    if (!inPeriod(progress.recheckDue)) continue
    const closedOnTime = progress.closedOn !== null && progress.closedOn <= progress.recheckDue
    const recheckedOnTime = progress.firstRecheckOn !== null && progress.firstRecheckOn <= progress.recheckDue
    for (const a of chain(notice.gridId)) {
      a.noticesDue++
      a.rechecksDue++
      if (closedOnTime) a.closedOnTime++
      if (recheckedOnTime) a.rechecksOnTime++
    }
  }

  for (const e of input.escalations)
    if (inPeriod(e.triggeredOn)) for (const a of chain(e.fromGridId)) a.escalations++

  const closeWithin = input.tipCloseWithinDays ?? DEFAULT_TIP_CLOSE_DAYS
  for (const tip of input.cases.tips) {
    if (!inPeriod(tip.receivedOn)) continue
    const deadline = index.workdays.after(tip.receivedOn, input.policy.tipAcknowledgement.workdays)
    const responded = tip.respondedOn !== null && tip.respondedOn <= input.asOf ? tip.respondedOn : null
    const closed = tip.closedOn !== null && tip.closedOn <= input.asOf ? tip.closedOn : null
    const ackDays = responded === null ? null : daysBetween(tip.receivedOn, responded)
    const closeDays = closed === null ? null : daysBetween(tip.receivedOn, closed)
    for (const a of chain(tip.gridId)) {
      a.tipsReceived++
      if (responded !== null && responded <= deadline) a.tipsAckOnTime++
      if (closeDays !== null && closeDays <= closeWithin) a.tipsClosedInTime++
      if (ackDays !== null) a.ackDays.push(ackDays)
      if (closeDays !== null) a.closeDays.push(closeDays)
    }
  }

  for (const f of input.incidents)
    if (inPeriod(f.on))
      for (const a of chain(f.gridId)) {
        a.fires++
        a.deaths += f.deaths
        a.injuries += f.injuries
      }

  const out = new Map<GridId, GridFacts>()
  for (const [gridId, a] of accs)
    out.set(gridId, {
      gridId,
      duty: a.duty,
      training: a.training,
      publicity: a.publicity,
      letters: a.letters,
      inspection: { units: a.units, unitsInspected: a.unitsInspected },
      rectification: { noticesDue: a.noticesDue, closedOnTime: a.closedOnTime },
      rechecks: { due: a.rechecksDue, onTime: a.rechecksOnTime },
      escalations: { count: a.escalations },
      tips: {
        received: a.tipsReceived,
        acknowledgedOnTime: a.tipsAckOnTime,
        closedWithinTarget: a.tipsClosedInTime,
        medianAcknowledgeDays: median(a.ackDays),
        medianCloseDays: median(a.closeDays),
      },
      incidents: { fires: a.fires, deaths: a.deaths, injuries: a.injuries },
    })
  return out
}

export interface Evaluation {
  readonly period: EvaluationPeriod
  readonly facts: ReadonlyMap<GridId, GridFacts>
  readonly scores: ReadonlyMap<GridId, Score>
  /** One ranking per grid with children: the county ranks townships, each township its villages … (六(三)). */
  readonly rankings: ReadonlyArray<Ranking>
}

/** Half-year supervision and year-end evaluation (S-1, 六(三)): measure, score, rank. */
export const evaluate = (input: EvaluationInput): Evaluation => {
  const facts = measureGrids(input)
  const weights = input.weights ?? defaultScoreWeights
  const scores = new Map<GridId, Score>()
  for (const [gridId, f] of facts) scores.set(gridId, scoreGrid(f, input.period, weights))
  const rankings: Ranking[] = []
  const grids = input.cases.grids
  for (const g of [...grids.byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
    if (grids.children(g.id).length > 0)
      rankings.push(rankChildren(grids, g.id, scores, input.period, input.ranking ?? defaultRankingConfig))
  return { period: input.period, facts, scores, rankings }
}
