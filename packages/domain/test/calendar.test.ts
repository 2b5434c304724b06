import { isWorkday as chineseDaysIsWorkday } from "chinese-days"
import { Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import {
  CalendarYear,
  CalendarYearNotCovered,
  chineseDaysCalendar,
  DayKind,
  describeDayKind,
  type LocalDate,
  localDate,
  makeWorkCalendar,
  provisionalCalendarYear,
  withCalendarYears,
} from "../src/index.ts"

const calendar = chineseDaysCalendar()
const kind = (d: string) => Either.getOrThrow(calendar.dayKind(localDate(d)))
const workdays = (from: string, to: string) =>
  Either.getOrThrow(calendar.workdaysBetween(localDate(from), localDate(to))).map((d) => Number(d.slice(8)))

describe("the PRC workday calendar (SPEC D-12)", () => {
  it("covers 2026 from chinese-days, as published by 国务院办公厅", () => {
    expect(calendar.covers(2026)).toBe(true)
    expect(calendar.coveredYears[0]).toBe(2004)
    expect(calendar.coveredYears.at(-1)).toBe(2026)
    expect(calendar.sources.get(2026)).toBe("chinese-days@1.5.7")
  })

  it("has 1–7 October 2026 as 国庆节 holidays and Saturday 10 October as a make-up workday 调休", () => {
    for (let d = 1; d <= 7; d++)
      expect(kind(`2026-10-0${d}`)).toMatchObject({ _tag: "Holiday", name: "国庆节" })
    expect(kind("2026-10-10")).toEqual(
      DayKind.MakeUpWorkday({ date: localDate("2026-10-10"), holiday: "国庆节" }),
    )
    expect(kind("2026-10-11")._tag).toBe("Weekend")
    expect(workdays("2026-10-01", "2026-10-10")).toEqual([8, 9, 10])
    expect(kind("2026-10-06")).toMatchObject({ _tag: "Holiday", inLieu: true })
  })

  it("has the 2026 Spring Festival 15–23 February with make-up Saturdays 14 and 28 February", () => {
    for (let d = 15; d <= 23; d++)
      expect(kind(`2026-02-${d}`)).toMatchObject({ _tag: "Holiday", name: "春节" })
    expect(kind("2026-02-14")._tag).toBe("MakeUpWorkday")
    expect(kind("2026-02-28")._tag).toBe("MakeUpWorkday")
    expect(workdays("2026-02-01", "2026-02-10")).toEqual([2, 3, 4, 5, 6, 9, 10])
    expect(workdays("2026-02-21", "2026-02-28")).toEqual([24, 25, 26, 27, 28])
  })

  it("uses the notice's names: 清明节, 端午节, 中秋节 (the package says 清明, 端午, 中秋)", () => {
    expect(kind("2026-04-05")).toMatchObject({ _tag: "Holiday", name: "清明节" })
    expect(kind("2026-06-19")).toMatchObject({ _tag: "Holiday", name: "端午节" })
    expect(kind("2026-09-25")).toMatchObject({ _tag: "Holiday", name: "中秋节" })
    expect(describeDayKind(kind("2026-10-03"))).toBe("2026-10-03 国庆节假期")
  })

  it("answers a year it does not cover (2027) with CalendarYearNotCovered, where chinese-days itself guesses", () => {
    // The package answers uncovered years from weekdays alone: National Day 2027 becomes a workday.
    expect(chineseDaysIsWorkday("2027-10-01")).toBe(true)
    const answer = calendar.isWorkday(localDate("2027-10-01"))
    expect(Either.isLeft(answer)).toBe(true)
    const error = Either.getLeft(answer).pipe((o) => (o._tag === "Some" ? o.value : undefined))
    expect(error).toBeInstanceOf(CalendarYearNotCovered)
    expect(error?.year).toBe(2027)
    expect(error?.message).toContain("2027 年的节假日安排尚未录入")
    expect(Either.isLeft(calendar.workdaysBetween(localDate("2026-12-28"), localDate("2027-01-05")))).toBe(
      true,
    )
  })

  it("lets a county supply a newer year as data, without a code change", () => {
    const year2027 = Schema.decodeUnknownSync(CalendarYear)({
      year: 2027,
      holidays: { "2027-10-01": "国庆节", "2027-10-04": "国庆节" },
      makeUpWorkdays: { "2027-10-09": "国庆节" },
      source: "县应急局录入（示例数据）",
    })
    const updated = withCalendarYears(calendar, year2027)
    expect(updated.covers(2027)).toBe(true)
    expect(Either.getOrThrow(updated.isWorkday(localDate("2027-10-01")))).toBe(false)
    expect(Either.getOrThrow(updated.isWorkday(localDate("2027-10-09")))).toBe(true)
    expect(Either.getOrThrow(updated.isWorkday(localDate("2027-10-05")))).toBe(true)
    expect(updated.sources.get(2027)).toBe("县应急局录入（示例数据）")
    expect(updated.provisionalYears).toEqual([])
  })

  it("replaces a year when a county corrects it: the later data wins", () => {
    const corrected = CalendarYear.make({
      year: 2026,
      holidays: { "2026-10-01": "国庆节" },
      makeUpWorkdays: {},
      source: "corrected",
    })
    const updated = withCalendarYears(calendar, corrected)
    expect(Either.getOrThrow(updated.isWorkday(localDate("2026-10-02")))).toBe(true)
    expect(Either.getOrThrow(calendar.isWorkday(localDate("2026-10-02")))).toBe(false)
  })

  it("plans ahead only by an explicit provisional year, which stays marked provisional", () => {
    const ahead = withCalendarYears(calendar, provisionalCalendarYear(2027))
    expect(ahead.provisionalYears).toEqual([2027])
    expect(Either.getOrThrow(ahead.dayKind(localDate("2027-10-01")))._tag).toBe("Workday")
    expect(Either.getOrThrow(ahead.dayKind(localDate("2027-10-02")))._tag).toBe("Weekend")
  })

  it("rejects calendar data with a malformed date", () => {
    expect(() =>
      Schema.decodeUnknownSync(CalendarYear)({
        year: 2027,
        holidays: { "2027-1-1": "元旦" },
        makeUpWorkdays: {},
        source: "x",
      }),
    ).toThrow()
  })

  it("knows nothing when given no data", () => {
    const empty = makeWorkCalendar([])
    expect(empty.coveredYears).toEqual([])
    expect(Either.isLeft(empty.isWorkday("2026-10-08" as LocalDate))).toBe(true)
  })
})
