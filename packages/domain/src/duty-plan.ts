import { Data, Either, Schema } from "effect"
import type { ActivityKind, NoticeIssued } from "./activity.ts"
import { type CalendarYearNotCovered, describeDayKind, type WorkCalendar } from "./calendar.ts"
import type { NoticeId } from "./case-ids.ts"
import type { GridTree } from "./coverage.ts"
import {
  type Cadence,
  DUTY_ACTIVITY,
  type DutyKind,
  type DutyRule,
  DutyRuleId,
  type Required,
  type UnitFilter,
} from "./duty-rule.ts"
import { type Grid, type GridLevel, indexGrids } from "./grid.ts"
import { IdNumbering } from "./id-numbering.ts"
import { type DepartmentId, GridId, type PersonId, type UnitId } from "./ids.ts"
import {
  addDays,
  compareDates,
  daysInMonth,
  isoWeek,
  isoWeekday,
  LocalDate,
  makeDate,
  monthOf,
  yearOf,
} from "./local-date.ts"
import type { Department, DepartmentKind } from "./person.ts"
import { notePlannedScopes } from "./planned-scopes.ts"
import { markDistinct } from "./scope-lists.ts"
import type { Unit } from "./unit.ts"

/** Everything planning needs to know about a county: its grid tree, its departments, the notices issued. */
export interface DutyFacts extends GridTree {
  readonly departments: ReadonlyArray<Department>
  /** Rectification notices issued, for the scope of the 下旬 recheck (D-2). */
  readonly notices?: ReadonlyArray<NoticeIssued>
}

/** The day an occurrence is planned for, when its rule says "确定一个工作日" (D-1, D-8). */
export type PlannedDay = Data.TaggedEnum<{
  /** The rule has a window, not one day (weekly checks, quarterly trainings …). */
  NoDayToFix: Record<never, never>
  /** The township has not fixed its day: the window's first workday is proposed. */
  Proposed: { readonly date: LocalDate }
  /** The day the township fixed, checked against the window and the calendar. */
  Fixed: { readonly date: LocalDate }
  /** The window lies in a year the calendar has no data for: no workday can be named. */
  CalendarUnknown: { readonly year: number }
  /** The window has no workday at all (e.g. a window of 1–7 October): the rule needs changing. */
  NoWorkdayInWindow: Record<never, never>
}>
export const PlannedDay = Data.taggedEnum<PlannedDay>()

/** What an occurrence must cover; resolved to ids by a `ScopeIndex`. */
export type OccurrenceScope =
  | { readonly _tag: "Units"; readonly gridId: GridId; readonly filter: UnitFilter }
  | { readonly _tag: "Grids"; readonly gridId: GridId; readonly levels: ReadonlyArray<GridLevel> }
  | { readonly _tag: "Notices"; readonly gridId: GridId; readonly from: LocalDate; readonly to: LocalDate }
  | { readonly _tag: "Departments"; readonly kinds: ReadonlyArray<DepartmentKind> }
  | { readonly _tag: "Occasions"; readonly count: number }

/** One due occurrence of a duty: a rule, for one responsible grid (or department), in one period. */
export interface DutyOccurrence {
  /** Stable: `ruleId|actor|period`. */
  readonly key: string
  readonly ruleId: DutyRuleId
  readonly kind: DutyKind
  readonly activityKind: ActivityKind
  /** "2026-10", "2026-W41", "2026-Q4", "2026-H1", "2026". */
  readonly period: string
  /** The responsible grid (for a department: the grid it serves). */
  readonly gridId: GridId
  readonly departmentId: DepartmentId | null
  /** Who answers for it on the window's first day (the rule's role holder), if anyone holds that role. */
  readonly personId: PersonId | null
  readonly windowStart: LocalDate
  readonly windowEnd: LocalDate
  /** The last day an activity still counts, as done late. */
  readonly lateUntil: LocalDate
  readonly day: PlannedDay
  /** The window's workdays, for rules that fix one workday; empty otherwise. */
  readonly workdays: ReadonlyArray<LocalDate>
  readonly scope: OccurrenceScope
  /** How many units / grids / notices / departments / occasions are in scope. */
  readonly scopeSize: number
  /** How many of them must be covered for the occurrence to be done. */
  readonly required: number
}

