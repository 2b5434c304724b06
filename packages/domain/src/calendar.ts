import chineseDaysData from "chinese-days/dist/chinese-days.json" with { type: "json" }
import { Data, Either, Schema } from "effect"
import { addDays, isoWeekday, LocalDate, yearOf } from "./local-date.ts"

/**
 * The PRC workday calendar (SPEC D-12): which dates are workdays, weekends, public holidays 法定节假日
 * and make-up workdays 调休上班日, all in Asia/Shanghai. The State Council General Office publishes each
 * year's arrangement (国务院办公厅关于某年部分节假日安排的通知, usually in November of the year before), so
 * the calendar is data: one `CalendarYear` per year, supplied by a package (`chinese-days`) or by a
 * county. A date in a year nobody supplied is not guessed from weekdays: it is the explicit
 * `CalendarYearNotCovered` answer.
 */

/** Checked as real dates of the year by the filter below (a pattern on record keys would drop bad keys silently). */
const DateKey = Schema.String

export class CalendarYear extends Schema.Class<CalendarYear>("CalendarYear")(
  Schema.Struct({
    year: Schema.Int.pipe(Schema.between(1949, 2200)),
    /** Date → holiday name (元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节), days off in lieu included. */
    holidays: Schema.Record({ key: DateKey, value: Schema.String }),
    /** Date → the holiday it makes up for: a Saturday or Sunday that is worked 调休上班. */
    makeUpWorkdays: Schema.Record({ key: DateKey, value: Schema.String }),
    /** The subset of `holidays` that are days off in lieu 调休放假 (weekdays moved from a make-up day). */
    inLieuDays: Schema.optionalWith(Schema.Array(DateKey), { default: () => [] }),
    /** Where the data came from, e.g. "国办发明电〔2025〕7号" or "chinese-days@1.5.7". */
    source: Schema.String,
    /**
     * True for a year entered before the official notice exists (weekends only, no holidays): usable for
     * planning ahead, but every answer for that year says it is provisional.
     */
    provisional: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  }).pipe(
    Schema.filter((y) => {
      const dates = [...Object.keys(y.holidays), ...Object.keys(y.makeUpWorkdays), ...y.inLieuDays]
      const bad = dates.find((d) => !Schema.is(LocalDate)(d) || yearOf(d) !== y.year)
      if (bad !== undefined) return `${bad} 不是 ${y.year} 年的有效日期`
      const both = Object.keys(y.makeUpWorkdays).find((d) => d in y.holidays)
      if (both !== undefined) return `${both} 不能既是假日又是调休上班日`
      const stray = y.inLieuDays.find((d) => !(d in y.holidays))
      return stray === undefined || `调休放假日 ${stray} 不在假日列表中`
    }),
  ),
) {}

/** What a date is, with the reason (the holiday's name) where there is one. */
export type DayKind = Data.TaggedEnum<{
  Workday: { readonly date: LocalDate }
  MakeUpWorkday: { readonly date: LocalDate; readonly holiday: string }
  Weekend: { readonly date: LocalDate }
  Holiday: { readonly date: LocalDate; readonly name: string; readonly inLieu: boolean }
}>
export const DayKind = Data.taggedEnum<DayKind>()

export const isWorkdayKind = (kind: DayKind): boolean => {
  switch (kind._tag) {
    case "Workday":
    case "MakeUpWorkday":
      return true
    case "Weekend":
    case "Holiday":
      return false
    default:
      return absurd(kind)
  }
}

/** A date in a year the calendar holds no data for: the caller must supply that year, not guess. */
export class CalendarYearNotCovered extends Schema.TaggedError<CalendarYearNotCovered>()(
  "CalendarYearNotCovered",
  { date: Schema.String, year: Schema.Int, coveredYears: Schema.Array(Schema.Int) },
) {
  override get message(): string {
    const covered = this.coveredYears
    const range = covered.length === 0 ? "无" : `${covered[0]}–${covered[covered.length - 1]}`
    return (
      `${this.year} 年的节假日安排尚未录入（已录入年份：${range}），无法判断 ${this.date} 是否为工作日。` +
      `请在国务院办公厅发布当年节假日安排后补录该年数据（CalendarYear）。`
    )
  }
}

