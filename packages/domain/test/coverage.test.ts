import { describe, expect, it } from "vitest"
import {
  Assignment,
  buildDemoCounty,
  checkCoverage,
  describeDefect,
  type GridId,
  localDate,
  Placement,
  type UnitId,
} from "../src/index.ts"

const asOf = localDate("2026-03-05")

describe("checkCoverage proves 横到边、纵到底、无缝隙、无缺口 (G二, SPEC G-1)", () => {
  const county = buildDemoCounty()
  const firstUnit = county.units[0]!.id

  it("finds a unit with no zone", () => {
    const tree = { ...county, placements: county.placements.filter((p) => p.unitId !== firstUnit) }
    const report = checkCoverage(tree, asOf)
    expect(report.ok).toBe(false)
    expect(report.defects).toEqual([{ _tag: "UnitWithoutSmallGrid", unitId: firstUnit }])
    expect(describeDefect(report.defects[0]!)).toContain("未划入任何责任片区")
  })

  it("finds a unit listed by two zones", () => {
    const other = "v02-z1" as GridId
    const tree = {
      ...county,
      placements: [...county.placements, Placement.make({ unitId: firstUnit, gridId: other })],
    }
    const [defect] = checkCoverage(tree, asOf).defects
    expect(defect).toMatchObject({ _tag: "UnitInSeveralSmallGrids", unitId: firstUnit })
    expect(defect?._tag === "UnitInSeveralSmallGrids" && defect.gridIds).toContain(other)
  })

  it("finds a unit hung on a village instead of a zone", () => {
    const tree = {
      ...county,
      placements: [
        ...county.placements.filter((p) => p.unitId !== firstUnit),
        Placement.make({ unitId: firstUnit, gridId: "v01" as GridId }),
      ],
    }
    expect(checkCoverage(tree, asOf).defects.map((d) => d._tag)).toEqual([
      "PlacementInNonSmallGrid",
      "UnitWithoutSmallGrid",
    ])
  })

  it("finds a village whose committee head left without a successor (G一(四))", () => {
    const assignments = county.assignments.map((a) =>
      a.gridId === "v03" && a.role === "firstResponsible"
        ? Assignment.make({ ...a, until: localDate("2026-01-31") })
        : a,
    )
    const report = checkCoverage({ ...county, assignments }, asOf)
    expect(report.defects).toEqual([{ _tag: "GridWithoutFirstResponsible", gridId: "v03" }])
    // The same tree was covered before the head left: history decides, not the current roster.
    expect(checkCoverage({ ...county, assignments }, localDate("2026-01-31")).ok).toBe(true)
  })

  it("finds a zone with no work group and a grid with two first-responsible persons", () => {
    const zone = "v05-z2" as GridId
    const assignments = [
      ...county.assignments.filter((a) => !(a.gridId === zone && a.role === "workGroup")),
      Assignment.make({
        gridId: "v05" as GridId,
        personId: "p-extra" as Assignment["personId"],
        role: "firstResponsible",
        since: localDate("2026-01-01"),
        until: null,
      }),
    ]
    const tags = checkCoverage({ ...county, assignments }, asOf).defects.map((d) => d._tag)
    expect(tags.sort()).toEqual(["GridWithSeveralFirstResponsible", "SmallGridWithoutWorkGroup"])
  })

  it("finds a zone hung directly under the town", () => {
    const grids = county.grids.map((g) => (g.id === "v07-z1" ? { ...g, parentId: county.townId } : g))
    const [defect] = checkCoverage({ ...county, grids }, asOf).defects
    expect(defect).toMatchObject({ _tag: "GridUnderWrongParent", gridId: "v07-z1", expected: "medium" })
  })

  it("does not depend on the order of units and placements", () => {
    const shuffled = {
      ...county,
      units: [...county.units].reverse(),
      placements: [...county.placements].reverse(),
    }
    expect(checkCoverage(shuffled, asOf).ok).toBe(true)
  })

  it("ignores a unit id that is listed twice by the same zone", () => {
    const dup = county.placements[0]!
    const tree = { ...county, placements: [...county.placements, dup] }
    expect(checkCoverage(tree, asOf).ok).toBe(true)
  })

  it("reports units by id only: an unknown unit id in a placement is no unit of the tree", () => {
    const tree = {
      ...county,
      placements: [
        ...county.placements,
        Placement.make({ unitId: "ghost" as UnitId, gridId: "v01-z1" as GridId }),
      ],
    }
    expect(checkCoverage(tree, asOf).ok).toBe(true)
  })
})
