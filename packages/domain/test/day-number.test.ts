import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { addDays, compareDates, dayNumber, localDate } from "../src/index.ts"

describe("dayNumber", () => {
  it("is the date as YYYYMMDD", () => {
    expect(dayNumber(localDate("2026-03-09"))).toBe(20260309)
    expect(dayNumber(localDate("1999-12-31"))).toBe(19991231)
  })

  it("orders like the dates", () => {
    const day = fc.nat(200_000).map((n) => addDays(localDate("1900-01-01"), n))
    fc.assert(
      fc.property(day, day, (a, b) => {
        expect(Math.sign(dayNumber(a) - dayNumber(b))).toBe(compareDates(a, b))
      }),
    )
  })
})