/** A township's choice of its inspection (or publicity) day for one period. */
export const FixedDutyDay = Schema.Struct({
  ruleId: DutyRuleId,
  gridId: GridId,
  period: Schema.String,
  date: LocalDate,
})
export type FixedDutyDay = typeof FixedDutyDay.Type

export const DayRejection = Schema.Literal(
  "outsideWindow",
  "notAWorkday",
  "calendarNotCovered",
  "noDayToFix",
  "noSuchOccurrence",
)
export type DayRejection = typeof DayRejection.Type

const MONTH_EN = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const

/** A day a township tried to fix that the rule does not allow, with the reason and the days it could pick. */
export class DutyDayRejected extends Schema.TaggedError<DutyDayRejected>()("DutyDayRejected", {
  ruleId: Schema.String,
  gridId: Schema.String,
  period: Schema.String,
  date: Schema.String,
  reason: DayRejection,
  /** What the date is, in Chinese (e.g. "2026-10-03 国庆节假期"), when the calendar knows. */
  dayDescription: Schema.String,
  /** The holiday's name when the date is a holiday. */
  holiday: Schema.NullOr(Schema.String),
  windowStart: Schema.String,
  windowEnd: Schema.String,
  workdays: Schema.Array(Schema.String),
}) {
  override get message(): string {
    const what = (() => {
      switch (this.reason) {
        case "outsideWindow":
          return `${this.date} is outside the window`
        case "notAWorkday":
          return this.holiday !== null
            ? `${this.date} is a holiday (${this.holiday})`
            : `${this.date} is not a workday (${this.dayDescription})`
        case "calendarNotCovered":
          return `the workday calendar has no data for ${this.date.slice(0, 4)}, so ${this.date} cannot be checked`
        case "noDayToFix":
          return `rule ${this.ruleId} has no single day to fix`
        case "noSuchOccurrence":
          return `rule ${this.ruleId} has no occurrence for ${this.gridId} in ${this.period}`
        default:
          return absurd(this.reason)
      }
    })()
    return `${what}; ${describeWindowEn(this.windowStart, this.windowEnd)} has workdays ${this.workdayList()}`
  }

  /** The same in Chinese for pages. */
  get messageZh(): string {
    const what = (() => {
      switch (this.reason) {
        case "outsideWindow":
          return `${this.date} 不在规定时段内`
        case "notAWorkday":
          return `${this.dayDescription}，不是工作日`
        case "calendarNotCovered":
          return `${this.date.slice(0, 4)} 年节假日安排尚未录入，无法确认 ${this.date} 是否为工作日`
        case "noDayToFix":
          return `规则 ${this.ruleId} 不需要确定具体日期`
        case "noSuchOccurrence":
          return `规则 ${this.ruleId} 在 ${this.period} 对该网格没有任务`
        default:
          return absurd(this.reason)
      }
    })()
    const days = this.workdays.map((d) => `${Number(d.slice(8, 10))}日`).join("、")
    return `${what}；${this.windowStart} 至 ${this.windowEnd} 的工作日为：${days || "无"}`
  }

  private workdayList(): string {
    if (this.workdays.length === 0) return "none"
    const sameMonth = this.windowStart.slice(0, 7) === this.windowEnd.slice(0, 7)
    return this.workdays.map((d) => (sameMonth ? String(Number(d.slice(8, 10))) : d)).join(", ")
  }
}

const describeWindowEn = (start: string, end: string): string => {
  const sameMonth = start.slice(0, 7) === end.slice(0, 7)
  if (!sameMonth) return `the window ${start} – ${end}`
  const month = MONTH_EN[Number(start.slice(5, 7)) - 1]
  return `the window ${Number(start.slice(8, 10))}–${Number(end.slice(8, 10))} ${month}`
}

