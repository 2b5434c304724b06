import { type DepartmentKind, Escalation } from "@firegrid/domain"
import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm"
import { Schema } from "effect"
import { appendAudit, type Transaction } from "../archive.ts"
import { type Database, rowsOf } from "../database.ts"
import { escalations } from "../schema.ts"

const encode = Schema.encodeSync(Escalation)
const decode = Schema.decodeUnknownSync(Escalation)

// Any constant, the same in every API instance: whoever holds it is the one sweeping right now.
const SWEEP_LOCK = 0x73776570

/**
 * Runs `work` in one transaction holding the sweep's advisory lock, or returns `{ ran: false }` at once
 * when another instance holds it. The lock is transaction-scoped, so it is released when the transaction
 * ends, whatever happens, and it lives on the transaction's own connection.
 */
export const withSweepLock = async <A>(
  db: Database,
  work: (tx: Transaction) => Promise<A>,
): Promise<{ readonly ran: true; readonly result: A } | { readonly ran: false }> =>
  db.transaction(async (tx) => {
    const [row] = rowsOf<{ locked: boolean }>(
      await tx.execute(sql`select pg_try_advisory_xact_lock(${SWEEP_LOCK}) as locked`),
    )
    if (!row?.locked) return { ran: false as const }
    return { ran: true as const, result: await work(tx) }
  })

const CHUNK = 200

/**
 * Inserts the escalations not recorded yet (the id is derived from trigger and subject, so ON CONFLICT DO
 * NOTHING makes a second recording impossible, even by a concurrent sweep) and archives each new one.
 * Returns the ones this call inserted.
 */
export const recordEscalations = async (
  tx: Transaction,
  computed: ReadonlyArray<Escalation>,
  at: Date,
  actor: string,
): Promise<ReadonlyArray<Escalation>> => {
  const inserted = new Set<string>()
  for (let i = 0; i < computed.length; i += CHUNK) {
    const part = computed.slice(i, i + CHUNK)
    const rows = await tx
      .insert(escalations)
      .values(
        part.map((e) => ({
          id: e.id,
          trigger: e.trigger,
          fromGridId: e.fromGridId,
          triggeredOn: e.triggeredOn,
          dueOn: e.dueOn,
          doc: encode(e),
          recordedAt: at,
        })),
      )
      .onConflictDoNothing({ target: escalations.id })
      .returning({ id: escalations.id })
    for (const r of rows) inserted.add(r.id)
  }
  const fresh = computed.filter((e) => inserted.has(e.id))
  for (const e of fresh)
    await appendAudit(tx, {
      at,
      actor,
      action: `escalation.${e.trigger}`,
      subjectType: "escalation",
      subjectId: e.id,
      gridId: e.fromGridId,
      after: encode(e),
    })
  return fresh
}

/** Who is asking for escalations: grids (from or to them), or a department for its area. */
export type EscalationAudience =
  | { readonly _tag: "Grids"; readonly gridIds: ReadonlyArray<string> }
  | {
      readonly _tag: "Department"
      readonly kind: DepartmentKind
      readonly areaGridIds: ReadonlyArray<string>
    }

const target = (field: string) => sql`${escalations.doc}->'to'->>${field}`

/**
 * Escalations an audience may see, newest first: for grids, those raised from them or addressed to them
 * (a grid, or a department or joint meeting of a township among them); for a department, those
 * addressed to its kind in its area.
 */
export const listEscalations = async (
  db: Database,
  audience: EscalationAudience,
): Promise<ReadonlyArray<Escalation>> => {
  const ids = audience._tag === "Grids" ? audience.gridIds : audience.areaGridIds
  if (ids.length === 0) return []
  const list = [...ids]
  const where =
    audience._tag === "Grids"
      ? or(
          inArray(escalations.fromGridId, list),
          and(eq(target("_tag"), "Grid"), inArray(target("gridId"), list)),
          and(eq(target("_tag"), "Department"), inArray(target("forGridId"), list)),
          and(eq(target("_tag"), "JointMeeting"), inArray(target("townshipId"), list)),
        )
      : and(
          eq(target("_tag"), "Department"),
          eq(target("kind"), audience.kind),
          inArray(target("forGridId"), list),
        )
  const rows = await db
    .select({ doc: escalations.doc })
    .from(escalations)
    .where(where)
    .orderBy(desc(escalations.triggeredOn), asc(escalations.id))
  return rows.map((r) => decode(r.doc))
}

export const loadAllEscalations = async (db: Database): Promise<ReadonlyArray<Escalation>> =>
  (await db.select({ doc: escalations.doc }).from(escalations).orderBy(asc(escalations.id))).map((r) =>
    decode(r.doc),
  )

export const countEscalations = async (db: Database): Promise<number> => {
  const [row] = rowsOf<{ n: number | string }>(await db.execute(sql`select count(*) as n from escalations`))
  return Number(row?.n ?? 0)
}
