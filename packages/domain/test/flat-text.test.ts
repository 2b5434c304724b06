import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { flat } from "../src/flat-text.ts"

describe("flat (internal: template text as one flat string)", () => {
  it("gives the same text as the template literal", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer(), fc.double({ noNaN: true }), (s, n, x) => {
        expect(flat`甲${s}乙${n}丙${x}`).toBe(`甲${s}乙${n}丙${x}`)
        expect(flat`${s}`).toBe(s)
        expect(flat`无`).toBe("无")
      }),
    )
  })
})