export interface DutyPlan {
  readonly from: LocalDate
  readonly to: LocalDate
  /** Sorted by window start, then rule, then grid. */
  readonly occurrences: ReadonlyArray<DutyOccurrence>
  /** Years the calendar does not cover that some workday-bound window falls in. */
  readonly calendarGaps: ReadonlyArray<CalendarYearNotCovered>
  /** Covered years whose data is provisional and that the plan used. */
  readonly provisionalYears: ReadonlyArray<number>
  /** Fixed days that no longer fit (e.g. the calendar was updated): the proposed day is used instead. */
  readonly rejectedDays: ReadonlyArray<DutyDayRejected>
}

export interface PlanInput {
  readonly facts: DutyFacts
  readonly rules: ReadonlyArray<DutyRule>
  readonly from: LocalDate
  readonly to: LocalDate
  readonly calendar: WorkCalendar
  readonly fixedDays?: ReadonlyArray<FixedDutyDay>
  /** A scope index built once with `makeScopeIndex(facts)` and shared with `assessCompliance`. */
  readonly scopes?: ScopeIndex
}

// ---------------------------------------------------------------------------------------------------
// Windows

interface Window {
  readonly period: string
  readonly start: LocalDate
  readonly end: LocalDate
  readonly nextStart: LocalDate
  readonly periodStart: LocalDate
}

const dayIn = (year: number, month: number, day: number | "end"): LocalDate => {
  const dim = daysInMonth(year, month)
  return makeDate(year, month, day === "end" ? dim : Math.min(day, dim))
}

/** Year and month `k` months after (year, month). */
const shiftMonth = (year: number, month: number, k: number): readonly [number, number] => {
  const i = year * 12 + (month - 1) + k
  return [Math.floor(i / 12), (i % 12) + 1]
}

const periodLabel = (year: number, months: number, index: number): string => {
  switch (months) {
    case 12:
      return String(year)
    case 6:
      return `${year}-H${index}`
    case 3:
      return `${year}-Q${index}`
    default:
      return `${year}-${months}M${index}`
  }
}

/** Every window of a cadence that overlaps [from, to], in order. */
export const cadenceWindows = (cadence: Cadence, from: LocalDate, to: LocalDate): ReadonlyArray<Window> => {
  const out: Window[] = []
  switch (cadence._tag) {
    case "Weekly": {
      for (let monday = addDays(from, 1 - isoWeekday(from)); monday <= to; monday = addDays(monday, 7)) {
        const nextStart = addDays(monday, 7)
        out.push({
          period: isoWeek(monday),
          start: monday,
          end: addDays(monday, 6),
          nextStart,
          periodStart: monday,
        })
      }
      return out
    }
    case "Monthly": {
      const window = (y: number, m: number) => {
        const start = dayIn(y, m, cadence.fromDay)
        const end = dayIn(y, m, cadence.toDay)
        return { start, end }
      }
      for (
        let [y, m] = [yearOf(from), monthOf(from)] as const;
        makeDate(y, m, 1) <= to;
        [y, m] = shiftMonth(y, m, 1)
      ) {
        const { start, end } = window(y, m)
        const [ny, nm] = shiftMonth(y, m, 1)
        const period = `${y}-${String(m).padStart(2, "0")}`
        if (end >= from && start <= to)
          out.push({ period, start, end, nextStart: window(ny, nm).start, periodStart: makeDate(y, m, 1) })
      }
      return out
    }
    case "Periodic": {
      const n = cadence.months
      const window = (y: number, m: number) => {
        const [fy, fm] = shiftMonth(y, m, cadence.fromMonth - 1)
        const [ty, tm] = shiftMonth(y, m, cadence.toMonth - 1)
        return { start: dayIn(fy, fm, cadence.fromDay), end: dayIn(ty, tm, cadence.toDay) }
      }
      const firstMonth = Math.floor((monthOf(from) - 1) / n) * n + 1
      for (
        let [y, m] = [yearOf(from), firstMonth] as const;
        makeDate(y, m, 1) <= to;
        [y, m] = shiftMonth(y, m, n)
      ) {
        const { start, end } = window(y, m)
        const [ny, nm] = shiftMonth(y, m, n)
        const period = periodLabel(y, n, Math.floor((m - 1) / n) + 1)
        if (end >= from && start <= to)
          out.push({ period, start, end, nextStart: window(ny, nm).start, periodStart: makeDate(y, m, 1) })
      }
      return out
    }
    default:
      return absurd(cadence)
  }
}

