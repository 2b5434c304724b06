import { Schema } from "effect"

/**
 * A calendar date in Asia/Shanghai, written YYYY-MM-DD. The domain never reads a clock:
 * every rule takes the date it is asked about as an argument.
 */
export const LocalDate = Schema.String.pipe(
  Schema.pattern(/^\d{4}-\d{2}-\d{2}$/, { message: () => "日期格式应为 YYYY-MM-DD" }),
  Schema.filter((s) => isRealDate(s) || "不存在的日期"),
  Schema.brand("LocalDate"),
)
export type LocalDate = typeof LocalDate.Type

export const TIME_ZONE = "Asia/Shanghai"

const DAY_MS = 86_400_000

function isRealDate(s: string): boolean {
  const [y, m, d] = s.split("-").map(Number) as [number, number, number]
  const t = new Date(Date.UTC(y, m - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
}

/** Decodes a YYYY-MM-DD string, throwing on anything that is not a real date. */
export const localDate = (s: string): LocalDate => Schema.decodeSync(LocalDate)(s)

const toUtcMs = (d: LocalDate): number => Date.parse(`${d}T00:00:00Z`)
const fromUtcMs = (ms: number): LocalDate => new Date(ms).toISOString().slice(0, 10) as LocalDate

export const makeDate = (year: number, month: number, day: number): LocalDate =>
  fromUtcMs(Date.UTC(year, month - 1, day))

export const addDays = (d: LocalDate, days: number): LocalDate => fromUtcMs(toUtcMs(d) + days * DAY_MS)

/** Whole days from `a` to `b` (positive when b is later). */
export const daysBetween = (a: LocalDate, b: LocalDate): number =>
  Math.round((toUtcMs(b) - toUtcMs(a)) / DAY_MS)

/**
 * A date as the number YYYYMMDD: ordered like the dates, and compared without reading the strings
 * again (for sorting or scanning many dated records).
 */
export const dayNumber = (d: LocalDate): number =>
  (d.charCodeAt(0) - 48) * 10_000_000 +
  (d.charCodeAt(1) - 48) * 1_000_000 +
  (d.charCodeAt(2) - 48) * 100_000 +
  (d.charCodeAt(3) - 48) * 10_000 +
  (d.charCodeAt(5) - 48) * 1000 +
  (d.charCodeAt(6) - 48) * 100 +
  (d.charCodeAt(8) - 48) * 10 +
  (d.charCodeAt(9) - 48)

export const compareDates = (a: LocalDate, b: LocalDate): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0)

export const yearOf = (d: LocalDate): number => Number(d.slice(0, 4))
export const monthOf = (d: LocalDate): number => Number(d.slice(5, 7))
export const dayOf = (d: LocalDate): number => Number(d.slice(8, 10))

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const isoWeekday = (d: LocalDate): number => {
  const w = new Date(toUtcMs(d)).getUTCDay()
  return w === 0 ? 7 : w
}

/** ISO week label such as "2026-W10" (the week's Thursday decides its year). */
export const isoWeek = (d: LocalDate): string => {
  const thursday = addDays(d, 4 - isoWeekday(d))
  const year = yearOf(thursday)
  const week = Math.floor(daysBetween(makeDate(year, 1, 1), thursday) / 7) + 1
  return `${year}-W${String(week).padStart(2, "0")}`
}

export const daysInMonth = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate()

/** Every date from `from` to `to`, both included. */
export const datesBetween = (from: LocalDate, to: LocalDate): ReadonlyArray<LocalDate> => {
  const out: LocalDate[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d)
  return out
}

// Building an Intl formatter costs far more than using one: make it once.
const shanghaiDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
})

// China has kept UTC+8 without daylight saving since the last switch back on 1991-09-15 (02:00 local,
// 17:00 UTC the day before): from then on the date is plain arithmetic, which every request asks for.
const FIXED_OFFSET_FROM = Date.UTC(1991, 8, 14, 17)
const OFFSET_MS = 8 * 3_600_000

/** The Shanghai calendar date of an instant; the caller supplies the instant. */
export const localDateAt = (instant: Date): LocalDate => {
  const ms = instant.getTime()
  if (ms < FIXED_OFFSET_FROM) return shanghaiDate.format(instant) as LocalDate
  // Every request asks, and almost always about the same day as the request before: remember that day.
  if (ms >= lastDay.from && ms < lastDay.to) return lastDay.date
  const from = Math.floor((ms + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS
  lastDay = {
    from,
    to: from + DAY_MS,
    date: new Date(from + OFFSET_MS).toISOString().slice(0, 10) as LocalDate,
  }
  return lastDay.date
}
let lastDay = { from: 0, to: 0, date: "" as LocalDate }