export interface WorkCalendar {
  /** The years the calendar knows, ascending. */
  readonly coveredYears: ReadonlyArray<number>
  /** Covered years whose data is provisional (entered before the official notice). */
  readonly provisionalYears: ReadonlyArray<number>
  readonly sources: ReadonlyMap<number, string>
  readonly covers: (year: number) => boolean
  readonly dayKind: (date: LocalDate) => Either.Either<DayKind, CalendarYearNotCovered>
  readonly isWorkday: (date: LocalDate) => Either.Either<boolean, CalendarYearNotCovered>
  /** The workdays from `from` to `to`, both included; fails on the first date of an uncovered year. */
  readonly workdaysBetween: (
    from: LocalDate,
    to: LocalDate,
  ) => Either.Either<ReadonlyArray<LocalDate>, CalendarYearNotCovered>
  /** The data it was built from, for storing or for a newer calendar built on it. */
  readonly years: ReadonlyArray<CalendarYear>
}

/**
 * Builds a calendar from yearly data. When two entries give the same year, the later one wins, so
 * `makeWorkCalendar([...packageYears, countyYear])` lets a county supply or correct a year.
 */
export const makeWorkCalendar = (years: Iterable<CalendarYear>): WorkCalendar => {
  const byYear = new Map<number, CalendarYear>()
  for (const y of years) byYear.set(y.year, y)
  const holidays = new Map<string, { name: string; inLieu: boolean }>()
  const makeUp = new Map<string, string>()
  for (const y of byYear.values()) {
    const inLieu = new Set(y.inLieuDays)
    for (const [date, name] of Object.entries(y.holidays))
      holidays.set(date, { name, inLieu: inLieu.has(date) })
    for (const [date, name] of Object.entries(y.makeUpWorkdays)) makeUp.set(date, name)
  }
  const coveredYears = [...byYear.keys()].sort((a, b) => a - b)
  const provisionalYears = coveredYears.filter((y) => byYear.get(y)?.provisional === true)
  const sources = new Map(coveredYears.map((y) => [y, byYear.get(y)!.source] as const))
  const covers = (year: number) => byYear.has(year)

  const dayKind = (date: LocalDate): Either.Either<DayKind, CalendarYearNotCovered> => {
    const year = yearOf(date)
    if (!byYear.has(year)) return Either.left(new CalendarYearNotCovered({ date, year, coveredYears }))
    const holiday = holidays.get(date)
    if (holiday) return Either.right(DayKind.Holiday({ date, name: holiday.name, inLieu: holiday.inLieu }))
    const madeUp = makeUp.get(date)
    if (madeUp !== undefined) return Either.right(DayKind.MakeUpWorkday({ date, holiday: madeUp }))
    return Either.right(isoWeekday(date) >= 6 ? DayKind.Weekend({ date }) : DayKind.Workday({ date }))
  }
  const isWorkday = (date: LocalDate) => Either.map(dayKind(date), isWorkdayKind)
  const workdaysBetween = (from: LocalDate, to: LocalDate) => {
    const out: LocalDate[] = []
    for (let d = from; d <= to; d = addDays(d, 1)) {
      const w = isWorkday(d)
      if (Either.isLeft(w)) return Either.left(w.left)
      if (w.right) out.push(d)
    }
    return Either.right(out as ReadonlyArray<LocalDate>)
  }
  return {
    coveredYears,
    provisionalYears,
    sources,
    covers,
    dayKind,
    isWorkday,
    workdaysBetween,
    years: coveredYears.map((y) => byYear.get(y)!),
  }
}

/** A calendar with some years added or replaced (the given years win). */
export const withCalendarYears = (
  calendar: WorkCalendar,
  ...years: ReadonlyArray<CalendarYear>
): WorkCalendar => makeWorkCalendar([...calendar.years, ...years])