// ---------------------------------------------------------------------------------------------------
// Scopes

/** Resolves occurrence scopes to ids, with memoised per-grid lists (shared by planning and compliance). */
export interface ScopeIndex {
  readonly units: (gridId: GridId, filter: UnitFilter) => ReadonlyArray<UnitId>
  readonly grids: (gridId: GridId, levels: ReadonlyArray<GridLevel>) => ReadonlyArray<GridId>
  readonly notices: (gridId: GridId, from: LocalDate, to: LocalDate) => ReadonlyArray<NoticeId>
  /** The ids an occurrence must cover (departments as their kinds; occasions have none). */
  readonly items: (scope: OccurrenceScope) => ReadonlyArray<string>
  /**
   * Units numbered in grid-tree order, so that the units first placed under a grid are the ordinals
   * `range(grid)` = [lo, hi): compliance tests "is this unit in scope" without a set per scope.
   */
  readonly unitOrdinals: () => {
    readonly ordinal: ReadonlyMap<string, number>
    readonly units: ReadonlyArray<Unit>
    readonly range: (gridId: GridId) => readonly [number, number]
  }
}

export const makeScopeIndex = (facts: DutyFacts): ScopeIndex => {
  const index = indexGrids(facts.grids)
  // Indexed loops: these run once over every unit and placement, mostly before the optimiser steps in,
  // and `for … of` then allocates an iterator result per element.
  const units = facts.units
  // Position of each unit in `units` (the last one wins for a repeated id, as with a Map of them).
  // Numbered rather than looked up: placements mostly follow the units' order, so finding a placement's
  // unit is mostly a comparison with the next unit, not a second lookup in a table of every unit.
  const unitIds = new Array<UnitId>(units.length)
  for (let i = 0; i < units.length; i++) unitIds[i] = units[i]!.id
  const unitNumbers = new IdNumbering(unitIds, false)
  let lastAt: Map<UnitId, number> | null = null
  const unitAt = (id: UnitId): number | undefined => {
    if (unitNumbers.repeatsNoId) {
      const at = unitNumbers.slotOf(id)
      return at < 0 ? undefined : at
    }
    // A repeated unit id: the last unit with it wins, as with a map of them.
    if (lastAt === null) {
      lastAt = new Map()
      for (let i = 0; i < units.length; i++) lastAt.set(unitIds[i]!, i)
    }
    return lastAt.get(id)
  }
  const unitById = (id: UnitId): Unit => units[unitAt(id)!]!
  /** The units placed in a grid, as ids and as positions in `units` (so filters need no lookup). */
  const placed = new Map<
    GridId,
    { readonly small: boolean; readonly units: UnitId[]; readonly at: number[] }
  >()
  // Units already placed in some small grid: a second one means lists below a grid can repeat a unit.
  const inSmallGrid = new Uint8Array(units.length)
  let unitInTwoSmallGrids = false
  const placements = facts.placements
  for (let i = 0; i < placements.length; i++) {
    const p = placements[i]!
    const at = unitAt(p.unitId)
    if (at === undefined) continue
    let here = placed.get(p.gridId)
    if (here === undefined) {
      here = { small: index.byId.get(p.gridId)?.level === "small", units: [], at: [] }
      placed.set(p.gridId, here)
    }
    if (here.units.includes(p.unitId)) continue
    here.units.push(p.unitId)
    here.at.push(at)
    if (!here.small) continue
    if (inSmallGrid[at] === 1) unitInTwoSmallGrids = true
    inSmallGrid[at] = 1
  }
  // Unit lists repeat no unit unless a unit sits in two small grids or a grid id is listed twice.
  const distinctUnits = !unitInTwoSmallGrids && index.byId.size === facts.grids.length
  const under = new Map<GridId, ReadonlyArray<UnitId>>()
  const unitsUnder = (gridId: GridId): ReadonlyArray<UnitId> => {
    const known = under.get(gridId)
    if (known) return known
    const grid = index.byId.get(gridId)
    let list: ReadonlyArray<UnitId>
    if (!grid) list = []
    else if (grid.level === "small") list = placed.get(gridId)?.units ?? []
    else list = joinLists(index.children(gridId).map((child) => unitsUnder(child.id)))
    under.set(gridId, list)
    return list
  }
  // The positions in `units` of unitsUnder(gridId), element by element; only filtered scopes need them.
  const atUnderMemo = new Map<GridId, ReadonlyArray<number>>()
  const atUnder = (gridId: GridId): ReadonlyArray<number> => {
    const known = atUnderMemo.get(gridId)
    if (known) return known
    const grid = index.byId.get(gridId)
    let list: ReadonlyArray<number>
    if (!grid) list = []
    else if (grid.level === "small") list = placed.get(gridId)?.at ?? []
    else list = joinLists(index.children(gridId).map((child) => atUnder(child.id)))
    atUnderMemo.set(gridId, list)
    return list
  }
  // Memoised by the filter object (a rule's, shared by all its occurrences), then by grid: no key
  // string is built per occurrence, and the same scope always gets the same array back, which
  // compliance uses to share one matcher per scope.
  const filtered = new Map<UnitFilter, Map<GridId, ReadonlyArray<UnitId>>>()
  const unitsIn = (gridId: GridId, filter: UnitFilter) => {
    let byGrid = filtered.get(filter)
    if (byGrid === undefined) {
      byGrid = new Map()
      filtered.set(filter, byGrid)
    }
    const known = byGrid.get(gridId)
    if (known) return known
    const base = unitsUnder(gridId)
    const kinds = filter.kinds === undefined ? null : new Set(filter.kinds)
    let list = base
    if (filter.keyOnly || kinds !== null) {
      const at = atUnder(gridId)
      list = base.filter((_, k) => {
        const u = units[at[k]!]!
        return (!filter.keyOnly || u.flags.key) && (kinds === null || kinds.has(u.kind))
      })
    }
    byGrid.set(gridId, distinctUnits ? markDistinct(list) : list)
    return list
  }
  const gridsMemo = new Map<string, ReadonlyArray<GridId>>()
  const grids = (gridId: GridId, levels: ReadonlyArray<GridLevel>) => {
    const key = `${gridId}|${levels.join(",")}`
    const known = gridsMemo.get(key)
    if (known) return known
    const wanted = new Set(levels)
    const list = index
      .subtree(gridId)
      .filter((g: Grid) => g.id !== gridId && wanted.has(g.level))
      .map((g) => g.id)
      .sort()
    // subtree() visits each grid once; ids are distinct when no grid id is listed twice.
    gridsMemo.set(key, index.byId.size === facts.grids.length ? markDistinct(list) : list)
    return list
  }
  const noticesBy = new Map<GridId, NoticeIssued[]>()
  for (const n of facts.notices ?? []) {
    const list = noticesBy.get(n.issuedBy)
    if (list) list.push(n)
    else noticesBy.set(n.issuedBy, [n])
  }
  // Memoised too, so planning and compliance share one list per recheck window.
  const noticesMemo = new Map<string, ReadonlyArray<NoticeId>>()
  const notices = (gridId: GridId, from: LocalDate, to: LocalDate): ReadonlyArray<NoticeId> => {
    const issued = noticesBy.get(gridId)
    if (issued === undefined) return NO_NOTICES
    const key = `${gridId}|${from}|${to}`
    let list = noticesMemo.get(key)
    if (list === undefined) {
      list = issued.filter((n) => n.issuedOn >= from && n.issuedOn <= to).map((n) => n.id)
      noticesMemo.set(key, list)
    }
    return list
  }
  const items = (scope: OccurrenceScope): ReadonlyArray<string> => {
    switch (scope._tag) {
      case "Units":
        return unitsIn(scope.gridId, scope.filter)
      case "Grids":
        return grids(scope.gridId, scope.levels)
      case "Notices":
        return notices(scope.gridId, scope.from, scope.to)
      case "Departments":
        return scope.kinds
      case "Occasions":
        return []
      default:
        return absurd(scope)
    }
  }
  let ordinals: ReturnType<ScopeIndex["unitOrdinals"]> | null = null
  const unitOrdinals = () => {
    if (ordinals) return ordinals
    const ordinal = new Map<string, number>()
    const byOrdinal: Unit[] = []
    const ranges = new Map<GridId, readonly [number, number]>()
    const visit = (g: Grid) => {
      const lo = byOrdinal.length
      if (g.level === "small")
        for (const u of placed.get(g.id)?.units ?? [])
          if (!ordinal.has(u)) {
            ordinal.set(u, byOrdinal.length)
            byOrdinal.push(unitById(u))
          }
      for (const child of index.children(g.id)) visit(child)
      ranges.set(g.id, [lo, byOrdinal.length])
    }
    for (const root of index.roots) visit(root)
    const none = [0, 0] as const
    ordinals = { ordinal, units: byOrdinal, range: (gridId: GridId) => ranges.get(gridId) ?? none }
    return ordinals
  }
  return { units: unitsIn, grids, notices, items, unitOrdinals }
}

