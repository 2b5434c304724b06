import type { AdminRole } from "@firegrid/domain"

/**
 * Who keeps the grid ledgers — the tree, its people and its units (五(一), G二(三)): the county and
 * township offices, village committees, and zone leaders for their own zone. Inspectors, the fire
 * brigade and police read the ledgers and record what they find; they do not redraw them.
 */
export const LEDGER_KEEPERS: ReadonlyArray<AdminRole> = [
  "countyAdmin",
  "townshipAdmin",
  "villageAdmin",
  "zoneLeader",
]

/** Who may change the grid tree itself: the county anywhere, a township within its own area. */
export const TREE_KEEPERS: ReadonlyArray<AdminRole> = ["countyAdmin", "townshipAdmin"]
