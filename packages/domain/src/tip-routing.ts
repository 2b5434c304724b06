import { Data, Either } from "effect"
import type { Boundary, Grid } from "./grid.ts"
import type { GridId } from "./ids.ts"

/** Where the filer says the hazard is: a zone picked from the lists, a point on a map, or both. */
export interface TipPlace {
  readonly gridId?: GridId | undefined
  /** lon, lat */
  readonly point?: readonly [number, number] | undefined
}

export class UnknownGrid extends Data.TaggedError("UnknownGrid")<{ readonly gridId: GridId }> {
  override get message() {
    return `网格 ${this.gridId} 不存在`
  }
}
export class NotASmallGrid extends Data.TaggedError("NotASmallGrid")<{ readonly gridId: GridId }> {
  override get message() {
    return "请选择到责任片区（小网格）一级"
  }
}
export class OutsideEveryGrid extends Data.TaggedError("OutsideEveryGrid")<{
  readonly point: readonly [number, number]
}> {
  override get message() {
    return "所选位置不在任何责任片区内，请改为从列表中选择"
  }
}
export type TipRoutingError = UnknownGrid | NotASmallGrid | OutsideEveryGrid

/** Even-odd ray casting over the outer ring and holes of a GeoJSON polygon. */
export const pointInPolygon = ([x, y]: readonly [number, number], boundary: Boundary): boolean => {
  let inside = false
  for (const ring of boundary.coordinates) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!
      const [xj, yj] = ring[j]!
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
    }
  }
  return inside
}

/**
 * Decides which small grid a public tip belongs to (T-2). A point is asked first, as FixMyStreet asks
 * "which areas contain this point?": it wins over a picked zone because filers pick wrongly more often
 * than GPS does. Without a usable point, the picked zone must exist and be a small grid.
 */
export const routeTip = (
  grids: ReadonlyArray<Grid>,
  place: TipPlace,
): Either.Either<GridId, TipRoutingError> => {
  if (place.point) {
    const containing = grids.filter(
      (g) => g.level === "small" && g.boundary && pointInPolygon(place.point!, g.boundary),
    )
    if (containing.length > 0) return Either.right(containing.map((g) => g.id).sort()[0]!)
    if (!place.gridId) return Either.left(new OutsideEveryGrid({ point: place.point }))
  }
  if (!place.gridId) return Either.left(new UnknownGrid({ gridId: "" as GridId }))
  const grid = grids.find((g) => g.id === place.gridId)
  if (!grid) return Either.left(new UnknownGrid({ gridId: place.gridId }))
  if (grid.level !== "small") return Either.left(new NotASmallGrid({ gridId: place.gridId }))
  return Either.right(grid.id)
}
