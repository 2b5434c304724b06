import { asc, eq, like } from "drizzle-orm"
import { appendAudit } from "../archive.ts"
import type { Database } from "../database.ts"
import { settings } from "../schema.ts"

/**
 * County configuration kept as data (escalation policy, calendar years, rollout records …): one jsonb value
 * per key. Callers decode values with the domain's schemas; this module only stores and archives them.
 */
export const getSetting = async (db: Database, key: string): Promise<unknown | undefined> => {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key))
  return row?.value
}

/** Every setting whose key starts with `prefix`, in key order. */
export const listSettings = async (
  db: Database,
  prefix: string,
): Promise<ReadonlyArray<{ readonly key: string; readonly value: unknown; readonly updatedAt: Date }>> =>
  db
    .select({ key: settings.key, value: settings.value, updatedAt: settings.updatedAt })
    .from(settings)
    .where(like(settings.key, `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`))
    .orderBy(asc(settings.key))

export interface SettingChange {
  readonly key: string
  readonly value: unknown
  readonly at: Date
  readonly actor: string
  /** The archive action, e.g. `calendar.supplyYear`. */
  readonly action: string
  readonly gridId?: string | null
}

/** Writes a setting and archives the value it replaced (A-1: before/after), in one transaction. */
export const putSetting = async (db: Database, change: SettingChange): Promise<void> =>
  db.transaction(async (tx) => {
    const [before] = await tx
      .select({ value: settings.value })
      .from(settings)
      .where(eq(settings.key, change.key))
      .for("update")
    await tx
      .insert(settings)
      .values({ key: change.key, value: change.value, updatedAt: change.at })
      .onConflictDoUpdate({ target: settings.key, set: { value: change.value, updatedAt: change.at } })
    await appendAudit(tx, {
      at: change.at,
      actor: change.actor,
      action: change.action,
      subjectType: "setting",
      subjectId: change.key,
      gridId: change.gridId ?? null,
      before: before?.value ?? null,
      after: change.value,
    })
  })
