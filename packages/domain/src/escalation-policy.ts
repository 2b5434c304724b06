import { Either, Schema } from "effect"
import type { WorkCalendar } from "./calendar.ts"
import { addDays, daysInMonth, isoWeekday, type LocalDate, makeDate, monthOf, yearOf } from "./local-date.ts"

/**
 * Is this date a workday? The PRC calendar with its holidays and make-up workdays is data (D-12), so it
 * comes in from the caller; the domain only asks the question.
 */
export type WorkdayPredicate = (d: LocalDate) => boolean

/** Monday to Friday, no holidays: only for tests and for callers that have no calendar yet. */
export const mondayToFriday: WorkdayPredicate = (d) => isoWeekday(d) <= 5

/**
 * The PRC calendar (`calendar.ts`) as a predicate. A date in a year the calendar does not cover is
 * answered by `uncovered` — Monday to Friday unless the caller says otherwise — because a deadline must
 * still fall somewhere; callers that must not guess check `calendar.covers(year)` first.
 */
export const workdayPredicateOf =
  (calendar: WorkCalendar, uncovered: WorkdayPredicate = mondayToFriday): WorkdayPredicate =>
  (d) =>
    Either.getOrElse(calendar.isWorkday(d), () => uncovered(d))

/** Workday arithmetic over a predicate, memoised so a sweep over 100,000 cases asks each date once. */
export interface Workdays {
  readonly isWorkday: WorkdayPredicate
  /** The `n`-th workday strictly after `d` (`n` = 0 gives `d`). */
  readonly after: (d: LocalDate, n: number) => LocalDate
  /** The last workday on or before `d`. */
  readonly onOrBefore: (d: LocalDate) => LocalDate
  /** Date arithmetic already done over this calendar (recheck windows …), reused across a sweep. */
  readonly memo: Map<string, unknown>
}

export const workdaysOf = (isWorkday: WorkdayPredicate): Workdays => {
  const known = new Map<LocalDate, boolean>()
  const isW = (d: LocalDate) => {
    let w = known.get(d)
    if (w === undefined) {
      w = isWorkday(d)
      known.set(d, w)
    }
    return w
  }
  // One table per step count, keyed by the date itself: no key string is built per call.
  const afterCache = new Map<number, Map<LocalDate, LocalDate>>()
  const after = (d: LocalDate, n: number): LocalDate => {
    if (n <= 0) return d
    let byDate = afterCache.get(n)
    if (byDate === undefined) {
      byDate = new Map()
      afterCache.set(n, byDate)
    }
    const hit = byDate.get(d)
    if (hit !== undefined) return hit
    let cur = d
    let left = n
    // A calendar with no workday for a year is broken data; stop rather than loop forever.
    for (let guard = 0; left > 0 && guard < 366 * 2; guard++) {
      cur = addDays(cur, 1)
      if (isW(cur)) left--
    }
    byDate.set(d, cur)
    return cur
  }
  const onOrBefore = (d: LocalDate): LocalDate => {
    let cur = d
    for (let guard = 0; !isW(cur) && guard < 366; guard++) cur = addDays(cur, -1)
    return cur
  }
  return { isWorkday: isW, after, onOrBefore, memo: new Map() }
}

/** When a notice must be rechecked (H-3). */
export const RecheckRule = Schema.Union(
  /**
   * The township's unified recheck in 下旬 (五(三)): days `fromDay`–end of the month in which the
   * deadline has passed; due on the month's last day.
   */
  Schema.TaggedStruct("LateMonthWindow", { fromDay: Schema.Int }),
  /** Within `workdays` workdays after the deadline (公安部令第120号 Art. 20: 3). */
  Schema.TaggedStruct("WorkdaysAfterDeadline", { workdays: Schema.Int }),
)
export type RecheckRule = typeof RecheckRule.Type

export const AggregationPeriod = Schema.Literal("week", "month")
export type AggregationPeriod = typeof AggregationPeriod.Type

/**
 * Everything the escalation ladder (E-1) treats as configuration. Time limits marked UNCONFIRMED in
 * REFERENCE.md are here, never in code, with the defaults below.
 */
export const EscalationPolicy = Schema.Struct({
  name: Schema.String,
  recheck: Schema.Struct({
    /** Notices of the township 安监办. */
    township: RecheckRule,
    /** Notices of a village inspection group. */
    village: RecheckRule,
  }),
  /** H-3: a failed township recheck → archive + report to the police station 派出所. */
  recheckFailed: Schema.Struct({ enabled: Schema.Boolean, reportWithinWorkdays: Schema.Int }),
  /** [design] no recheck at all by the recheck due date → the level above the issuer. */
  recheckMissed: Schema.Struct({ enabled: Schema.Boolean, reportWithinWorkdays: Schema.Int }),
  /** H-4: a village's cases not fixed in time, aggregated per period into one report to its township. */
  villageOverdue: Schema.Struct({
    enabled: Schema.Boolean,
    period: AggregationPeriod,
    reportWithinWorkdays: Schema.Int,
  }),
  /** H-6: a major hazard goes to the fire brigade at once (`reportWithinWorkdays` 0 = the same day). */
  majorHazard: Schema.Struct({ enabled: Schema.Boolean, reportWithinWorkdays: Schema.Int }),
  /**
   * T-3: a tip not answered within `workdays` goes one level up; every further `workdays` without an
   * answer it climbs again, at most `levelsUp` levels.
   */
  tipAcknowledgement: Schema.Struct({
    enabled: Schema.Boolean,
    workdays: Schema.Int,
    levelsUp: Schema.Int,
  }),
  /**
   * H-5: a case escalated at least `escalatedForDays` days earlier and still open `agendaLeadDays` before
   * the township's quarterly joint meeting goes on its agenda: it is one the police station or the
   * township could not solve alone ("难以解决的隐患"). Without a scheduled meeting in a quarter the last
   * workday of the quarter is assumed when `assumeQuarterEnd` is set.
   */
  jointMeeting: Schema.Struct({
    enabled: Schema.Boolean,
    agendaLeadDays: Schema.Int,
    escalatedForDays: Schema.Int,
    assumeQuarterEnd: Schema.Boolean,
  }),
})
export type EscalationPolicy = typeof EscalationPolicy.Type

