import { Data } from "effect"
import { type Grid, type GridLevel, indexGrids } from "./grid.ts"
import type { GridId, PersonId, UnitId } from "./ids.ts"
import type { LocalDate } from "./local-date.ts"
import { type Assignment, holdersOn } from "./person.ts"
import type { Placement, Unit } from "./unit.ts"

/** Everything coverage is judged on: the grid tree, the units, which zone lists which unit, and who holds which role. */
export interface GridTree {
  readonly grids: ReadonlyArray<Grid>
  readonly units: ReadonlyArray<Unit>
  readonly placements: ReadonlyArray<Placement>
  readonly assignments: ReadonlyArray<Assignment>
}

/** One way a grid tree fails "横到边、纵到底、无缝隙、无缺口" (G二, SPEC G-1). */
export type CoverageDefect = Data.TaggedEnum<{
  UnitWithoutSmallGrid: { readonly unitId: UnitId }
  UnitInSeveralSmallGrids: { readonly unitId: UnitId; readonly gridIds: ReadonlyArray<GridId> }
  PlacementInNonSmallGrid: { readonly unitId: UnitId; readonly gridId: GridId }
  GridWithoutFirstResponsible: { readonly gridId: GridId }
  GridWithSeveralFirstResponsible: { readonly gridId: GridId; readonly personIds: ReadonlyArray<PersonId> }
  SmallGridWithoutWorkGroup: { readonly gridId: GridId }
  GridUnderWrongParent: {
    readonly gridId: GridId
    readonly parentId: GridId | null
    readonly expected: GridLevel | null
  }
}>
export const CoverageDefect = Data.taggedEnum<CoverageDefect>()

export interface CoverageReport {
  readonly asOf: LocalDate
  readonly ok: boolean
  readonly defects: ReadonlyArray<CoverageDefect>
  readonly counts: Readonly<Record<GridLevel, number>> & { readonly units: number }
}

/** What level a grid's parent must have; a county has no parent. */
const PARENT_LEVEL: Record<GridLevel, GridLevel | null> = {
  county: null,
  large: "county",
  medium: "large",
  small: "medium",
}

/**
 * Lists every coverage defect of a grid tree on a date (G-1): units in no or several small grids, grids
 * without exactly one first-responsible person, small grids without a work group, grids hung under the
 * wrong level. An empty list proves coverage.
 */
export const checkCoverage = (tree: GridTree, asOf: LocalDate): CoverageReport => {
  const index = indexGrids(tree.grids)
  const defects: CoverageDefect[] = []

  for (const grid of tree.grids) {
    const parent = grid.parentId === null ? undefined : index.byId.get(grid.parentId)
    const expected = PARENT_LEVEL[grid.level]
    const parentLevel = parent?.level ?? null
    if (parentLevel !== expected || (grid.parentId !== null && parent === undefined)) {
      defects.push(
        CoverageDefect.GridUnderWrongParent({ gridId: grid.id, parentId: grid.parentId, expected }),
      )
    }
  }

  for (const grid of tree.grids) {
    const first = holdersOn(tree.assignments, grid.id, "firstResponsible", asOf)
    if (first.length === 0) defects.push(CoverageDefect.GridWithoutFirstResponsible({ gridId: grid.id }))
    else if (first.length > 1)
      defects.push(CoverageDefect.GridWithSeveralFirstResponsible({ gridId: grid.id, personIds: first }))
    if (grid.level === "small" && holdersOn(tree.assignments, grid.id, "workGroup", asOf).length === 0) {
      defects.push(CoverageDefect.SmallGridWithoutWorkGroup({ gridId: grid.id }))
    }
  }

  const zonesOfUnit = new Map<UnitId, GridId[]>()
  for (const p of tree.placements) {
    if (index.byId.get(p.gridId)?.level !== "small") {
      defects.push(CoverageDefect.PlacementInNonSmallGrid({ unitId: p.unitId, gridId: p.gridId }))
      continue
    }
    const zones = zonesOfUnit.get(p.unitId) ?? []
    if (!zones.includes(p.gridId)) zones.push(p.gridId)
    zonesOfUnit.set(p.unitId, zones)
  }
  for (const unit of tree.units) {
    const zones = zonesOfUnit.get(unit.id) ?? []
    if (zones.length === 0) defects.push(CoverageDefect.UnitWithoutSmallGrid({ unitId: unit.id }))
    else if (zones.length > 1)
      defects.push(CoverageDefect.UnitInSeveralSmallGrids({ unitId: unit.id, gridIds: zones }))
  }

  const counts = { county: 0, large: 0, medium: 0, small: 0, units: tree.units.length }
  for (const g of tree.grids) counts[g.level]++
  return { asOf, ok: defects.length === 0, defects, counts }
}

/** A sentence in Chinese for each defect, for pages and reports. */
export const describeDefect = (defect: CoverageDefect, names: (id: string) => string = (id) => id): string =>
  CoverageDefect.$match(defect, {
    UnitWithoutSmallGrid: ({ unitId }) => `单位「${names(unitId)}」未划入任何责任片区`,
    UnitInSeveralSmallGrids: ({ unitId, gridIds }) =>
      `单位「${names(unitId)}」同时划入 ${gridIds.length} 个责任片区：${gridIds.map(names).join("、")}`,
    PlacementInNonSmallGrid: ({ unitId, gridId }) =>
      `单位「${names(unitId)}」挂在非责任片区网格「${names(gridId)}」下`,
    GridWithoutFirstResponsible: ({ gridId }) => `网格「${names(gridId)}」没有第一责任人`,
    GridWithSeveralFirstResponsible: ({ gridId, personIds }) =>
      `网格「${names(gridId)}」有 ${personIds.length} 名第一责任人，应只有一名`,
    SmallGridWithoutWorkGroup: ({ gridId }) => `责任片区「${names(gridId)}」没有工作组`,
    GridUnderWrongParent: ({ gridId, expected }) =>
      expected === null
        ? `网格「${names(gridId)}」是县级网格，不应有上级`
        : `网格「${names(gridId)}」的上级应为${LEVEL_NAME[expected]}网格`,
  })

const LEVEL_NAME: Record<GridLevel, string> = { county: "县级", large: "大", medium: "中", small: "小" }
