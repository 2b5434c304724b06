import { createHash } from "node:crypto"
import { asc, desc, sql } from "drizzle-orm"
import type { Database } from "./database.ts"
import { auditEvents } from "./schema.ts"

/** The transaction type of either engine; appends must share the caller's transaction (A-1). */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0]

export interface AuditInput {
  readonly at: Date
  /** Account id, `public` for an anonymous filer, or `system:<job>` for the sweep. */
  readonly actor: string
  readonly action: string
  readonly subjectType: string
  readonly subjectId: string
  readonly gridId?: string | null
  readonly before?: unknown
  readonly after?: unknown
}

export const GENESIS_HASH = "0".repeat(64)
// Any constant works; it only has to be the same for every writer so appends queue up behind each other.
const ARCHIVE_LOCK = 0x66697265

/** JSON with object keys sorted at every depth, so jsonb's own key order cannot change a hash. */
const canonical = (value: unknown): string => {
  if (value === null || value === undefined) return "null"
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`
  }
  return JSON.stringify(value)
}

interface HashedFields {
  readonly seq: number
  readonly at: string
  readonly actor: string
  readonly action: string
  readonly subjectType: string
  readonly subjectId: string
  readonly gridId: string | null
  readonly before: unknown
  readonly after: unknown
  readonly prevHash: string
}

export const eventHash = (e: HashedFields): string =>
  createHash("sha256")
    .update(
      canonical([
        e.seq,
        e.at,
        e.actor,
        e.action,
        e.subjectType,
        e.subjectId,
        e.gridId,
        e.before,
        e.after,
        e.prevHash,
      ]),
    )
    .digest("hex")

/**
 * Appends one event to the archive inside the caller's transaction. A transaction-scoped advisory lock
 * makes appends take turns, so sequence numbers have no gaps and every event links to the one before.
 */
export const appendAudit = async (
  tx: Transaction,
  input: AuditInput,
): Promise<{ seq: number; hash: string }> => {
  await tx.execute(sql`select pg_advisory_xact_lock(${ARCHIVE_LOCK})`)
  const [last] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1)
  const fields: HashedFields = {
    seq: (last?.seq ?? 0) + 1,
    at: input.at.toISOString(),
    actor: input.actor,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    gridId: input.gridId ?? null,
    // Round-trip through JSON so what is hashed is exactly what jsonb will give back.
    before: input.before === undefined ? null : JSON.parse(JSON.stringify(input.before)),
    after: input.after === undefined ? null : JSON.parse(JSON.stringify(input.after)),
    prevHash: last?.hash ?? GENESIS_HASH,
  }
  const hash = eventHash(fields)
  await tx.insert(auditEvents).values({ ...fields, hash })
  return { seq: fields.seq, hash }
}

export type ArchiveProblem =
  | { readonly kind: "altered"; readonly seq: number; readonly message: string }
  | { readonly kind: "removed"; readonly seq: number; readonly message: string }
  | { readonly kind: "reordered"; readonly seq: number; readonly message: string }
  | { readonly kind: "truncated"; readonly seq: number; readonly message: string }

export interface ArchiveVerification {
  readonly ok: boolean
  readonly events: number
  readonly head: string
  readonly problems: ReadonlyArray<ArchiveProblem>
}

/**
 * Walks the whole chain and names every event that was altered, removed or moved. Removing the newest
 * events leaves a valid shorter chain; pass a head hash recorded earlier (`expectedHead`) to catch that.
 */
export const verifyArchive = async (
  db: Database,
  options: { readonly expectedHead?: { readonly seq: number; readonly hash: string } } = {},
): Promise<ArchiveVerification> => {
  const rows = await db.select().from(auditEvents).orderBy(asc(auditEvents.seq))
  const problems: ArchiveProblem[] = []
  let expectedSeq = 1
  let prevHash = GENESIS_HASH
  for (const row of rows) {
    if (row.seq !== expectedSeq) {
      problems.push({
        kind: "removed",
        seq: expectedSeq,
        message: `第 ${expectedSeq}–${row.seq - 1} 条档案记录缺失（events ${expectedSeq}–${row.seq - 1} removed)`,
      })
    } else if (row.prevHash !== prevHash) {
      problems.push({
        kind: "reordered",
        seq: row.seq,
        message: `第 ${row.seq} 条档案记录与前一条不相接，记录被移动或插入（event ${row.seq} does not follow ${row.seq - 1})`,
      })
    }
    const recomputed = eventHash({ ...row, before: row.before ?? null, after: row.after ?? null })
    if (recomputed !== row.hash) {
      problems.push({
        kind: "altered",
        seq: row.seq,
        message: `第 ${row.seq} 条档案记录（${row.action} ${row.subjectType} ${row.subjectId}）内容被改动（event ${row.seq} altered)`,
      })
    }
    expectedSeq = row.seq + 1
    prevHash = row.hash
  }
  const head = rows.at(-1)
  const anchor = options.expectedHead
  if (anchor) {
    const atAnchor = rows.find((r) => r.seq === anchor.seq)
    if (!atAnchor)
      problems.push({
        kind: "truncated",
        seq: anchor.seq,
        message: `已记录的第 ${anchor.seq} 条档案记录不存在，档案被截短（archive truncated before event ${anchor.seq})`,
      })
    else if (atAnchor.hash !== anchor.hash)
      problems.push({
        kind: "altered",
        seq: anchor.seq,
        message: `第 ${anchor.seq} 条档案记录与已记录的摘要不符（event ${anchor.seq} differs from the recorded head)`,
      })
  }
  return { ok: problems.length === 0, events: rows.length, head: head?.hash ?? GENESIS_HASH, problems }
}
