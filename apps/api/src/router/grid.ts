import { countUnitsByGrid, loadAssignments, loadGrids, loadGridTree, loadPersons } from "@firegrid/db"
import {
  type CoverageDefect,
  checkCoverage,
  describeDefect,
  GRID_LEVEL_LABEL,
  type Grid,
  type GridId,
  holdersOn,
  indexGrids,
} from "@firegrid/domain"
import { publicProcedure, router, signedInProcedure } from "../trpc.ts"
import { gridAdminProcedures } from "./grid-admin.ts"

/** A grid and everything below it, from an already loaded list. */
const inSubtree = (grids: ReadonlyArray<Grid>, rootId: string) => indexGrids(grids).subtree(rootId as GridId)

const subjectOf = (defect: CoverageDefect): { gridId?: string; unitId?: string } =>
  "unitId" in defect ? { unitId: defect.unitId } : "gridId" in defect ? { gridId: defect.gridId } : {}

export const gridRouter = router({
  ...gridAdminProcedures,

  /** My part of the grid tree — my grid and everything below it — with first-responsible persons today. */
  tree: signedInProcedure.query(async ({ ctx }) => {
    const db = ctx.database.db
    const today = ctx.today()
    const [grids, persons, assignments, unitCounts] = await Promise.all([
      loadGrids(db).then((all) => inSubtree(all, ctx.account.gridId)),
      loadPersons(db),
      loadAssignments(db),
      countUnitsByGrid(db),
    ])
    const personById = new Map(persons.map((p) => [p.id, p]))
    return grids.map((g) => {
      const [firstId] = holdersOn(assignments, g.id, "firstResponsible", today)
      const first = firstId === undefined ? undefined : personById.get(firstId)
      return {
        id: g.id,
        parentId: g.parentId,
        level: g.level,
        levelLabel: GRID_LEVEL_LABEL[g.level],
        name: g.name,
        code: g.code,
        location: g.location ?? null,
        firstResponsible: first ? { name: first.name, title: first.title ?? null } : null,
        unitCount: unitCounts.get(g.id) ?? 0,
      }
    })
  }),

  /** Grid names only, for the public page's township → village → zone pickers. */
  places: publicProcedure.query(async ({ ctx }) =>
    (await loadGrids(ctx.database.db))
      .filter((g) => g.level !== "county")
      .map((g) => ({ id: g.id, parentId: g.parentId, level: g.level, name: g.name })),
  ),

  /**
   * Every coverage defect in my part of the tree today (G-1), each with a sentence in Chinese. A unit in
   * no zone belongs to nobody below the county, so only a county account sees those.
   */
  coverage: signedInProcedure.query(async ({ ctx }) => {
    const tree = await loadGridTree(ctx.database.db)
    const report = checkCoverage(tree, ctx.today())
    const mine = new Set(inSubtree(tree.grids, ctx.account.gridId).map((g) => g.id as string))
    const zoneOf = new Map(tree.placements.map((p) => [p.unitId as string, p.gridId as string]))
    const isCounty = tree.grids.find((g) => g.id === ctx.account.gridId)?.level === "county"
    const visible = (d: CoverageDefect) => {
      const { gridId, unitId } = subjectOf(d)
      if (gridId) return mine.has(gridId)
      if (d._tag === "UnitInSeveralSmallGrids") return d.gridIds.some((g) => mine.has(g))
      const zone = unitId ? zoneOf.get(unitId) : undefined
      return zone ? mine.has(zone) : isCounty
    }
    const defects = report.defects.filter(visible)
    const counts = { county: 0, large: 0, medium: 0, small: 0, units: 0 }
    for (const g of tree.grids) if (mine.has(g.id)) counts[g.level]++
    const unitsHere = new Set(tree.placements.filter((p) => mine.has(p.gridId)).map((p) => p.unitId))
    counts.units = isCounty ? tree.units.length : unitsHere.size
    const names = new Map<string, string>([
      ...tree.grids.map((g) => [g.id, g.name] as const),
      ...tree.units.map((u) => [u.id, u.name] as const),
    ])
    return {
      asOf: report.asOf,
      ok: defects.length === 0,
      counts,
      defects: defects.map((d) => ({
        kind: d._tag,
        ...subjectOf(d),
        message: describeDefect(d, (id) => names.get(id) ?? id),
      })),
    }
  }),
})
