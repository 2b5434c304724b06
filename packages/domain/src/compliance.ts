import { Data } from "effect"
import type { Activity, ActivityId } from "./activity.ts"
import {
  type DutyFacts,
  type DutyOccurrence,
  makeScopeIndex,
  type OccurrenceScope,
  type ScopeIndex,
} from "./duty-plan.ts"
import type { DutyKind, DutyRuleId } from "./duty-rule.ts"
import type { DepartmentId, GridId } from "./ids.ts"
import { daysBetween, type LocalDate } from "./local-date.ts"

/**
 * Compliance (SPEC §2): recorded activities matched against due occurrences, as of a date. An activity
 * counts for an occurrence only if it is the occurrence's activity kind, recorded by its responsible grid
 * (or department), dated inside the window — or after it but no later than `lateUntil`, which makes the
 * occurrence done late — and not after `asOf`; and it only counts for the part of the scope it covers.
 */
export type DutyStatus = Data.TaggedEnum<{
  /** The window has not opened yet. */
  Upcoming: Record<never, never>
  /** The window is open and the scope is not covered yet. */
  Open: { readonly covered: number; readonly required: number; readonly missing: ReadonlyArray<string> }
  /** Covered inside the window; `on` is the day the last needed activity happened. */
  DoneOnTime: { readonly on: LocalDate }
  /** Covered after the window closed, within the late allowance. */
  DoneLate: { readonly on: LocalDate; readonly daysLate: number }
  /** The window closed with part of the scope covered; `missing` lists what was not (unit, grid, notice ids …). */
  Partial: {
    readonly covered: number
    readonly required: number
    readonly missing: ReadonlyArray<string>
    /** Until when it can still be completed late; null when that is no longer possible. */
    readonly lateUntil: LocalDate | null
  }
  /** The window closed with nothing done. */
  Missed: { readonly lateUntil: LocalDate | null }
}>
export const DutyStatus = Data.taggedEnum<DutyStatus>()

export const DUTY_STATUS_LABEL: Record<DutyStatus["_tag"], string> = {
  Upcoming: "未到期",
  Open: "进行中",
  DoneOnTime: "按期完成",
  DoneLate: "逾期完成",
  Partial: "未完全落实",
  Missed: "未落实",
}

export interface OccurrenceCompliance {
  readonly occurrence: DutyOccurrence
  readonly status: DutyStatus
  /** The activities that counted, in date order (up to the one that completed it). */
  readonly activityIds: ReadonlyArray<ActivityId>
  /** The activity that completed the occurrence; null unless done. */
  readonly satisfiedBy: ActivityId | null
}

/** Counts over occurrences; `due` is every occurrence whose window has opened (all but upcoming). */
export interface DutyCounts {
  readonly due: number
  readonly doneOnTime: number
  readonly doneLate: number
  readonly partial: number
  readonly missed: number
  readonly open: number
  readonly upcoming: number
  /** doneOnTime / (due − open): the share of closed occurrences done on time; null when none closed. */
  readonly onTimeRate: number | null
}

/** A grid's own duties (not its departments'), for evaluation and scoring (S-1). */
export interface DutyGridSummary extends DutyCounts {
  readonly gridId: GridId
}
export interface DutyDepartmentSummary extends DutyCounts {
  readonly departmentId: DepartmentId
  readonly gridId: GridId
}
export interface DutyRuleSummary extends DutyCounts {
  readonly ruleId: DutyRuleId
  readonly kind: DutyKind
}

export interface ComplianceReport {
  readonly asOf: LocalDate
  readonly occurrences: ReadonlyArray<OccurrenceCompliance>
  readonly byGrid: ReadonlyArray<DutyGridSummary>
  readonly byDepartment: ReadonlyArray<DutyDepartmentSummary>
  readonly byRule: ReadonlyArray<DutyRuleSummary>
  readonly totals: DutyCounts
}

