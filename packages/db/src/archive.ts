import { createHash } from "node:crypto"
import { and, asc, desc, gte, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm"
import { type Database, rowsOf } from "./database.ts"
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
// One sealer at a time across every API instance; writers never take it.
const SEALER_LOCK = 0x66697265

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex")

/** JSON with object keys sorted at every depth, so jsonb's own key order cannot change a hash. */
const canonical = (value: unknown): string => {
  if (value === null || value === undefined) return "null"
  if (Array.isArray(value)) {
    let out = "["
    for (let i = 0; i < value.length; i++) out += (i === 0 ? "" : ",") + canonical(value[i])
    return `${out}]`
  }
  if (typeof value === "object") {
    const record = value as Record<string, unknown>
    // Every tip, notice and roster change is hashed on its way in: plain loops, no intermediate arrays.
    const keys = Object.keys(record).sort()
    let out = "{"
    for (const key of keys) {
      const v = record[key]
      if (v === undefined) continue
      out += `${out === "{" ? "" : ","}${JSON.stringify(key)}:${canonical(v)}`
    }
    return `${out}}`
  }
  return JSON.stringify(value)
}

export interface EventContent {
  readonly at: string
  readonly actor: string
  readonly action: string
  readonly subjectType: string
  readonly subjectId: string
  readonly gridId: string | null
  readonly before: unknown
  readonly after: unknown
}

export const contentHashOf = (e: EventContent): string =>
  sha256(
    canonical([
      e.at,
      e.actor,
      e.action,
      e.subjectType,
      e.subjectId,
      e.gridId,
      e.before ?? null,
      e.after ?? null,
    ]),
  )

/** A link covers its position, the event's content and the link before it. */
export const linkHash = (chainPos: number, contentHash: string, prevHash: string): string =>
  sha256(`${chainPos}:${contentHash}:${prevHash}`)

/** What an event's hash covers, as it will read back from the database. */
export const auditContentOf = (input: AuditInput): EventContent => ({
  at: input.at.toISOString(),
  actor: input.actor,
  action: input.action,
  subjectType: input.subjectType,
  subjectId: input.subjectId,
  gridId: input.gridId ?? null,
  // Round-trip through JSON so what is hashed is exactly what jsonb will give back.
  before: input.before === undefined ? null : JSON.parse(JSON.stringify(input.before)),
  after: input.after === undefined ? null : JSON.parse(JSON.stringify(input.after)),
})

/**
 * Appends events to the archive inside the caller's transaction, each with the hash of its content, in
 * one statement. It takes no lock, so writers never queue behind each other; `sealArchive` links them
 * into the chain moments later, in the order of their sequence numbers (the order given here).
 */
export const appendAudits = async (tx: Transaction, inputs: ReadonlyArray<AuditInput>): Promise<void> => {
  if (inputs.length === 0) return
  await tx.insert(auditEvents).values(
    inputs.map((input) => {
      const content = auditContentOf(input)
      return { ...content, contentHash: contentHashOf(content) }
    }),
  )
}

/** Appends one event to the archive inside the caller's transaction; see `appendAudits`. */
export const appendAudit = (tx: Transaction, input: AuditInput): Promise<void> => appendAudits(tx, [input])

export interface SealResult {
  readonly sealed: number
  /** Events whose content no longer matches the hash written with them: never sealed, reported instead. */
  readonly refused: ReadonlyArray<number>
  /** False when another instance was sealing at that moment. */
  readonly ran: boolean
}

/**
 * Links every committed, unsealed event into the chain, in the order of their sequence numbers, under a
 * transaction-scoped advisory lock so that one instance seals at a time. An event committed late (a long
 * transaction with an older sequence number) simply gets the next position in a later round: positions
 * have no gaps, and nothing committed is ever left out.
 */
export const sealArchive = async (db: Database, batch = 5000): Promise<SealResult> =>
  db.transaction(async (tx) => {
    const [lock] = rowsOf<{ ok: boolean }>(
      await tx.execute(sql`select pg_try_advisory_xact_lock(${SEALER_LOCK}) as ok`),
    )
    if (!lock?.ok) return { sealed: 0, refused: [], ran: false }
    const [head] = await tx
      .select({ chainPos: auditEvents.chainPos, hash: auditEvents.hash })
      .from(auditEvents)
      .where(isNotNull(auditEvents.chainPos))
      .orderBy(desc(auditEvents.chainPos))
      .limit(1)
    const pending = await tx
      .select()
      .from(auditEvents)
      .where(isNull(auditEvents.chainPos))
      .orderBy(asc(auditEvents.seq))
      .limit(batch)
    let pos = head?.chainPos ?? 0
    let prev = head?.hash ?? GENESIS_HASH
    const refused: number[] = []
    const links: Array<{ seq: number; pos: number; contentHash: string; prev: string; hash: string }> = []
    for (const event of pending) {
      const actual = contentHashOf(event)
      // Legacy events (before the sealer) carry no content hash yet; any other mismatch is tampering.
      if (event.contentHash !== null && event.contentHash !== actual) {
        refused.push(event.seq)
        continue
      }
      pos++
      const hash = linkHash(pos, actual, prev)
      links.push({ seq: event.seq, pos, contentHash: actual, prev, hash })
      prev = hash
    }
    // One statement for the whole batch: the sealer runs beside the writers and should not add a round
    // trip per event to a busy database.
    if (links.length > 0)
      await tx.execute(sql`
        update audit_events as e
        set chain_pos = v.pos, content_hash = v.content_hash, prev_hash = v.prev_hash, hash = v.hash
        from (
          select * from unnest(
            ${`{${links.map((l) => l.seq).join(",")}}`}::bigint[],
            ${`{${links.map((l) => l.pos).join(",")}}`}::bigint[],
            ${`{${links.map((l) => l.contentHash).join(",")}}`}::text[],
            ${`{${links.map((l) => l.prev).join(",")}}`}::text[],
            ${`{${links.map((l) => l.hash).join(",")}}`}::text[]
          ) as t(seq, pos, content_hash, prev_hash, hash)
        ) as v
        where e.seq = v.seq`)
    return { sealed: links.length, refused, ran: true }
  })

export type ArchiveProblem =
  | { readonly kind: "altered"; readonly seq: number; readonly message: string }
  | { readonly kind: "removed"; readonly seq: number; readonly message: string }
  | { readonly kind: "reordered"; readonly seq: number; readonly message: string }
  | { readonly kind: "truncated"; readonly seq: number; readonly message: string }

export interface ArchiveVerification {
  readonly ok: boolean
  /** Events in the chain, and events written but not sealed yet. */
  readonly events: number
  readonly pending: number
  /** The last link, to be recorded elsewhere and passed back as `expectedHead` later. */
  readonly head: { readonly position: number; readonly hash: string }
  readonly problems: ReadonlyArray<ArchiveProblem>
}

const describe = (e: { seq: number; action: string; subjectType: string; subjectId: string }) =>
  `${e.action} ${e.subjectType} ${e.subjectId}`

/**
 * Walks the chain and names every event that was altered, removed or moved (by its sequence number), and
 * checks unsealed events against the hash written with them. Removing the newest links leaves a valid
 * shorter chain; pass a head recorded earlier (`expectedHead`) to catch that.
 */
export const verifyArchive = async (
  db: Database,
  options: { readonly expectedHead?: { readonly position: number; readonly hash: string } } = {},
): Promise<ArchiveVerification> => {
  const sealed = await db
    .select()
    .from(auditEvents)
    .where(isNotNull(auditEvents.chainPos))
    .orderBy(asc(auditEvents.chainPos))
  const pending = await db
    .select()
    .from(auditEvents)
    .where(isNull(auditEvents.chainPos))
    .orderBy(asc(auditEvents.seq))
  const problems: ArchiveProblem[] = []
  let expectedPos = 1
  let prev = GENESIS_HASH
  for (const event of sealed) {
    const pos = event.chainPos!
    if (pos !== expectedPos) {
      problems.push({
        kind: "removed",
        seq: event.seq,
        message: `第 ${expectedPos}–${pos - 1} 条档案记录缺失，缺口在事件 #${event.seq} 之前（chain positions ${expectedPos}–${pos - 1} removed)`,
      })
    } else if (event.prevHash !== prev) {
      problems.push({
        kind: "reordered",
        seq: event.seq,
        message: `档案事件 #${event.seq}（${describe(event)}）与前一条不相接，记录被移动或插入（event ${event.seq} does not follow its predecessor)`,
      })
    }
    const content = contentHashOf(event)
    if (content !== event.contentHash || linkHash(pos, content, event.prevHash ?? "") !== event.hash) {
      problems.push({
        kind: "altered",
        seq: event.seq,
        message: `档案事件 #${event.seq}（${describe(event)}）内容被改动（event ${event.seq} altered)`,
      })
    }
    expectedPos = pos + 1
    prev = event.hash ?? ""
  }
  for (const event of pending) {
    if (event.contentHash !== null && event.contentHash !== contentHashOf(event))
      problems.push({
        kind: "altered",
        seq: event.seq,
        message: `未封存的档案事件 #${event.seq}（${describe(event)}）内容被改动（unsealed event ${event.seq} altered)`,
      })
  }
  const last = sealed.at(-1)
  const head = { position: last?.chainPos ?? 0, hash: last?.hash ?? GENESIS_HASH }
  const anchor = options.expectedHead
  if (anchor) {
    const atAnchor = sealed.find((e) => e.chainPos === anchor.position)
    if (!atAnchor)
      problems.push({
        kind: "truncated",
        seq: anchor.position,
        message: `已记录的第 ${anchor.position} 条档案链接不存在，档案被截短（archive truncated before position ${anchor.position})`,
      })
    else if (atAnchor.hash !== anchor.hash)
      problems.push({
        kind: "altered",
        seq: atAnchor.seq,
        message: `第 ${anchor.position} 条档案链接与已记录的摘要不符（position ${anchor.position} differs from the recorded head)`,
      })
  }
  return { ok: problems.length === 0, events: sealed.length, pending: pending.length, head, problems }
}

/** Audit events of some grids in a time range (ISO instants, `to` excluded), oldest first: ledgers and pages. */
export const auditEventsOf = async (
  db: Database,
  gridIds: ReadonlyArray<string>,
  from: string,
  to: string,
) =>
  gridIds.length === 0
    ? []
    : db
        .select()
        .from(auditEvents)
        .where(
          and(inArray(auditEvents.gridId, [...gridIds]), gte(auditEvents.at, from), lt(auditEvents.at, to)),
        )
        .orderBy(asc(auditEvents.seq))
