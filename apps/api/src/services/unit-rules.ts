import type { Grid, GridId } from "@firegrid/domain"
import { Either } from "effect"

/**
 * The units' rules shared by the ledger's forms and the bulk import, so a unit that one refuses the
 * other refuses too, with the same words.
 */

/** The county's bounding box, roughly China's: a point outside is a typo or swapped coordinates. */
const LON: readonly [number, number] = [73.5, 135.1]
const LAT: readonly [number, number] = [3.8, 53.6]
const within = (x: number, [lo, hi]: readonly [number, number]) => x >= lo && x <= hi

/** Why a (lon, lat) cannot be a unit's position in China, or null when it can. */
export const locationProblem = (
  lon: number,
  lat: number,
): { field: "lon" | "lat"; message: string } | null => {
  if (!within(lon, LON) && within(lon, LAT) && within(lat, LON))
    return { field: "lon", message: "经度与纬度似乎填反了（经度约 73–135，纬度约 4–54）" }
  if (!within(lon, LON)) return { field: "lon", message: `经度应在 ${LON[0]} 到 ${LON[1]} 之间` }
  if (!within(lat, LAT)) return { field: "lat", message: `纬度应在 ${LAT[0]} 到 ${LAT[1]} 之间` }
  return null
}

/** The zones a unit may be placed in by this account: small grids in its subtree. */
export interface ZoneScope {
  readonly grids: ReadonlyArray<Grid>
  readonly scopeIds: ReadonlySet<string>
}

/**
 * A zone written in a sheet: its grid code (as the template lists it), its id, or its name; a name
 * shared by several zones must be written as a code. Refused: unknown, not a zone, outside my scope.
 */
export const resolveZone = (text: string, { grids, scopeIds }: ZoneScope): Either.Either<GridId, string> => {
  const exact = grids.filter((g) => g.code === text || g.id === text)
  const candidates = exact.length > 0 ? exact : grids.filter((g) => g.name === text)
  if (candidates.length === 0) return Either.left(`责任片区「${text}」不存在`)
  const mine = candidates.filter((g) => g.level === "small" && scopeIds.has(g.id))
  if (candidates.length > 1 && mine.length !== 1)
    return Either.left(`有多个网格名为「${text}」，请改填片区编码`)
  const zone = candidates.length > 1 ? mine[0]! : candidates[0]!
  if (zone.level !== "small")
    return Either.left(`「${zone.name}」不是责任片区（小网格），单位只能登记到责任片区`)
  if (!scopeIds.has(zone.id)) return Either.left(`责任片区「${zone.name}」不在您的管辖范围内`)
  return Either.right(zone.id)
}

export const duplicateNameMessage = (name: string, zoneName: string) =>
  `责任片区「${zoneName}」已有名为「${name}」的单位`
