import { countUnitsByGrid, loadAssignments, loadGrids, loadGridTree, loadPersons } from "@firegrid/db"
import {
  type CoverageDefect,
  checkCoverage,
  describeDefect,
  GRID_LEVEL_LABEL,
  holdersOn,
} from "@firegrid/domain"
import { publicProcedure, router } from "../trpc.ts"

const subjectOf = (defect: CoverageDefect): { gridId?: string; unitId?: string } =>
  "unitId" in defect ? { unitId: defect.unitId } : "gridId" in defect ? { gridId: defect.gridId } : {}

export const gridRouter = router({
  /** The whole grid tree with each grid's first-responsible person and unit count (admin). */
  tree: publicProcedure.query(async ({ ctx }) => {
    const db = ctx.database.db
    const today = ctx.today()
    const [grids, persons, assignments, unitCounts] = await Promise.all([
      loadGrids(db),
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

  /** Every coverage defect of the tree today (G-1), each with a sentence in Chinese. */
  coverage: publicProcedure.query(async ({ ctx }) => {
    const tree = await loadGridTree(ctx.database.db)
    const report = checkCoverage(tree, ctx.today())
    const names = new Map<string, string>([
      ...tree.grids.map((g) => [g.id, g.name] as const),
      ...tree.units.map((u) => [u.id, u.name] as const),
    ])
    return {
      asOf: report.asOf,
      ok: report.ok,
      counts: report.counts,
      defects: report.defects.map((d) => ({
        kind: d._tag,
        ...subjectOf(d),
        message: describeDefect(d, (id) => names.get(id) ?? id),
      })),
    }
  }),
})
