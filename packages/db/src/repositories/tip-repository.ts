import type { GridId, HazardCategory } from "@firegrid/domain"
import { eq } from "drizzle-orm"
import { appendAudit } from "../archive.ts"
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

/** Stores a tip and its archive event in one transaction: either both are there or neither. */
export const insertTip = async (db: Database, tip: NewTip, at: Date): Promise<{ filedAt: Date }> =>
  db.transaction(async (tx) => {
    await tx.insert(tips).values({ ...tip, filedAt: at, updatedAt: at })
    // The archive keeps what was filed but not who filed it: the contact stays in the tip row only.
    const { contact: _contact, ...archived } = tip
    await appendAudit(tx, {
      at,
      actor: "public",
      action: "tip.file",
      subjectType: "tip",
      subjectId: tip.id,
      gridId: tip.gridId,
      after: archived,
    })
    return { filedAt: at }
  })

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
