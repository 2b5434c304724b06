import { Data } from "effect"
import { type Activity, type ActivityId, ActivityKind } from "./activity.ts"
import {
  type DutyFacts,
  type DutyOccurrence,
  makeScopeIndex,
  type OccurrenceScope,
  type ScopeIndex,
} from "./duty-plan.ts"
import type { DutyKind, DutyRuleId } from "./duty-rule.ts"
import { IdNumbering } from "./id-numbering.ts"
import type { DepartmentId, GridId } from "./ids.ts"
import { dayNumber, daysBetween, type LocalDate } from "./local-date.ts"
import { scopesPlannedFor } from "./planned-scopes.ts"
import { isDistinct } from "./scope-lists.ts"

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
  /**
   * Reuse the index planning built, if at hand; for the occurrences of a `planDuties` over the same
   * facts object it is found without being passed.
   */
  readonly scopes?: ScopeIndex
}

/** Activity kinds as small numbers, so an actor's buckets are an array rather than a map per actor. */
const KIND_SLOT: ReadonlyMap<string, number> = new Map(ActivityKind.literals.map((k, i) => [k, i]))
const KIND_COUNT = ActivityKind.literals.length

/**
 * The activities up to `asOf`, grouped by actor (grid acting for itself, or department) and kind, each
 * group in date order. Built once with typed arrays: positions, not per-bucket arrays of objects, so
 * grouping 1 M activities allocates a few flat arrays instead of thousands of growing ones (less GC).
 */
interface ActivityIndex {
  readonly activities: ReadonlyArray<Activity>
  /** Positions in `activities`, grouped by bucket, each bucket in date order (then input order). */
  readonly order: Int32Array
  /** `dayNumber` of `activities[order[p]]`, aligned with `order`. */
  readonly days: Int32Array
  /** [start, end) in `order` of an actor's activities of one kind; undefined when there are none. */
  readonly bucket: (
    departmentId: string | null,
    gridId: string,
    kind: ActivityKind,
  ) => readonly [number, number] | undefined
}

const indexActivities = (source: Iterable<Activity>, asOf: LocalDate): ActivityIndex => {
  // Read once: a generator is drained into an array; an array is used as it is.
  const activities: ReadonlyArray<Activity> = Array.isArray(source) ? source : Array.from(source)
  const n = activities.length
  const lastDay = dayNumber(asOf)
  const byGrid = new Map<string, Int32Array>()
  const byDepartment = new Map<string, Int32Array>()
  const slotsOf = (owner: Map<string, Int32Array>, actor: string): Int32Array => {
    let slots = owner.get(actor)
    if (slots === undefined) {
      slots = new Int32Array(KIND_COUNT).fill(-1)
      owner.set(actor, slots)
    }
    return slots
  }

  // Pass 1: each activity's bucket and day; bucket sizes.
  const bucketOf = new Int32Array(n)
  const dayOf = new Int32Array(n)
  const sizes: number[] = []
  let lastActor: string | null = null
  let lastByGrid = true
  let lastSlots: Int32Array = new Int32Array(0)
  let lastKind: string | null = null
  let lastKindSlot: number | undefined
  for (let i = 0; i < n; i++) {
    const a = activities[i]!
    const day = dayNumber(a.date)
    // Records of one kind tend to come together too: the last kind's slot is reused without a lookup.
    if (a.kind !== lastKind) {
      lastKind = a.kind
      lastKindSlot = KIND_SLOT.get(a.kind)
    }
    const kind = lastKindSlot
    if (day > lastDay || kind === undefined) {
      bucketOf[i] = -1
      continue
    }
    // Records of one actor tend to come together (a sweep unit by unit): the last actor's buckets
    // are reused without a map lookup while the actor stays the same.
    const departmentId = a.departmentId
    const actor = departmentId === undefined ? a.gridId : departmentId
    if (actor !== lastActor || (departmentId === undefined) !== lastByGrid) {
      lastActor = actor
      lastByGrid = departmentId === undefined
      lastSlots = slotsOf(lastByGrid ? byGrid : byDepartment, actor)
    }
    const slots = lastSlots
    let b = slots[kind]!
    if (b < 0) {
      b = sizes.length
      slots[kind] = b
      sizes.push(0)
    }
    bucketOf[i] = b
    dayOf[i] = day
    sizes[b]!++
  }

  // Pass 2: place positions by bucket (stable, so each bucket keeps input order).
  const starts = new Int32Array(sizes.length + 1)
  for (let b = 0; b < sizes.length; b++) starts[b + 1] = starts[b]! + sizes[b]!
  const next = starts.slice(0, sizes.length)
  const order = new Int32Array(starts[sizes.length]!)
  const days = new Int32Array(order.length)
  for (let i = 0; i < n; i++) {
    const b = bucketOf[i]!
    if (b < 0) continue
    const p = next[b]!++
    order[p] = i
    days[p] = dayOf[i]!
  }
  for (let b = 0; b < sizes.length; b++) sortByDay(order, days, starts[b]!, starts[b + 1]!)

  const bucket = (departmentId: string | null, gridId: string, kind: ActivityKind) => {
    const slots = departmentId === null ? byGrid.get(gridId) : byDepartment.get(departmentId)
    const b = slots?.[KIND_SLOT.get(kind)!]
    return b === undefined || b < 0 ? undefined : ([starts[b]!, starts[b + 1]!] as const)
  }
  return { activities, order, days, bucket }
}

/**
 * Sorts order[from, to) by day, stably. Records usually arrive in date order, so that is checked first;
 * otherwise a counting sort over the bucket's days (a year spans about 1,100 day numbers).
 */
