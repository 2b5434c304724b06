import { type Grid, indexGrids } from "@firegrid/domain"

/**
 * Zones as pickers show them (Open311's zone attribute, the import template): the official grid code as
 * the key (stable and public) and the township before the zone's name, since zone names repeat across
 * townships.
 */
export const zoneChoices = (grids: ReadonlyArray<Grid>) => {
  const index = indexGrids(grids)
  return grids
    .filter((g) => g.level === "small")
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((zone) => {
      const township = index.ancestors(zone.id).find((g) => g.level === "large")
      return { key: zone.code, name: township ? `${township.name} ${zone.name}` : zone.name }
    })
}