export interface ComplianceInput {
  readonly occurrences: ReadonlyArray<DutyOccurrence>
  /** Any iterable: an array, or a cursor-like generator, read once. */
  readonly activities: Iterable<Activity>
  readonly facts: DutyFacts
  readonly asOf: LocalDate
  /** Reuse the index planning built, if at hand. */
  readonly scopes?: ScopeIndex
}

/** Activities of one actor and kind, sorted by day. */
interface Bucket {
  readonly activities: Activity[]
  readonly days: number[]
  sorted: { readonly activities: ReadonlyArray<Activity>; readonly days: Int32Array } | null
}

/** YYYYMMDD as a number: ordered like the dates, cheap to compare. */
const dayNumber = (d: string): number =>
  (d.charCodeAt(0) - 48) * 10_000_000 +
  (d.charCodeAt(1) - 48) * 1_000_000 +
  (d.charCodeAt(2) - 48) * 100_000 +
  (d.charCodeAt(3) - 48) * 10_000 +
  (d.charCodeAt(5) - 48) * 1000 +
  (d.charCodeAt(6) - 48) * 100 +
  (d.charCodeAt(8) - 48) * 10 +
  (d.charCodeAt(9) - 48)

/** Counting sort by day: linear in the bucket's size (days span at most a few thousand numbers a year). */
const sortBucket = (bucket: Bucket) => {
  if (bucket.sorted) return bucket.sorted
  const { activities, days } = bucket
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  for (const d of days) {
    if (d < min) min = d
    if (d > max) max = d
  }
  const counts = new Int32Array(max - min + 2)
  for (const d of days) counts[d - min + 1]!++
  for (let i = 1; i < counts.length; i++) counts[i]! += counts[i - 1]!
  const outActivities = new Array<Activity>(activities.length)
  const outDays = new Int32Array(activities.length)
  for (let i = 0; i < activities.length; i++) {
    const at = counts[days[i]! - min]!++
    outActivities[at] = activities[i]!
    outDays[at] = days[i]!
  }
  bucket.sorted = { activities: outActivities, days: outDays }
  return bucket.sorted
}