const NO_NOTICES: ReadonlyArray<NoticeId> = []
/** The lists one after another: one native concat rather than a push per unit (spread only while the argument count is safe). */
const joinLists = <T>(lists: ReadonlyArray<ReadonlyArray<T>>): ReadonlyArray<T> =>
  lists.length <= 10_000 ? ([] as T[]).concat(...lists) : lists.flat()

const requiredOf = (required: Required, size: number): number => {
  switch (required._tag) {
    case "All":
      return size
    case "Share":
      return Math.min(size, Math.ceil((size * required.percent) / 100 - 1e-9))
    case "AtLeast":
      return Math.min(size, required.count)
    default:
      return absurd(required)
  }
}

// ---------------------------------------------------------------------------------------------------
// Planning

interface Actor {
  readonly gridId: GridId
  readonly departmentId: DepartmentId | null
}

const actorsOf = (rule: DutyRule, facts: DutyFacts): ReadonlyArray<Actor> => {
  switch (rule.who._tag) {
    case "Grid": {
      const level = rule.who.level
      return facts.grids.filter((g) => g.level === level).map((g) => ({ gridId: g.id, departmentId: null }))
    }
    case "Department": {
      const kind = rule.who.kind
      return facts.departments
        .filter((d) => d.kind === kind)
        .map((d) => ({ gridId: d.gridId, departmentId: d.id }))
    }
    default:
      return absurd(rule.who)
  }
}