/**
 * A year entered ahead of the official notice: weekends off, no holidays, marked provisional. Only a
 * county's explicit choice creates it; the calendar never falls back to it by itself.
 */
export const provisionalCalendarYear = (
  year: number,
  note = "暂按双休日安排，待国务院办公厅通知发布后更新",
): CalendarYear =>
  CalendarYear.make({
    year,
    holidays: {},
    makeUpWorkdays: {},
    inLieuDays: [],
    source: note,
    provisional: true,
  })

/** chinese-days stores "English name,中文名,序号" per date. */
const chineseName = (value: string): string => value.split(",")[1] ?? value

/** The holiday names chinese-days uses, mapped to the names of the State Council notice. */
const OFFICIAL_NAME: Readonly<Record<string, string>> = {
  清明: "清明节",
  端午: "端午节",
  中秋: "中秋节",
}

export interface ChineseDaysData {
  readonly holidays: Readonly<Record<string, string>>
  readonly workdays: Readonly<Record<string, string>>
  readonly inLieuDays: Readonly<Record<string, string>>
}

/**
 * Turns chinese-days' data (`dist/chinese-days.json`: `holidays`, `workdays` = make-up workdays,
 * `inLieuDays`) into calendar years. A year counts as covered when the data lists at least one holiday
 * in it; the package's own `isWorkday` answers years it does not cover from weekdays alone (it calls
 * 2027-10-01 a workday), which is exactly what this calendar refuses to do.
 */
export const calendarYearsFromChineseDays = (
  data: ChineseDaysData,
  source = "chinese-days@1.5.7",
): ReadonlyArray<CalendarYear> => {
  const years = new Map<
    number,
    { holidays: Record<string, string>; makeUp: Record<string, string>; inLieu: string[] }
  >()
  const entry = (date: string) => {
    const year = Number(date.slice(0, 4))
    let y = years.get(year)
    if (!y) {
      y = { holidays: {}, makeUp: {}, inLieu: [] }
      years.set(year, y)
    }
    return y
  }
  const name = (value: string) => {
    const zh = chineseName(value)
    return OFFICIAL_NAME[zh] ?? zh
  }
  for (const [date, value] of Object.entries(data.holidays)) entry(date).holidays[date] = name(value)
  for (const [date, value] of Object.entries(data.workdays)) entry(date).makeUp[date] = name(value)
  for (const date of Object.keys(data.inLieuDays)) entry(date).inLieu.push(date)
  return [...years.entries()]
    .filter(([, y]) => Object.keys(y.holidays).length > 0)
    .sort(([a], [b]) => a - b)
    .map(([year, y]) =>
      CalendarYear.make({
        year,
        holidays: y.holidays,
        makeUpWorkdays: y.makeUp,
        inLieuDays: y.inLieu.sort(),
        source,
        provisional: false,
      }),
    )
}

/** The calendar from the installed chinese-days package (2004–2026 at version 1.5.7), plus any extra years. */
export const chineseDaysCalendar = (...extraYears: ReadonlyArray<CalendarYear>): WorkCalendar =>
  makeWorkCalendar([...calendarYearsFromChineseDays(chineseDaysData), ...extraYears])

/** A Chinese phrase for a day, e.g. "2026-10-03 国庆节假期" or "2026-10-10 调休上班日（国庆节）". */
export const describeDayKind = (kind: DayKind): string =>
  DayKind.$match(kind, {
    Workday: ({ date }) => `${date} 工作日`,
    MakeUpWorkday: ({ date, holiday }) => `${date} 调休上班日（${holiday}）`,
    Weekend: ({ date }) => `${date} 周末休息日`,
    Holiday: ({ date, name, inLieu }) => `${date} ${name}假期${inLieu ? "（调休）" : ""}`,
  })

const absurd = (x: never): never => {
  throw new Error(`unexpected ${JSON.stringify(x)}`)
}
