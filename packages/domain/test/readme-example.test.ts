import { describe, expect, it } from "vitest"
import { main } from "../examples/duty-compliance.ts"

describe("the README's runnable example (五(三))", () => {
  it("prints the October 2026 inspection-day window, the 国庆节 rejection and the partial sweep", () => {
    const lines: string[] = []
    main((line) => lines.push(line))
    expect(lines).toEqual([
      "D-1 window 2026-10-01…2026-10-10, workdays 2026-10-08, 2026-10-09, 2026-10-10",
      "2026-10-03 is a holiday (国庆节); the window 1–10 October has workdays 8, 9, 10",
      "fixed: 2026-10-10",
      "D-1: 未完全落实：已完成 416/520，尚缺 104 项，可于 2026-10-31 前补做",
      "告成镇: due 4, on time 0, partial 1, missed 0, open 3",
    ])
  })
})