const sortByDay = (order: Int32Array, days: Int32Array, from: number, to: number) => {
  let sorted = true
  let min = days[from]!
  let max = min
  for (let p = from + 1; p < to; p++) {
    const d = days[p]!
    if (d < days[p - 1]!) sorted = false
    if (d < min) min = d
    else if (d > max) max = d
  }
  if (sorted) return
  const counts = new Int32Array(max - min + 2)
  for (let p = from; p < to; p++) counts[days[p]! - min + 1]!++
  for (let i = 1; i < counts.length; i++) counts[i]! += counts[i - 1]!
  const positions = order.slice(from, to)
  const unsorted = days.slice(from, to)
  for (let j = 0; j < positions.length; j++) {
    const at = from + counts[unsorted[j]! - min]!++
    order[at] = positions[j]!
    days[at] = unsorted[j]!
  }
}

/** First p in [from, to) with days[p] >= d. */
const lowerBound = (days: Int32Array, from: number, to: number, d: number): number => {
  let lo = from
  let hi = to
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (days[mid]! < d) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * What an occurrence must cover, numbered: each id in scope has a slot, and `stamp[slot] === serial`
 * once occurrence `serial` covered it, so no set is built per occurrence. The numbering is per scope (a
 * township's 5,000 units, a village's 200), not one county-wide map of every unit: smaller tables stay
 * in cache, and one lookup per unit visit was the engine's main cost. A list the scope index vouches
 * repeats no id is not hashed up front.
 */
interface Matcher {
  readonly numbering: IdNumbering
  readonly stamp: Int32Array
}

const makeMatcher = (items: ReadonlyArray<string>): Matcher => ({
  numbering: new IdNumbering(items, isDistinct(items)),
  stamp: new Int32Array(items.length),
})

/**
 * Matches activities to occurrences as of `asOf` and says, for each occurrence, whether it was done on
 * time, done late, partly done, missed, is open or is upcoming, with the activities that counted; then
 * sums per grid, per department and per rule. Linear in the number of activities; pure.
 */
export const assessCompliance = (input: ComplianceInput): ComplianceReport => {
  const { occurrences, asOf } = input
  const scopes = input.scopes ?? scopesPlannedFor(occurrences, input.facts) ?? makeScopeIndex(input.facts)
  const index = indexActivities(input.activities, asOf)

  // One matcher per scope list: the scope index returns the same array for the same scope (a village's
  // units every week), so the list itself is the key and no key string is built per occurrence.
  const matchers = new Map<ReadonlyArray<string>, Matcher>()
  const matcherOf = (scope: Exclude<OccurrenceScope, { _tag: "Occasions" }>): Matcher => {
    const items = scopes.items(scope)
    let matcher = matchers.get(items)
    if (matcher === undefined) {
      matcher = makeMatcher(items)
      matchers.set(items, matcher)
    }
    return matcher
  }

  const results = new Array<OccurrenceCompliance>(occurrences.length)
  const scratch: ActivityId[] = []
  for (let i = 0; i < occurrences.length; i++) {
    const occurrence = occurrences[i]!
    const bucket = index.bucket(occurrence.departmentId, occurrence.gridId, occurrence.activityKind)
    // Serials start at 1: a fresh stamp (all 0) covers nothing.
    results[i] = assessOne(occurrence, asOf, index, bucket, matcherOf, i + 1, scratch)
  }

  return { asOf, occurrences: results, ...summarise(results) }
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
  index: ActivityIndex,
  bucket: readonly [number, number] | undefined,
  matcherOf: (scope: Exclude<OccurrenceScope, { _tag: "Occasions" }>) => Matcher,
  serial: number,
  scratch: ActivityId[],
): OccurrenceCompliance => {
  if (asOf < occurrence.windowStart)
    return { occurrence, status: DutyStatus.Upcoming(), activityIds: [], satisfiedBy: null }

  const scope = occurrence.scope
  const required = occurrence.required
  const matcher = scope._tag === "Occasions" ? null : matcherOf(scope)
  let done = 0
  // The counting activities go to a scratch list reused by every occurrence, then are copied once at
  // their final size: a sweep counts thousands, and growing a fresh array for each was mostly garbage.
  let counted = 0
  let completedOn: LocalDate | null = null
  let satisfiedBy: ActivityId | null = null

  if (bucket !== undefined) {
    const { activities, order, days } = index
    const [start, end] = bucket
    const last = dayNumber(occurrence.lateUntil < asOf ? occurrence.lateUntil : asOf)
    for (let p = lowerBound(days, start, end, dayNumber(occurrence.windowStart)); p < end; p++) {
      if (days[p]! > last) break
      const activity = activities[order[p]!]!
      const before = done
      if (matcher === null) done++
      else done += cover(matcher, offered(activity, scope), serial)
      if (done === before) continue
      scratch[counted++] = activity.id
      if (done >= required) {
        completedOn = activity.date
        satisfiedBy = activity.id
        break
      }
    }
  }

  const missing = () => {
    if (matcher === null) return NO_ITEMS
    const { numbering, stamp } = matcher
    return numbering.items.filter((_, k) => stamp[numbering.slotAt(k)] !== serial)
  }
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
  return { occurrence, status, activityIds: scratch.slice(0, counted), satisfiedBy }
}

/** Stamps the offered ids that are in scope and not yet covered by occurrence `serial`; how many. */
const cover = (matcher: Matcher, ids: ReadonlyArray<string> | undefined, serial: number): number => {
  if (ids === undefined) return 0
  const { numbering, stamp } = matcher
  let added = 0
  for (let k = 0; k < ids.length; k++) {
    const slot = numbering.slotOf(ids[k]!)
    if (slot < 0 || stamp[slot] === serial) continue
    stamp[slot] = serial
    added++
  }
  return added
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
