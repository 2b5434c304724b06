import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { IdNumbering } from "../src/id-numbering.ts"

describe("IdNumbering (internal: unit visits numbered against a list)", () => {
  it("numbers ids by their first position, in any order of asking, -1 for an id not listed", () => {
    const ids = fc.array(fc.constantFrom("a", "b", "c", "d", "e", "f"), { maxLength: 12 })
    fc.assert(
      fc.property(ids, ids, (items, asked) => {
        const distinct = new Set(items).size === items.length
        for (const vouched of distinct ? [true, false] : [false]) {
          const numbering = new IdNumbering(items, vouched)
          expect(numbering.repeatsNoId).toBe(distinct)
          for (const id of asked) expect(numbering.slotOf(id)).toBe(items.indexOf(id))
          items.forEach((id, k) => {
            expect(numbering.slotAt(k)).toBe(items.indexOf(id))
          })
        }
      }),
    )
  })

  it("answers ids asked in list order, the common case, the same way", () => {
    const items = ["u1", "u2", "u3", "u2", "u4"]
    const numbering = new IdNumbering(items, false)
    expect(items.map((id) => numbering.slotOf(id))).toEqual([0, 1, 2, 1, 4])
  })

  it("answers ids of a list in ascending order, asked in any order, by bisection and then by hashing", () => {
    const sortedIds = fc
      .uniqueArray(fc.integer({ min: 0, max: 999 }), { minLength: 1, maxLength: 60 })
      .map((ns) => ns.sort((a, b) => a - b).map((n) => `u${String(n).padStart(4, "0")}`))
    const asked = fc.array(fc.integer({ min: 0, max: 999 }), { maxLength: 200 })
    fc.assert(
      fc.property(sortedIds, asked, (items, ns) => {
        const numbering = new IdNumbering(items, false)
        expect(numbering.repeatsNoId).toBe(true)
        // More misses than the bisection allowance, so both ways of finding a missed guess are asked.
        for (const n of ns) {
          const id = `u${String(n).padStart(4, "0")}`
          expect(numbering.slotOf(id)).toBe(items.indexOf(id))
        }
      }),
    )
  })
})