const occurrenceKey = (ruleId: string, actor: string, period: string) => `${ruleId}|${actor}|${period}`

/** The days of a window and the first year of it the calendar does not cover, if any. */
const windowWorkdays = (
  calendar: WorkCalendar,
  start: LocalDate,
  end: LocalDate,
): Either.Either<ReadonlyArray<LocalDate>, CalendarYearNotCovered> => calendar.workdaysBetween(start, end)

/**
 * Checks a day a township wants to fix for an occurrence: it must be inside the window and a workday of
 * the official calendar (D-1, D-8, D-12). The rejection says why and lists the window's workdays.
 */
export const fixDutyDay = (
  occurrence: DutyOccurrence,
  date: LocalDate,
  calendar: WorkCalendar,
): Either.Either<FixedDutyDay, DutyDayRejected> => {
  const workdays = windowWorkdays(calendar, occurrence.windowStart, occurrence.windowEnd)
  const reject = (reason: DayRejection, dayDescription = "", holiday: string | null = null) =>
    Either.left(
      new DutyDayRejected({
        ruleId: occurrence.ruleId,
        gridId: occurrence.gridId,
        period: occurrence.period,
        date,
        reason,
        dayDescription,
        holiday,
        windowStart: occurrence.windowStart,
        windowEnd: occurrence.windowEnd,
        workdays: Either.getOrElse(workdays, () => []),
      }),
    )
  if (occurrence.day._tag === "NoDayToFix") return reject("noDayToFix")
  const kind = calendar.dayKind(date)
  const description = Either.match(kind, { onLeft: () => "", onRight: describeDayKind })
  if (date < occurrence.windowStart || date > occurrence.windowEnd)
    return reject("outsideWindow", description)
  if (Either.isLeft(kind)) return reject("calendarNotCovered")
  switch (kind.right._tag) {
    case "Workday":
    case "MakeUpWorkday":
      return Either.right({
        ruleId: occurrence.ruleId,
        gridId: occurrence.gridId,
        period: occurrence.period,
        date,
      })
    case "Holiday":
      return reject("notAWorkday", description, kind.right.name)
    case "Weekend":
      return reject("notAWorkday", description)
    default:
      return absurd(kind.right)
  }
}