/** First index with days[i] >= d. */
const lowerBound = (days: Int32Array, d: number): number => {
  let lo = 0
  let hi = days.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (days[mid]! < d) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** How an occurrence tells which offered ids are in its scope, and which it has already counted. */
interface Matcher {
  readonly items: ReadonlyArray<string>
  /** For unit scopes: the fast path (ordinal range, filter by ordinal, shared stamp). */
  readonly units: {
    readonly ordinal: ReadonlyMap<string, number>
    readonly lo: number
    readonly hi: number
    /** null when every unit in the range is in scope (no key-only or kind filter). */
    readonly passes: Uint8Array | null
    readonly stamp: Int32Array
    /** Scope units numbered outside the range (listed in several zones); rare. */
    readonly hasExtra: boolean
  } | null
  /** Marks `id` covered for occurrence `serial`; true when it is in scope and was not covered yet. */
  readonly cover: (id: string, serial: number) => boolean
  readonly isCovered: (id: string, serial: number) => boolean
}

/**
 * Matches activities to occurrences as of `asOf` and says, for each occurrence, whether it was done on
 * time, done late, partly done, missed, is open or is upcoming, with the activities that counted; then
 * sums per grid, per department and per rule. Linear in the number of activities; pure.
 */
export const assessCompliance = (input: ComplianceInput): ComplianceReport => {
  const { occurrences, asOf } = input
  const scopes = input.scopes ?? makeScopeIndex(input.facts)

  // Bucket the activities by actor (grid acting for itself, or department) and kind, in one pass.
  const byGrid = new Map<string, Map<string, Bucket>>()
  const byDepartment = new Map<string, Map<string, Bucket>>()
  for (const a of input.activities) {
    const date = a.date
    if (date > asOf) continue
    const departmentId = a.departmentId
    const owner = departmentId === undefined ? byGrid : byDepartment
    const actor = departmentId === undefined ? a.gridId : departmentId
    let kinds = owner.get(actor)
    if (!kinds) {
      kinds = new Map()
      owner.set(actor, kinds)
    }
    let bucket = kinds.get(a.kind)
    if (!bucket) {
      bucket = { activities: [], days: [], sorted: null }
      kinds.set(a.kind, bucket)
    }
    bucket.activities.push(a)
    bucket.days.push(dayNumber(date))
  }

  // Units in scope are told by their ordinal in grid-tree order; coverage is a stamp per ordinal.
  let unitStamp: Int32Array | null = null
  const matchers = new Map<string, Matcher>()
  const matcherOf = (scope: Exclude<OccurrenceScope, { _tag: "Occasions" }>): Matcher => {
    const key = scopeKey(scope)
    const known = matchers.get(key)
    if (known) return known
    const items = scopes.items(scope)
    let matcher: Matcher
    if (scope._tag === "Units") {
      const { ordinal, units, range } = scopes.unitOrdinals()
      const stamp = unitStamp ?? new Int32Array(units.length)
      unitStamp = stamp
      const [lo, hi] = range(scope.gridId)
      const keyOnly = scope.filter.keyOnly
      const kinds = scope.filter.kinds === undefined ? null : new Set<string>(scope.filter.kinds)
      const inRange = (o: number) => {
        if (o < lo || o >= hi) return false
        const u = units[o]!
        return (!keyOnly || u.flags.key) && (kinds === null || kinds.has(u.kind))
      }
      // Units listed in several zones are numbered once; the scope's others are kept aside.
      const extra = new Map<string, number>()
      let extraOrdinal = units.length
      for (const id of items) {
        const o = ordinal.get(id)
        if (o === undefined || !inRange(o)) extra.set(id, extraOrdinal++)
      }
      const extraStamp = extra.size === 0 ? null : new Map<string, number>()
      let passes: Uint8Array | null = null
      if (keyOnly || kinds !== null) {
        passes = new Uint8Array(hi - lo)
        for (let o = lo; o < hi; o++) passes[o - lo] = inRange(o) ? 1 : 0
      }
      matcher = {
        items,
        units: { ordinal, lo, hi, passes, stamp, hasExtra: extraStamp !== null },
        cover: (id, serial) => {
          const o = ordinal.get(id)
          if (o !== undefined && inRange(o)) {
            if (stamp[o] === serial) return false
            stamp[o] = serial
            return true
          }
          if (extraStamp === null || !extra.has(id) || extraStamp.get(id) === serial) return false
          extraStamp.set(id, serial)
          return true
        },
        isCovered: (id, serial) => {
          const o = ordinal.get(id)
          if (o !== undefined && inRange(o)) return stamp[o] === serial
          return extraStamp?.get(id) === serial
        },
      }
    } else {
      const inScope = new Set(items)
      const stamp = new Map<string, number>()
      matcher = {
        items,
        units: null,
        cover: (id, serial) => {
          if (!inScope.has(id) || stamp.get(id) === serial) return false
          stamp.set(id, serial)
          return true
        },
        isCovered: (id, serial) => stamp.get(id) === serial,
      }
    }
    matchers.set(key, matcher)
    return matcher
  }

  const results: OccurrenceCompliance[] = []
  let serial = 0
  for (const occurrence of occurrences) {
    serial++
    const owner = occurrence.departmentId === null ? byGrid : byDepartment
    const bucket = owner.get(occurrence.departmentId ?? occurrence.gridId)?.get(occurrence.activityKind)
    results.push(assessOne(occurrence, asOf, bucket, matcherOf, serial))
  }

  return { asOf, occurrences: results, ...summarise(results) }
}

const scopeKey = (scope: OccurrenceScope): string => {
  switch (scope._tag) {
    case "Units":
      return `u|${scope.gridId}|${scope.filter.keyOnly}|${scope.filter.kinds?.join(",") ?? "*"}`
    case "Grids":
      return `g|${scope.gridId}|${scope.levels.join(",")}`
    case "Notices":
      return `n|${scope.gridId}|${scope.from}|${scope.to}`
    case "Departments":
      return `d|${scope.kinds.join(",")}`
    case "Occasions":
      return "o"
    default:
      return absurd(scope)
  }
}

/** The ids an activity offers towards a scope of this kind. */
const offered = (activity: Activity, scope: OccurrenceScope): ReadonlyArray<string> | undefined => {
  switch (scope._tag) {
    case "Units":
      return activity.unitIds
    case "Grids":
      return activity.gridIds
    case "Notices":
      return activity.noticeIds
    case "Departments":
      return activity.departmentKinds
    case "Occasions":
      return undefined
    default:
      return absurd(scope)
  }
}

const NO_ITEMS: ReadonlyArray<string> = []

const assessOne = (
  occurrence: DutyOccurrence,
  asOf: LocalDate,
  bucket: Bucket | undefined,
  matcherOf: (scope: Exclude<OccurrenceScope, { _tag: "Occasions" }>) => Matcher,
  serial: number,
): OccurrenceCompliance => {
  if (asOf < occurrence.windowStart)
    return { occurrence, status: DutyStatus.Upcoming(), activityIds: [], satisfiedBy: null }

  const scope = occurrence.scope
  const required = occurrence.required
  const matcher = scope._tag === "Occasions" ? null : matcherOf(scope)
  let done = 0
  const activityIds: ActivityId[] = []
  let completedOn: LocalDate | null = null
  let satisfiedBy: ActivityId | null = null

  if (bucket) {
    const { activities, days } = sortBucket(bucket)
    const last = dayNumber(occurrence.lateUntil < asOf ? occurrence.lateUntil : asOf)
    for (
      let i = lowerBound(days, dayNumber(occurrence.windowStart));
      i < days.length && days[i]! <= last;
      i++
    ) {
      const activity = activities[i]!
      let counted = false
      if (matcher === null) {
        done++
        counted = true
      } else {
        const ids = offered(activity, scope)
        const fast = matcher.units
        if (ids === undefined) {
          // nothing offered
        } else if (fast !== null && !fast.hasExtra) {
          // Unit scopes: one map lookup per visited unit, no set per occurrence.
          const { ordinal, lo, hi, passes, stamp } = fast
          for (let k = 0; k < ids.length; k++) {
            const o = ordinal.get(ids[k]!)
            if (o === undefined || o < lo || o >= hi || stamp[o] === serial) continue
            if (passes !== null && passes[o - lo] === 0) continue
            stamp[o] = serial
            done++
            counted = true
          }
        } else
          for (let k = 0; k < ids.length; k++)
            if (matcher.cover(ids[k]!, serial)) {
              done++
              counted = true
            }
      }
      if (!counted) continue
      activityIds.push(activity.id)
      if (done >= required) {
        completedOn = activity.date
        satisfiedBy = activity.id
        break
      }
    }
  }

  const missing = () =>
    matcher === null ? NO_ITEMS : matcher.items.filter((id) => !matcher.isCovered(id, serial))
  let status: DutyStatus
  if (completedOn !== null) {
    status =
      completedOn <= occurrence.windowEnd
        ? DutyStatus.DoneOnTime({ on: completedOn })
        : DutyStatus.DoneLate({ on: completedOn, daysLate: daysBetween(occurrence.windowEnd, completedOn) })
  } else if (asOf <= occurrence.windowEnd) {
    status = DutyStatus.Open({ covered: done, required, missing: missing() })
  } else {
    const lateUntil = asOf < occurrence.lateUntil ? occurrence.lateUntil : null
    status =
      done > 0
        ? DutyStatus.Partial({ covered: done, required, missing: missing(), lateUntil })
        : DutyStatus.Missed({ lateUntil })
  }
  return { occurrence, status, activityIds, satisfiedBy }
}

const emptyCounts = () => ({
  due: 0,
  doneOnTime: 0,
  doneLate: 0,
  partial: 0,
  missed: 0,
  open: 0,
  upcoming: 0,
})
type MutableCounts = ReturnType<typeof emptyCounts>

const count = (c: MutableCounts, status: DutyStatus) => {
  switch (status._tag) {
    case "Upcoming":
      c.upcoming++
      return
    case "Open":
      c.open++
      break
    case "DoneOnTime":
      c.doneOnTime++
      break
    case "DoneLate":
      c.doneLate++
      break
    case "Partial":
      c.partial++
      break
    case "Missed":
      c.missed++
      break
    default:
      absurd(status)
  }
  c.due++
}

const finish = (c: MutableCounts): DutyCounts => {
  const closed = c.due - c.open
  return { ...c, onTimeRate: closed === 0 ? null : c.doneOnTime / closed }
}

const byKey = <T>(m: Map<string, T>): T[] =>
  [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v)

/** Per-grid, per-department and per-rule counts of a list of assessed occurrences. */
export const summarise = (
  results: ReadonlyArray<OccurrenceCompliance>,
): Pick<ComplianceReport, "byGrid" | "byDepartment" | "byRule" | "totals"> => {
  const grids = new Map<string, { gridId: GridId; c: MutableCounts }>()
  const departments = new Map<string, { departmentId: DepartmentId; gridId: GridId; c: MutableCounts }>()
  const rules = new Map<string, { ruleId: DutyRuleId; kind: DutyKind; c: MutableCounts }>()
  const totals = emptyCounts()
  for (const { occurrence: o, status } of results) {
    count(totals, status)
    if (o.departmentId === null) {
      const g = grids.get(o.gridId) ?? { gridId: o.gridId, c: emptyCounts() }
      grids.set(o.gridId, g)
      count(g.c, status)
    } else {
      const d = departments.get(o.departmentId) ?? {
        departmentId: o.departmentId,
        gridId: o.gridId,
        c: emptyCounts(),
      }
      departments.set(o.departmentId, d)
      count(d.c, status)
    }
    const r = rules.get(o.ruleId) ?? { ruleId: o.ruleId, kind: o.kind, c: emptyCounts() }
    rules.set(o.ruleId, r)
    count(r.c, status)
  }
  return {
    byGrid: byKey(grids).map(({ gridId, c }) => ({ gridId, ...finish(c) })),
    byDepartment: byKey(departments).map(({ departmentId, gridId, c }) => ({
      departmentId,
      gridId,
      ...finish(c),
    })),
    byRule: byKey(rules).map(({ ruleId, kind, c }) => ({ ruleId, kind, ...finish(c) })),
    totals: finish(totals),
  }
}

/** A Chinese sentence for an occurrence's status, e.g. "未完全落实：已检查 416/520，未检查 104 家". */
export const describeStatus = (status: DutyStatus): string =>
  DutyStatus.$match(status, {
    Upcoming: () => DUTY_STATUS_LABEL.Upcoming,
    Open: ({ covered, required }) => `${DUTY_STATUS_LABEL.Open}：已完成 ${covered}/${required}`,
    DoneOnTime: ({ on }) => `${DUTY_STATUS_LABEL.DoneOnTime}（${on}）`,
    DoneLate: ({ on, daysLate }) => `${DUTY_STATUS_LABEL.DoneLate}（${on}，逾期 ${daysLate} 天）`,
    Partial: ({ covered, required, missing, lateUntil }) =>
      `${DUTY_STATUS_LABEL.Partial}：已完成 ${covered}/${required}，尚缺 ${missing.length} 项` +
      (lateUntil ? `，可于 ${lateUntil} 前补做` : ""),
    Missed: ({ lateUntil }) => `${DUTY_STATUS_LABEL.Missed}${lateUntil ? `，可于 ${lateUntil} 前补做` : ""}`,
  })

const absurd = (x: never): never => {
  throw new Error(`unexpected ${JSON.stringify(x)}`)
}
