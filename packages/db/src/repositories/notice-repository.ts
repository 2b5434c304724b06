import { Notice, Recheck } from "@firegrid/domain"
import { and, asc, count, desc, eq, gte, inArray, lte, sql } from "drizzle-orm"
import { Schema } from "effect"
import { appendAudit, type Transaction } from "../archive.ts"
import type { Database } from "../database.ts"
import { notices, rechecks } from "../schema.ts"

const encodeNotice = Schema.encodeSync(Notice)
const decodeNotice = Schema.decodeUnknownSync(Notice)
const encodeRecheck = Schema.encodeSync(Recheck)
const decodeRecheck = Schema.decodeUnknownSync(Recheck)

// First key of the two-key advisory lock that serialises number allocation; the second is the issuer-year.
const NOTICE_NUMBER_LOCK = 0x6e6f7469

/**
 * The next sequence number of an issuer's notices in a year (告成安监改〔2026〕003号 is the third). The
 * transaction-scoped lock makes two clerks issuing at once take turns, so each gets its own number; the
 * unique index on the number is the backstop.
 */
export const nextNoticeSequence = async (
  tx: Transaction,
  issuerGridId: string,
  year: number,
): Promise<number> => {
  await tx.execute(
    sql`select pg_advisory_xact_lock(${NOTICE_NUMBER_LOCK}, hashtext(${`${issuerGridId}:${year}`}))`,
  )
  const [row] = await tx
    .select({ n: count() })
    .from(notices)
    .where(
      and(
        eq(notices.issuerGridId, issuerGridId),
        gte(notices.issuedOn, `${year}-01-01`),
        lte(notices.issuedOn, `${year}-12-31`),
      ),
    )
  return Number(row?.n ?? 0) + 1
}

/** Stores an issued notice with its archive event, inside the transaction that moves its hazards. */
export const insertNotice = async (
  tx: Transaction,
  notice: Notice,
  actor: string,
  at: Date,
): Promise<void> => {
  const doc = encodeNotice(notice)
  await tx.insert(notices).values({
    id: notice.id,
    number: notice.number,
    unitId: notice.unitId,
    gridId: notice.gridId,
    issuerGridId: notice.issuer.gridId,
    issuedOn: notice.issuedOn,
    deadline: notice.deadline,
    doc,
  })
  await appendAudit(tx, {
    at,
    actor,
    action: "notice.issue",
    subjectType: "notice",
    subjectId: notice.id,
    gridId: notice.gridId,
    after: doc,
  })
}

export const findNotice = async (db: Database, id: string): Promise<Notice | undefined> => {
  const [row] = await db.select({ doc: notices.doc }).from(notices).where(eq(notices.id, id))
  return row && decodeNotice(row.doc)
}

/** Notices for units in any of the given grids, newest first. */
export const listNotices = async (
  db: Database,
  gridIds: ReadonlyArray<string>,
): Promise<ReadonlyArray<Notice>> => {
  if (gridIds.length === 0) return []
  const rows = await db
    .select({ doc: notices.doc })
    .from(notices)
    .where(inArray(notices.gridId, [...gridIds]))
    .orderBy(desc(notices.issuedOn), desc(notices.number))
  return rows.map((r) => decodeNotice(r.doc))
}

export const loadAllNotices = async (db: Database): Promise<ReadonlyArray<Notice>> =>
  (await db.select({ doc: notices.doc }).from(notices)).map((r) => decodeNotice(r.doc))

/** Notices naming a hazard, oldest first (a hazard can get a new notice after a failed recheck). */
export const noticesOfHazard = async (db: Database, hazardId: string): Promise<ReadonlyArray<Notice>> =>
  (
    await db
      .select({ doc: notices.doc })
      .from(notices)
      .where(sql`${notices.doc}->'hazardIds' @> ${JSON.stringify([hazardId])}::jsonb`)
      .orderBy(asc(notices.issuedOn))
  ).map((r) => decodeNotice(r.doc))

/** Stores a recheck with its archive event, inside the transaction that moves its hazards. */
export const insertRecheck = async (
  tx: Transaction,
  recheck: Recheck,
  gridId: string,
  actor: string,
  at: Date,
): Promise<void> => {
  const doc = encodeRecheck(recheck)
  await tx
    .insert(rechecks)
    .values({ id: recheck.id, noticeId: recheck.noticeId, on: recheck.on, byGridId: recheck.byGridId, doc })
  await appendAudit(tx, {
    at,
    actor,
    action: "recheck.record",
    subjectType: "recheck",
    subjectId: recheck.id,
    gridId,
    after: doc,
  })
}

/** The rechecks of the given notices, in date order. */
export const rechecksOf = async (
  db: Database,
  noticeIds: ReadonlyArray<string>,
): Promise<ReadonlyArray<Recheck>> => {
  if (noticeIds.length === 0) return []
  const rows = await db
    .select({ doc: rechecks.doc })
    .from(rechecks)
    .where(inArray(rechecks.noticeId, [...new Set(noticeIds)]))
    .orderBy(asc(rechecks.on), asc(rechecks.id))
  return rows.map((r) => decodeRecheck(r.doc))
}

export const loadAllRechecks = async (db: Database): Promise<ReadonlyArray<Recheck>> =>
  (await db.select({ doc: rechecks.doc }).from(rechecks)).map((r) => decodeRecheck(r.doc))