/**
 * Every due occurrence of the enabled rules whose window overlaps [from, to]: for each responsible grid
 * or department, the window, the responsible person, the planned day (for "确定一个工作日" rules) and the
 * size of the scope. Occurrences with nothing in scope (a village without units, a month without
 * notices) are not due and not listed. Pure: the same input always gives the same plan.
 */
export const planDuties = (input: PlanInput): DutyPlan => {
  const { facts, rules, from, to, calendar } = input
  const scopes = input.scopes ?? makeScopeIndex(facts)
  // Role holders by grid, then role: looked up once per occurrence, so no key string is built for it.
  type Holder = { personId: PersonId; since: LocalDate; until: LocalDate | null }
  const holders = new Map<GridId, Map<string, Holder[]>>()
  for (const a of facts.assignments) {
    let roles = holders.get(a.gridId)
    if (roles === undefined) {
      roles = new Map()
      holders.set(a.gridId, roles)
    }
    const list = roles.get(a.role)
    const entry = { personId: a.personId, since: a.since, until: a.until }
    if (list) list.push(entry)
    else roles.set(a.role, [entry])
  }
  for (const roles of holders.values())
    for (const list of roles.values())
      list.sort((a, b) => compareDates(a.since, b.since) || (a.personId < b.personId ? -1 : 1))
  const holderOn = (gridId: GridId, role: string, date: LocalDate): PersonId | null =>
    holders
      .get(gridId)
      ?.get(role)
      ?.find((h) => h.since <= date && (h.until === null || date <= h.until))?.personId ?? null

  const fixed = new Map<string, FixedDutyDay>()
  for (const f of input.fixedDays ?? []) fixed.set(occurrenceKey(f.ruleId, f.gridId, f.period), f)

  const occurrences: DutyOccurrence[] = []
  const gaps = new Map<number, CalendarYearNotCovered>()
  const provisional = new Set<number>()
  const rejectedDays: DutyDayRejected[] = []
  const provisionalYears = new Set(calendar.provisionalYears)

  for (const rule of rules) {
    if (!rule.enabled) continue
    const actors = actorsOf(rule, facts)
    if (actors.length === 0) continue
    for (const w of cadenceWindows(rule.cadence, from, to)) {
      const lastLate = addDays(w.nextStart, -1)
      const lateUntil =
        rule.lateGraceDays === undefined
          ? lastLate
          : (() => {
              const byGrace = addDays(w.end, rule.lateGraceDays)
              return compareDates(byGrace, lastLate) < 0 ? byGrace : lastLate
            })()
      let workdays: ReadonlyArray<LocalDate> = []
      let day: PlannedDay = PlannedDay.NoDayToFix()
      for (let y = yearOf(w.start); y <= yearOf(w.end); y++) if (provisionalYears.has(y)) provisional.add(y)
      if (rule.oneWorkday) {
        const wd = windowWorkdays(calendar, w.start, w.end)
        if (Either.isLeft(wd)) {
          gaps.set(wd.left.year, wd.left)
          day = PlannedDay.CalendarUnknown({ year: wd.left.year })
        } else {
          workdays = wd.right
          day =
            workdays[0] === undefined
              ? PlannedDay.NoWorkdayInWindow()
              : PlannedDay.Proposed({ date: workdays[0] })
        }
      }
      for (const actor of actors) {
        const scope = occurrenceScope(rule, actor, w)
        const size = scope._tag === "Occasions" ? scope.count : scopes.items(scope).length
        if (size === 0) continue
        const required =
          rule.scope._tag === "Units" || rule.scope._tag === "Grids"
            ? requiredOf(rule.scope.required, size)
            : size
        const actorKey = actor.departmentId ?? actor.gridId
        const key = occurrenceKey(rule.id, actorKey, w.period)
        const personId = rule.who._tag === "Grid" ? holderOn(actor.gridId, rule.who.role, w.start) : null
        const base: DutyOccurrence = {
          key,
          ruleId: rule.id,
          kind: rule.kind,
          activityKind: DUTY_ACTIVITY[rule.kind],
          period: w.period,
          gridId: actor.gridId,
          departmentId: actor.departmentId,
          personId,
          windowStart: w.start,
          windowEnd: w.end,
          lateUntil,
          day,
          workdays,
          scope,
          scopeSize: size,
          required,
        }
        const choice = fixed.get(key)
        if (choice && (day._tag === "Proposed" || day._tag === "CalendarUnknown")) {
          const checked = fixDutyDay(base, choice.date, calendar)
          if (Either.isRight(checked)) {
            occurrences.push({ ...base, day: PlannedDay.Fixed({ date: checked.right.date }) })
            continue
          }
          rejectedDays.push(checked.left)
        }
        occurrences.push(base)
      }
    }
  }
  occurrences.sort(
    (a, b) =>
      compareDates(a.windowStart, b.windowStart) ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  )
  notePlannedScopes(occurrences, facts, scopes)
  return {
    from,
    to,
    occurrences,
    calendarGaps: [...gaps.keys()].sort((a, b) => a - b).map((y) => gaps.get(y)!),
    provisionalYears: [...provisional].sort((a, b) => a - b),
    rejectedDays,
  }
}

