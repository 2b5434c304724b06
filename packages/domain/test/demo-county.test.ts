import { describe, expect, it } from "vitest"
import { buildDemoCounty, checkCoverage, DEMO_FIGURES, holdersOn, localDate } from "../src/index.ts"

const asOf = localDate("2026-03-05")

describe("the demo county reproduces 告成镇 (G二(一), SPEC G-10)", () => {
  const county = buildDemoCounty()
  const byLevel = (level: string) => county.grids.filter((g) => g.level === level)

  it("has one town with 24 villages (medium grids) and 200 villager groups (small grids)", () => {
    expect(byLevel("county")).toHaveLength(1)
    expect(byLevel("large").map((g) => g.name)).toEqual(["告成镇"])
    expect(byLevel("medium")).toHaveLength(24)
    expect(byLevel("small")).toHaveLength(200)
  })

  it("has 500+ units of which 219 key units: 14 schools, 4 internet cafés, 6 entertainment venues, 21 supermarkets", () => {
    const key = county.units.filter((u) => u.flags.key)
    expect(county.units.length).toBeGreaterThan(500)
    expect(key).toHaveLength(219)
    const countKind = (kind: string) => key.filter((u) => u.kind === kind).length
    expect(countKind("school")).toBe(DEMO_FIGURES.schools)
    expect(countKind("internetCafe")).toBe(4)
    expect(countKind("entertainment")).toBe(6)
    expect(countKind("supermarket")).toBe(21)
  })

  it("names the town head 何聪道 as the town's first responsible person (G二 一(一))", () => {
    const [head] = holdersOn(county.assignments, county.townId, "firstResponsible", asOf)
    expect(county.persons.find((p) => p.id === head)?.name).toBe("何聪道")
  })

  it("gives the town 1 leader in charge and 3 full-time inspectors, and the villages 12 administrators (G二 二(二))", () => {
    expect(holdersOn(county.assignments, county.townId, "leader", asOf)).toHaveLength(1)
    expect(holdersOn(county.assignments, county.townId, "inspector", asOf)).toHaveLength(3)
    expect(county.assignments.filter((a) => a.role === "administrator")).toHaveLength(12)
  })

  it("is fully covered: no unit outside a zone, every grid with a first-responsible person, every zone with a work group", () => {
    const report = checkCoverage(county, asOf)
    expect(report.defects).toEqual([])
    expect(report.ok).toBe(true)
    expect(report.counts).toEqual({ county: 1, large: 1, medium: 24, small: 200, units: county.units.length })
  })

  it("is deterministic", () => {
    expect(buildDemoCounty()).toEqual(county)
  })

  it("gives every unit a distinct name", () => {
    expect(new Set(county.units.map((u) => u.name)).size).toBe(county.units.length)
  })
})
