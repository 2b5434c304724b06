import { type Database, listSettings, putSetting } from "@firegrid/db"
import { CalendarYear, chineseDaysCalendar, type WorkCalendar } from "@firegrid/domain"
import { Schema } from "effect"

/**
 * The county's workday calendar (D-12): the chinese-days package's years plus the years the county
 * supplied as data (e.g. 2027 once the State Council publishes it), stored under one settings key per year.
 */
const KEY_PREFIX = "calendar.year."
const decode = Schema.decodeUnknownSync(CalendarYear)
const encode = Schema.encodeSync(CalendarYear)

export const loadSuppliedYears = async (db: Database): Promise<ReadonlyArray<CalendarYear>> =>
  (await listSettings(db, KEY_PREFIX)).map((row) => decode(row.value))

export const loadCalendar = async (db: Database): Promise<WorkCalendar> =>
  chineseDaysCalendar(...(await loadSuppliedYears(db)))

export const supplyCalendarYear = async (db: Database, year: CalendarYear, at: Date, actor: string) =>
  putSetting(db, {
    key: `${KEY_PREFIX}${year.year}`,
    value: encode(year),
    at,
    actor,
    action: "calendar.supplyYear",
  })

/** What the calendar knows, year by year, and where each year's data came from. */
export const describeCalendar = async (db: Database) => {
  const supplied = new Set((await loadSuppliedYears(db)).map((y) => y.year))
  const calendar = await loadCalendar(db)
  const provisional = new Set(calendar.provisionalYears)
  return {
    coveredYears: calendar.coveredYears,
    provisionalYears: calendar.provisionalYears,
    years: calendar.years.map((y) => ({
      year: y.year,
      source: y.source,
      provisional: provisional.has(y.year),
      suppliedByCounty: supplied.has(y.year),
      holidays: Object.keys(y.holidays).length,
      makeUpWorkdays: Object.keys(y.makeUpWorkdays).length,
    })),
  }
}
