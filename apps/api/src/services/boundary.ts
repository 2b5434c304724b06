import type { Boundary } from "@firegrid/domain"

/** Enough for a village's outline drawn by hand or traced from a survey; more is a wrong file. */
const MAX_POSITIONS = 5000
const MAX_RINGS = 50

type Position = readonly [number, number]

const same = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1]

/** Twice the signed area (shoelace); zero for a ring that encloses nothing. */
const twiceArea = (ring: ReadonlyArray<Position>) => {
  let sum = 0
  for (let i = 0; i < ring.length - 1; i++)
    sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1]
  return sum
}

const orientation = (p: Position, q: Position, r: Position) =>
  Math.sign((q[1] - p[1]) * (r[0] - q[0]) - (q[0] - p[0]) * (r[1] - q[1]))

const segmentsCross = (a: Position, b: Position, c: Position, d: Position) =>
  orientation(a, b, c) * orientation(a, b, d) < 0 && orientation(c, d, a) * orientation(c, d, b) < 0

/** The first pair of non-adjacent edges that cross, as edge numbers, or null for a simple ring. */
const selfCrossing = (ring: ReadonlyArray<Position>): readonly [number, number] | null => {
  const edges = ring.length - 1
  for (let i = 0; i < edges; i++)
    for (let j = i + 2; j < edges; j++) {
      if (i === 0 && j === edges - 1) continue
      if (segmentsCross(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!)) return [i + 1, j + 1]
    }
  return null
}

/**
 * Why a GeoJSON polygon cannot be a grid's boundary, or null when it can: coverage's gap and overlap
 * checks (G-1) and tip routing (T-2) both trust it to be closed rings of real coordinates that do not
 * cross themselves.
 */
export const boundaryProblem = (boundary: Boundary): string | null => {
  const rings = boundary.coordinates
  if (rings.length === 0) return "边界至少需要一个外环"
  if (rings.length > MAX_RINGS) return `边界的环不能超过 ${MAX_RINGS} 个`
  if (rings.reduce((n, r) => n + r.length, 0) > MAX_POSITIONS) return `边界的点不能超过 ${MAX_POSITIONS} 个`
  for (const [k, ring] of rings.entries()) {
    const which = k === 0 ? "外环" : `第 ${k} 个内环`
    if (ring.length < 4) return `${which}至少需要 4 个点（首尾相同）`
    const bad = ring.findIndex(
      ([lon, lat]) =>
        !Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90,
    )
    if (bad >= 0) return `${which}第 ${bad + 1} 个点不是有效的经纬度`
    if (!same(ring[0]!, ring.at(-1)!)) return `${which}未闭合：首尾两点应相同`
    const crossing = selfCrossing(ring)
    if (crossing) return `${which}自相交：第 ${crossing[0]} 条边与第 ${crossing[1]} 条边交叉`
    if (twiceArea(ring) === 0) return `${which}面积为零`
  }
  return null
}
