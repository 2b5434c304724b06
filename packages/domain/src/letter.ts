import type { Activity } from "./activity.ts"
import type { GridTree } from "./coverage.ts"
import type { GridLevel } from "./grid.ts"
import type { GridId, UnitId } from "./ids.ts"
import { yearOf } from "./local-date.ts"

/**
 * Responsibility letters 消防工作责任书 (六(三) "层层签订消防工作责任书", SPEC D-10): every year each grid
 * signs with the grid above it, and every unit with its responsibility zone. A letter is recorded as an
 * activity of kind "letter" by the upper grid, listing the grids (`gridIds`) and units (`unitIds`) that
 * signed with it on that date.
 */
export interface GridWithoutLetter {
  readonly gridId: GridId
  readonly level: GridLevel
  /** The grid it should have signed with. */
  readonly withGridId: GridId
}
export interface UnitWithoutLetter {
  readonly unitId: UnitId
  /** The zone it should have signed with; null when the unit is in no zone (a coverage defect too). */
  readonly withGridId: GridId | null
}

export interface LetterReport {
  readonly year: number
  readonly grids: ReadonlyArray<GridWithoutLetter>
  readonly units: ReadonlyArray<UnitWithoutLetter>
  readonly gridsSigned: number
  readonly gridsDue: number
  readonly unitsSigned: number
  readonly unitsDue: number
}

/** Which grids and units have no signed responsibility letter for `year` (D-10). */
export const unsignedLetters = (
  tree: GridTree,
  activities: Iterable<Activity>,
  year: number,
): LetterReport => {
  const signedGrid = new Set<string>()
  const signedUnit = new Set<string>()
  for (const a of activities) {
    if (a.kind !== "letter" || a.departmentId !== undefined || yearOf(a.date) !== year) continue
    for (const g of a.gridIds ?? []) signedGrid.add(`${a.gridId}|${g}`)
    for (const u of a.unitIds ?? []) signedUnit.add(`${a.gridId}|${u}`)
  }
  const grids: GridWithoutLetter[] = []
  let gridsDue = 0
  for (const g of tree.grids) {
    if (g.parentId === null) continue
    gridsDue++
    if (!signedGrid.has(`${g.parentId}|${g.id}`))
      grids.push({ gridId: g.id, level: g.level, withGridId: g.parentId })
  }
  const zoneOf = new Map<UnitId, GridId>()
  const smallGrids = new Set(tree.grids.filter((g) => g.level === "small").map((g) => g.id))
  for (const p of tree.placements)
    if (smallGrids.has(p.gridId) && !zoneOf.has(p.unitId)) zoneOf.set(p.unitId, p.gridId)
  const units: UnitWithoutLetter[] = []
  for (const u of tree.units) {
    const zone = zoneOf.get(u.id) ?? null
    if (zone === null || !signedUnit.has(`${zone}|${u.id}`)) units.push({ unitId: u.id, withGridId: zone })
  }
  return {
    year,
    grids,
    units,
    gridsSigned: gridsDue - grids.length,
    gridsDue,
    unitsSigned: tree.units.length - units.length,
    unitsDue: tree.units.length,
  }
}
