import { type Database, listActivities, loadGridTree } from "@firegrid/db"
import { GRID_LEVEL_LABEL, type GridId, indexGrids, makeDate, unsignedLetters } from "@firegrid/domain"

/**
 * Grids and units of a subtree without a responsibility letter signed for `year` (D-10). The letters are
 * read county-wide: a township's letter is recorded by the county, above the township's own subtree.
 */
export const unsignedIn = async (db: Database, rootId: string, year: number) => {
  const [tree, letters] = await Promise.all([
    loadGridTree(db),
    listActivities(db, { from: makeDate(year, 1, 1), to: makeDate(year, 12, 31), kinds: ["letter"] }),
  ])
  const grids = indexGrids(tree.grids).subtree(rootId as GridId)
  const inTree = new Set<string>(grids.map((g) => g.id))
  const placements = tree.placements.filter((p) => inTree.has(p.gridId))
  const placed = new Set<string>(placements.map((p) => p.unitId))
  const report = unsignedLetters(
    {
      grids,
      units: tree.units.filter((u) => placed.has(u.id)),
      placements,
      assignments: [],
    },
    letters,
    year,
  )
  const gridName = new Map<string, string>(tree.grids.map((g) => [g.id, g.name]))
  const unitName = new Map<string, string>(tree.units.map((u) => [u.id, u.name]))
  const name = (id: string | null) => (id === null ? null : (gridName.get(id) ?? id))
  return {
    year,
    gridsDue: report.gridsDue,
    gridsSigned: report.gridsSigned,
    unitsDue: report.unitsDue,
    unitsSigned: report.unitsSigned,
    grids: report.grids.map((g) => ({
      gridId: g.gridId,
      gridName: name(g.gridId),
      level: g.level,
      levelLabel: GRID_LEVEL_LABEL[g.level],
      withGridId: g.withGridId,
      withGridName: name(g.withGridId),
    })),
    units: report.units.map((u) => ({
      unitId: u.unitId,
      unitName: unitName.get(u.unitId) ?? u.unitId,
      withGridId: u.withGridId,
      withGridName: name(u.withGridId),
    })),
  }
}
