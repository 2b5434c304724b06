import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { localDateAt } from "../src/index.ts"

const shanghai = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
})

describe("localDateAt", () => {
  it("gives the Asia/Shanghai date of any instant, daylight-saving years included", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1980-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }),
        (d) => {
          expect(localDateAt(d)).toBe(shanghai.format(d))
        },
      ),
      { numRuns: 2000 },
    )
  })

  it("turns the date at midnight Shanghai time, which is 16:00 UTC", () => {
    expect(localDateAt(new Date("2026-03-04T15:59:59.999Z"))).toBe("2026-03-04")
    expect(localDateAt(new Date("2026-03-04T16:00:00.000Z"))).toBe("2026-03-05")
  })
})
