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

const bucketKey = (kind: string, gridId: string, departmentId: string | null | undefined) =>
  departmentId == null ? `${kind}|g|${gridId}` : `${kind}|d|${departmentId}`

interface Bucket {
  readonly byDate: Map<LocalDate, Activity[]>
  dates: LocalDate[] | null
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

/** First index in sorted `dates` with dates[i] >= d. */
const lowerBound = (dates: ReadonlyArray<LocalDate>, d: LocalDate): number => {
  let lo = 0
  let hi = dates.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (dates[mid]! < d) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * Matches activities to occurrences as of `asOf` and says, for each occurrence, whether it was done on
 * time, done late, partly done, missed, is open or is upcoming, with the activities that counted; then
 * sums per grid, per department and per rule. Linear in the number of activities; pure.
 */
export const assessCompliance = (input: ComplianceInput): ComplianceReport => {
  const { occurrences, asOf } = input
  const scopes = input.scopes ?? makeScopeIndex(input.facts)

  const buckets = new Map<string, Bucket>()
  for (const a of input.activities) {
    if (a.date > asOf) continue
    const key = bucketKey(a.kind, a.gridId, a.departmentId)
    let bucket = buckets.get(key)
    if (!bucket) {
      bucket = { byDate: new Map(), dates: null }
      buckets.set(key, bucket)
    }
    const list = bucket.byDate.get(a.date)
    if (list) list.push(a)
    else bucket.byDate.set(a.date, [a])
  }
  const datesOf = (bucket: Bucket): ReadonlyArray<LocalDate> => {
    if (bucket.dates === null) bucket.dates = [...bucket.byDate.keys()].sort()
    return bucket.dates
  }

  const scopeSets = new Map<
    string,
    { readonly list: ReadonlyArray<string>; readonly set: ReadonlySet<string> }
  >()
  const scopeOf = (scope: OccurrenceScope) => {
    const key = scopeKey(scope)
    let s = scopeSets.get(key)
    if (!s) {
      const list = scopes.items(scope)
      s = { list, set: new Set(list) }
      scopeSets.set(key, s)
    }
    return s
  }

  const results: OccurrenceCompliance[] = []
  for (const occurrence of occurrences) {
    results.push(assessOne(occurrence, asOf, buckets, datesOf, scopeOf))
  }

  return { asOf, occurrences: results, ...summarise(results) }
}

const assessOne = (
  occurrence: DutyOccurrence,
  asOf: LocalDate,
  buckets: ReadonlyMap<string, Bucket>,
  datesOf: (b: Bucket) => ReadonlyArray<LocalDate>,
  scopeOf: (scope: OccurrenceScope) => {
    readonly list: ReadonlyArray<string>
    readonly set: ReadonlySet<string>
  },
): OccurrenceCompliance => {
  if (asOf < occurrence.windowStart)
    return { occurrence, status: DutyStatus.Upcoming(), activityIds: [], satisfiedBy: null }

  const scope = occurrence.scope
  const required = occurrence.required
  const { list: items, set: inScope } =
    scope._tag === "Occasions" ? { list: [], set: new Set<string>() } : scopeOf(scope)
  const covered = new Set<string>()
  let occasions = 0
  const activityIds: ActivityId[] = []
  let completedOn: LocalDate | null = null
  let satisfiedBy: ActivityId | null = null

  const bucket = buckets.get(bucketKey(occurrence.activityKind, occurrence.gridId, occurrence.departmentId))
  const last = occurrence.lateUntil < asOf ? occurrence.lateUntil : asOf
  if (bucket) {
    const dates = datesOf(bucket)
    outer: for (let i = lowerBound(dates, occurrence.windowStart); i < dates.length; i++) {
      const date = dates[i]!
      if (date > last) break
      for (const activity of bucket.byDate.get(date)!) {
        let counted = false
        if (scope._tag === "Occasions") {
          occasions++
          counted = true
        } else {
          for (const id of offered(activity, scope) ?? []) {
            if (inScope.has(id) && !covered.has(id)) {
              covered.add(id)
              counted = true
            }
          }
        }
        if (!counted) continue
        activityIds.push(activity.id)
        const done = scope._tag === "Occasions" ? occasions : covered.size
        if (done >= required) {
          completedOn = date
          satisfiedBy = activity.id
          break outer
        }
      }
    }
  }

  const coveredCount = scope._tag === "Occasions" ? occasions : covered.size
  const missing = () => (scope._tag === "Occasions" ? [] : items.filter((id) => !covered.has(id)))
  let status: DutyStatus
  if (completedOn !== null) {
    status =
      completedOn <= occurrence.windowEnd
        ? DutyStatus.DoneOnTime({ on: completedOn })
        : DutyStatus.DoneLate({ on: completedOn, daysLate: daysBetween(occurrence.windowEnd, completedOn) })
  } else if (asOf <= occurrence.windowEnd) {
    status = DutyStatus.Open({ covered: coveredCount, required, missing: missing() })
  } else {
    const lateUntil = asOf < occurrence.lateUntil ? occurrence.lateUntil : null
    status =
      coveredCount > 0
        ? DutyStatus.Partial({ covered: coveredCount, required, missing: missing(), lateUntil })
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
