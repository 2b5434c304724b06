import type { Boundary, GridLevel } from "@firegrid/domain"
import { eq } from "drizzle-orm"
import { appendAudit } from "../archive.ts"
import type { Database } from "../database.ts"
import { grids } from "../schema.ts"

/** A grid's row as the tree's keepers change it. */
export interface GridRecord {
  readonly id: string
  readonly parentId: string | null
  readonly level: GridLevel
  readonly name: string
  readonly code: string
  readonly location: string | null
  readonly boundary: Boundary | null
}

export const findGridRecord = async (db: Database, id: string): Promise<GridRecord | undefined> => {
  const [row] = await db.select().from(grids).where(eq(grids.id, id))
  return row && { ...row, boundary: row.boundary as Boundary | null }
}

export const findGridByCode = async (db: Database, code: string): Promise<GridRecord | undefined> => {
  const [row] = await db.select().from(grids).where(eq(grids.code, code))
  return row && { ...row, boundary: row.boundary as Boundary | null }
}

/** Adds a grid to the tree with its archive event (G-1). A taken code is refused by the unique index. */
export const insertGrid = async (db: Database, grid: GridRecord, at: Date, actor: string): Promise<void> =>
  db.transaction(async (tx) => {
    await tx.insert(grids).values(grid)
    await appendAudit(tx, {
      at,
      actor,
      action: "grid.create",
      subjectType: "grid",
      subjectId: grid.id,
      gridId: grid.id,
      after: grid,
    })
  })

export type GridChange = Partial<Pick<GridRecord, "name" | "location" | "boundary" | "parentId">>

/**
 * Changes a grid (name, sign text, boundary or parent), archiving what it was and what it became under
 * `action` (grid.rename, grid.setBoundary, grid.move). Returns false when the grid is gone.
 */
export const updateGrid = async (
  db: Database,
  id: string,
  change: GridChange,
  action: string,
  at: Date,
  actor: string,
): Promise<boolean> =>
  db.transaction(async (tx) => {
    const [before] = await tx.select().from(grids).where(eq(grids.id, id)).for("update")
    if (!before) return false
    await tx.update(grids).set(change).where(eq(grids.id, id))
    const keys = Object.keys(change) as Array<keyof GridChange>
    await appendAudit(tx, {
      at,
      actor,
      action,
      subjectType: "grid",
      subjectId: id,
      gridId: id,
      before: Object.fromEntries(keys.map((k) => [k, before[k] ?? null])),
      after: Object.fromEntries(keys.map((k) => [k, change[k] ?? null])),
    })
    return true
  })
