import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { type Boundary, buildDemoCounty, Grid, type GridId, pointInPolygon, routeTip } from "../src/index.ts"

const square = (x0: number, y0: number, size: number): Boundary => ({
  type: "Polygon",
  coordinates: [
    [
      [x0, y0],
      [x0 + size, y0],
      [x0 + size, y0 + size],
      [x0, y0 + size],
      [x0, y0],
    ],
  ],
})

describe("routing a public tip to its small grid (T-2)", () => {
  const { grids } = buildDemoCounty()

  it("accepts a picked zone", () => {
    expect(routeTip(grids, { gridId: "v03-z2" as GridId })).toEqual(Either.right("v03-z2"))
  })

  it("refuses a village or an unknown grid with a message for the filer", () => {
    const village = routeTip(grids, { gridId: "v03" as GridId })
    expect(Either.isLeft(village) && village.left._tag).toBe("NotASmallGrid")
    const unknown = routeTip(grids, { gridId: "nowhere" as GridId })
    expect(Either.isLeft(unknown) && unknown.left.message).toContain("不存在")
  })

  it("prefers the zone whose boundary contains the point over the picked one", () => {
    const mapped = [
      ...grids.filter((g) => g.id !== "v01-z1" && g.id !== "v01-z2"),
      Grid.make({ ...grids.find((g) => g.id === "v01-z1")!, boundary: square(113.1, 34.4, 0.01) }),
      Grid.make({ ...grids.find((g) => g.id === "v01-z2")!, boundary: square(113.11, 34.4, 0.01) }),
    ]
    expect(routeTip(mapped, { gridId: "v01-z1" as GridId, point: [113.115, 34.405] })).toEqual(
      Either.right("v01-z2"),
    )
    // A point outside every mapped zone falls back to the picked zone …
    expect(routeTip(mapped, { gridId: "v01-z1" as GridId, point: [100, 30] })).toEqual(Either.right("v01-z1"))
    // … and without one the filer is asked to pick.
    const lost = routeTip(mapped, { point: [100, 30] })
    expect(Either.isLeft(lost) && lost.left._tag).toBe("OutsideEveryGrid")
  })

  it("treats a hole in a polygon as outside", () => {
    const withHole: Boundary = {
      type: "Polygon",
      coordinates: [square(0, 0, 10).coordinates[0]!, square(4, 4, 2).coordinates[0]!],
    }
    expect(pointInPolygon([1, 1], withHole)).toBe(true)
    expect(pointInPolygon([5, 5], withHole)).toBe(false)
  })
})
