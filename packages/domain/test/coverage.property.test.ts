import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  Assignment,
  checkCoverage,
  Grid,
  type GridId,
  localDate,
  noFlags,
  type PersonId,
  Placement,
  Unit,
  type UnitId,
} from "../src/index.ts"

const asOf = localDate("2026-06-30")
const since = localDate("2026-01-01")

/** A random county: townships, villages, zones, units placed in 0..3 random zones, roles sometimes missing. */
const arbitraryTree = fc
  .record({
    villagesPerTown: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }),
    zonesPerVillage: fc.integer({ min: 0, max: 3 }),
    unitPlacements: fc.array(fc.array(fc.nat(), { maxLength: 3 }), { maxLength: 30 }),
    missingFirst: fc.array(fc.nat(), { maxLength: 3 }),
    missingWorkGroup: fc.array(fc.nat(), { maxLength: 3 }),
  })
  .map(({ villagesPerTown, zonesPerVillage, unitPlacements, missingFirst, missingWorkGroup }) => {
    const grids: Grid[] = [
      Grid.make({ id: "c" as GridId, parentId: null, level: "county", name: "县", code: "c" }),
    ]
    villagesPerTown.forEach((villages, t) => {
      const townId = `t${t}` as GridId
      grids.push(
        Grid.make({ id: townId, parentId: grids[0]!.id, level: "large", name: townId, code: townId }),
      )
      for (let v = 0; v < villages; v++) {
        const villageId = `${townId}v${v}` as GridId
        grids.push(
          Grid.make({ id: villageId, parentId: townId, level: "medium", name: villageId, code: villageId }),
        )
        for (let z = 0; z < zonesPerVillage; z++) {
          const zoneId = `${villageId}z${z}` as GridId
          grids.push(
            Grid.make({ id: zoneId, parentId: villageId, level: "small", name: zoneId, code: zoneId }),
          )
        }
      }
    })
    const zones = grids.filter((g) => g.level === "small")
    const assignments = grids.flatMap((g, i) => {
      const out: Assignment[] = []
      const person = `p${i}` as PersonId
      if (!missingFirst.includes(i))
        out.push(
          Assignment.make({ gridId: g.id, personId: person, role: "firstResponsible", since, until: null }),
        )
      if (g.level === "small" && !missingWorkGroup.includes(i))
        out.push(Assignment.make({ gridId: g.id, personId: person, role: "workGroup", since, until: null }))
      return out
    })
    const units = unitPlacements.map((_, i) =>
      Unit.make({ id: `u${i}` as UnitId, name: `单位${i}`, kind: "shop", flags: noFlags }),
    )
    const placements = unitPlacements.flatMap((picks, i) =>
      zones.length === 0
        ? []
        : picks.map((p) => Placement.make({ unitId: units[i]!.id, gridId: zones[p % zones.length]!.id })),
    )
    return { grids, units, placements, assignments }
  })

describe("coverage invariants (G-1)", () => {
  it("every unit that checkCoverage does not flag is in exactly one small grid", () => {
    fc.assert(
      fc.property(arbitraryTree, (tree) => {
        const report = checkCoverage(tree, asOf)
        const flagged = new Set(report.defects.flatMap((d) => ("unitId" in d ? [d.unitId] : [])))
        const smallGrids = new Set(tree.grids.filter((g) => g.level === "small").map((g) => g.id))
        for (const unit of tree.units) {
          if (flagged.has(unit.id)) continue
          const zones = new Set(tree.placements.filter((p) => p.unitId === unit.id).map((p) => p.gridId))
          expect(zones.size).toBe(1)
          expect(smallGrids.has([...zones][0]!)).toBe(true)
        }
      }),
      { numRuns: 300 },
    )
  })

  it("a tree is covered exactly when every grid has one first-responsible person, every zone a work group, every unit one zone", () => {
    fc.assert(
      fc.property(arbitraryTree, (tree) => {
        const allPlacedOnce = tree.units.every(
          (u) => new Set(tree.placements.filter((p) => p.unitId === u.id).map((p) => p.gridId)).size === 1,
        )
        const everyGridStaffed = tree.grids.every(
          (g) =>
            tree.assignments.some((a) => a.gridId === g.id && a.role === "firstResponsible") &&
            (g.level !== "small" ||
              tree.assignments.some((a) => a.gridId === g.id && a.role === "workGroup")),
        )
        expect(checkCoverage(tree, asOf).ok).toBe(allPlacedOnce && everyGridStaffed)
      }),
      { numRuns: 300 },
    )
  })
})
