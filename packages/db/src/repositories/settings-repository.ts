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

/**
 * Changes a setting from its current value in one transaction, the row locked so that two writers at once
 * cannot lose each other's change (a read-then-`putSetting` could). `change` sees the value (undefined when
 * there is none yet) and returns the new one; if it throws, nothing is written. The archive gets before/after.
 */
export const changeSetting = async <A>(
  db: Database,
  meta: Omit<SettingChange, "value">,
  change: (before: unknown | undefined) => { readonly value: unknown; readonly result: A },
): Promise<A> =>
  db.transaction(async (tx) => {
    // A missing row cannot be locked: claim the key first (a concurrent claimer waits for us to commit).
    const claimed = await tx
      .insert(settings)
      .values({ key: meta.key, value: {}, updatedAt: meta.at })
      .onConflictDoNothing()
      .returning({ key: settings.key })
    const [row] = await tx
      .select({ value: settings.value })
      .from(settings)
      .where(eq(settings.key, meta.key))
      .for("update")
    const before = claimed.length > 0 ? undefined : row?.value
    const { value, result } = change(before)
    await tx.update(settings).set({ value, updatedAt: meta.at }).where(eq(settings.key, meta.key))
    await appendAudit(tx, {
      at: meta.at,
      actor: meta.actor,
      action: meta.action,
      subjectType: "setting",
      subjectId: meta.key,
      gridId: meta.gridId ?? null,
      before: before ?? null,
      after: value,
    })
    return result
  })