/**
 * The seed's ladder with documented defaults:
 * - township notices rechecked in 下旬 (days 21–end, 五(三)); village notices within 3 workdays after the
 *   deadline (公安部令第120号 Art. 20; UNCONFIRMED as binding on villages);
 * - failed township recheck → 派出所 within 1 workday (五(三); the limit is [design]);
 * - village cases not fixed in time → one report per village per ISO week, due the first workday after
 *   the week (五(三) says "汇总后上报" without a cadence; weekly follows the weekly village check);
 * - major hazard → fire brigade the same day (H-6);
 * - tip unanswered after 1 workday → the village, after 2 → the township (T-3, [design]; 公安部令第120号
 *   Art. 18 gives 24 hours / 3 workdays for complaints to the fire service: UNCONFIRMED here);
 * - cases escalated 30+ days earlier and still open 7 days before the quarterly joint meeting → on its
 *   agenda (五(五); both numbers [design]).
 */
export const defaultEscalationPolicy: EscalationPolicy = {
  name: "五(三)(五) 默认上报规则",
  recheck: {
    township: { _tag: "LateMonthWindow", fromDay: 21 },
    village: { _tag: "WorkdaysAfterDeadline", workdays: 3 },
  },
  recheckFailed: { enabled: true, reportWithinWorkdays: 1 },
  recheckMissed: { enabled: true, reportWithinWorkdays: 1 },
  villageOverdue: { enabled: true, period: "week", reportWithinWorkdays: 1 },
  majorHazard: { enabled: true, reportWithinWorkdays: 0 },
  tipAcknowledgement: { enabled: true, workdays: 1, levelsUp: 2 },
  jointMeeting: { enabled: true, agendaLeadDays: 7, escalatedForDays: 30, assumeQuarterEnd: true },
}

/** The window in which a notice with this deadline is to be rechecked, under a rule. */
export interface RecheckWindow {
  readonly from: LocalDate
  readonly due: LocalDate
}

/**
 * The memo of the calendar and rule asked about last: a sweep asks for one rule's windows notice after
 * notice, and finding the memo through the calendar's and the rule's tables each time cost as much as
 * the window lookup itself.
 */
let lastMemo: {
  readonly workdays: Workdays
  readonly rule: RecheckRule
  readonly byDeadline: Map<LocalDate, RecheckWindow>
} | null = null

export const recheckWindowFor = (
  deadline: LocalDate,
  rule: RecheckRule,
  workdays: Workdays,
): RecheckWindow => {
  let byDeadline: Map<LocalDate, RecheckWindow> | undefined
  if (lastMemo !== null && lastMemo.rule === rule && lastMemo.workdays === workdays)
    byDeadline = lastMemo.byDeadline
  else {
    let byRule = workdays.memo.get("recheckWindow") as
      | Map<RecheckRule, Map<LocalDate, RecheckWindow>>
      | undefined
    if (byRule === undefined) {
      byRule = new Map()
      workdays.memo.set("recheckWindow", byRule)
    }
    byDeadline = byRule.get(rule)
    if (byDeadline === undefined) {
      byDeadline = new Map()
      byRule.set(rule, byDeadline)
    }
    lastMemo = { workdays, rule, byDeadline }
  }
  let window = byDeadline.get(deadline)
  if (window === undefined) {
    window = computeRecheckWindow(deadline, rule, workdays)
    byDeadline.set(deadline, window)
  }
  return window
}

const computeRecheckWindow = (
  deadline: LocalDate,
  rule: RecheckRule,
  workdays: Workdays,
): { readonly from: LocalDate; readonly due: LocalDate } => {
  const dayAfter = addDays(deadline, 1)
  switch (rule._tag) {
    case "LateMonthWindow": {
      const y = yearOf(dayAfter)
      const m = monthOf(dayAfter)
      const start = makeDate(y, m, Math.min(rule.fromDay, daysInMonth(y, m)))
      const due = makeDate(y, m, daysInMonth(y, m))
      if (start <= dayAfter) return { from: dayAfter, due }
      return { from: start, due }
    }
    case "WorkdaysAfterDeadline":
      return { from: dayAfter, due: workdays.after(deadline, rule.workdays) }
    default: {
      const never: never = rule
      return never
    }
  }
}