const occurrenceScope = (rule: DutyRule, actor: Actor, w: Window): OccurrenceScope => {
  const scope = rule.scope
  switch (scope._tag) {
    case "Units":
      return { _tag: "Units", gridId: actor.gridId, filter: scope.filter }
    case "Grids":
      return { _tag: "Grids", gridId: actor.gridId, levels: scope.levels }
    case "NoticesIssued": {
      // The notices issued in the period before the window opens (for D-2: days 1–20, the sweep's
      // notices); a window that opens with its period takes the notices issued during the window.
      const to = w.start > w.periodStart ? addDays(w.start, -1) : w.end
      return { _tag: "Notices", gridId: actor.gridId, from: w.periodStart, to }
    }
    case "Departments":
      return { _tag: "Departments", kinds: scope.kinds }
    case "Occasions":
      return { _tag: "Occasions", count: scope.count }
    default:
      return absurd(scope)
  }
}

/** Finds the occurrence a township wants to fix a day for, then checks the day (see `fixDutyDay`). */
export const fixDutyDayInPlan = (
  plan: DutyPlan,
  choice: FixedDutyDay,
  calendar: WorkCalendar,
): Either.Either<FixedDutyDay, DutyDayRejected> => {
  const occurrence = plan.occurrences.find(
    (o) =>
      o.ruleId === choice.ruleId &&
      o.gridId === choice.gridId &&
      o.departmentId === null &&
      o.period === choice.period,
  )
  if (!occurrence)
    return Either.left(
      new DutyDayRejected({
        ruleId: choice.ruleId,
        gridId: choice.gridId,
        period: choice.period,
        date: choice.date,
        reason: "noSuchOccurrence",
        dayDescription: "",
        holiday: null,
        windowStart: choice.date,
        windowEnd: choice.date,
        workdays: [],
      }),
    )
  return fixDutyDay(occurrence, choice.date, calendar)
}

const absurd = (x: never): never => {
  throw new Error(`unexpected ${JSON.stringify(x)}`)
}
