import type { GridId, HazardCategory } from "@firegrid/domain"
import { eq } from "drizzle-orm"
import type { Database } from "../database.ts"
import { grids, tips } from "../schema.ts"

export interface NewTip {
  readonly id: string
  readonly trackingCode: string
  readonly gridId: GridId
  readonly category: HazardCategory
  readonly description: string
  readonly address: string | null
  readonly contact: string | null
}

/** What a filer may see of a tip: no contact, nothing about other tips. */
export interface TipStatusView {
  readonly trackingCode: string
  readonly status: string
  readonly category: HazardCategory
  readonly description: string
  readonly zoneName: string
  readonly filedAt: Date
  readonly updatedAt: Date
}

export const insertTip = async (db: Database, tip: NewTip): Promise<{ filedAt: Date }> => {
  const [row] = await db.insert(tips).values(tip).returning({ filedAt: tips.filedAt })
  return { filedAt: row!.filedAt }
}

export const findTipByCode = async (
  db: Database,
  trackingCode: string,
): Promise<TipStatusView | undefined> => {
  const [row] = await db
    .select({
      trackingCode: tips.trackingCode,
      status: tips.status,
      category: tips.category,
      description: tips.description,
      zoneName: grids.name,
      filedAt: tips.filedAt,
      updatedAt: tips.updatedAt,
    })
    .from(tips)
    .innerJoin(grids, eq(grids.id, tips.gridId))
    .where(eq(tips.trackingCode, trackingCode))
  return row
}

export const countTips = async (db: Database): Promise<number> =>
  (await db.select({ id: tips.id }).from(tips)).length
