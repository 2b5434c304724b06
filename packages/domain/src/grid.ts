import { Schema } from "effect"
import { GridId } from "./ids.ts"

/**
 * 网格 levels under a county (五(一)): large = township/town/sub-district 乡镇办事处,
 * medium = administrative village or community 行政村/社区, small = responsibility zone 责任片区.
 */
export const GridLevel = Schema.Literal("county", "large", "medium", "small")
export type GridLevel = typeof GridLevel.Type

export const GRID_LEVEL_LABEL: Record<GridLevel, string> = {
  county: "县",
  large: "大网格（乡镇）",
  medium: "中网格（村/社区）",
  small: "小网格（责任片区）",
}

/** The level a grid's children must have; small grids have none. */
export const CHILD_LEVEL: Record<GridLevel, GridLevel | null> = {
  county: "large",
  large: "medium",
  medium: "small",
  small: null,
}

/** A polygon boundary as GeoJSON coordinates (lon, lat); optional: unit coverage never depends on it. */
export const Boundary = Schema.Struct({
  type: Schema.Literal("Polygon"),
  coordinates: Schema.Array(Schema.Array(Schema.Tuple(Schema.Number, Schema.Number))),
})
export type Boundary = typeof Boundary.Type

export class Grid extends Schema.Class<Grid>("Grid")({
  id: GridId,
  parentId: Schema.NullOr(GridId),
  level: GridLevel,
  name: Schema.NonEmptyTrimmedString,
  /** Grid code: district code + township + village + sequence (see REFERENCE.md). */
  code: Schema.String,
  /** Where the zone is and what it covers, as posted on the zone's sign (G二(三)1(3)). */
  location: Schema.optional(Schema.String),
  boundary: Schema.optional(Boundary),
}) {}

/** Read-only index over a list of grids: children, ancestors and subtrees. */
export interface GridIndex {
  readonly byId: ReadonlyMap<GridId, Grid>
  readonly children: (id: GridId) => ReadonlyArray<Grid>
  /** The grid's ancestors, nearest first (parent, grandparent, …, county). */
  readonly ancestors: (id: GridId) => ReadonlyArray<Grid>
  /** The grid and everything below it. */
  readonly subtree: (id: GridId) => ReadonlyArray<Grid>
  readonly roots: ReadonlyArray<Grid>
}

export const indexGrids = (grids: ReadonlyArray<Grid>): GridIndex => {
  const byId = new Map(grids.map((g) => [g.id, g] as const))
  const childrenOf = new Map<GridId, Grid[]>()
  const roots: Grid[] = []
  for (const g of grids) {
    if (g.parentId === null || !byId.has(g.parentId)) roots.push(g)
    else {
      const list = childrenOf.get(g.parentId)
      if (list) list.push(g)
      else childrenOf.set(g.parentId, [g])
    }
  }
  const children = (id: GridId) => childrenOf.get(id) ?? []
  const ancestors = (id: GridId) => {
    const out: Grid[] = []
    const seen = new Set<GridId>([id])
    let parentId = byId.get(id)?.parentId ?? null
    while (parentId !== null && !seen.has(parentId)) {
      const parent = byId.get(parentId)
      if (!parent) break
      out.push(parent)
      seen.add(parentId)
      parentId = parent.parentId
    }
    return out
  }
  const subtree = (id: GridId) => {
    const start = byId.get(id)
    if (!start) return []
    const out: Grid[] = []
    const stack = [start]
    const seen = new Set<GridId>()
    while (stack.length > 0) {
      const g = stack.pop()!
      if (seen.has(g.id)) continue
      seen.add(g.id)
      out.push(g)
      stack.push(...children(g.id))
    }
    return out
  }
  return { byId, children, ancestors, subtree, roots }
}

/** True when `inner` is `outer` or lies below it. */
export const isWithin = (index: GridIndex, inner: GridId, outer: GridId): boolean =>
  inner === outer || index.ancestors(inner).some((g) => g.id === outer)
