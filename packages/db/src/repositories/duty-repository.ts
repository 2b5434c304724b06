import {
  Activity,
  ActivityId,
  Department,
  type DepartmentId,
  DutyRule,
  FixedDutyDay,
  type GridId,
  type LocalDate,
  type NoticeId,
  type NoticeIssued,
} from "@firegrid/domain"
import { and, asc, eq, gte, lte } from "drizzle-orm"
import { Schema } from "effect"
import { appendAudit } from "../archive.ts"
import type { Database } from "../database.ts"
import { departments, dutyRules, fixedDays, notices, rechecks } from "../schema.ts"

/*
 * What the duty engine (SPEC §2) reads and the few things it writes: the county's edited rules, the days
 * townships fixed, and the facts it borrows from the hazard side (notices issued, rechecks done).
 */

const decodeRule = Schema.decodeUnknownSync(DutyRule)
const encodeRule = Schema.encodeSync(DutyRule)

/** The rules the county has edited or added (the defaults it never touched are not stored). */
export const loadStoredDutyRules = async (db: Database): Promise<ReadonlyArray<DutyRule>> =>
  (await db.select().from(dutyRules).where(eq(dutyRules.active, true)).orderBy(asc(dutyRules.id))).map(
    (row) => decodeRule(row.doc),
  )

/** Stores one rule as the county now wants it, archiving the version it replaced (or the default). */
export const saveDutyRule = async (
  db: Database,
  change: {
    readonly rule: DutyRule
    readonly before: DutyRule | null
    readonly at: Date
    readonly actor: string
  },
): Promise<void> =>
  db.transaction(async (tx) => {
    const doc = encodeRule(change.rule)
    await tx
      .insert(dutyRules)
      .values({ id: change.rule.id, doc, active: true, updatedAt: change.at })
      .onConflictDoUpdate({ target: dutyRules.id, set: { doc, active: true, updatedAt: change.at } })
    await appendAudit(tx, {
      at: change.at,
      actor: change.actor,
      action: "duty.updateRule",
      subjectType: "dutyRule",
      subjectId: change.rule.id,
      before: change.before === null ? null : encodeRule(change.before),
      after: doc,
    })
  })

export const loadFixedDays = async (db: Database): Promise<ReadonlyArray<FixedDutyDay>> =>
  (await db.select().from(fixedDays)).map((row) =>
    FixedDutyDay.make({
      ruleId: row.ruleId as FixedDutyDay["ruleId"],
      gridId: row.gridId as GridId,
      period: row.period,
      date: row.date as LocalDate,
    }),
  )

/** A township's day for a rule in a period (D-1, D-8); fixing it again replaces the earlier choice. */
export const saveFixedDay = async (
  db: Database,
  fixed: FixedDutyDay,
  at: Date,
  actor: string,
): Promise<{ readonly before: LocalDate | null }> =>
  db.transaction(async (tx) => {
    const key = and(
      eq(fixedDays.gridId, fixed.gridId),
      eq(fixedDays.ruleId, fixed.ruleId),
      eq(fixedDays.period, fixed.period),
    )
    const [before] = await tx.select({ date: fixedDays.date }).from(fixedDays).where(key).for("update")
    await tx
      .insert(fixedDays)
      .values({ gridId: fixed.gridId, ruleId: fixed.ruleId, period: fixed.period, date: fixed.date })
      .onConflictDoUpdate({
        target: [fixedDays.gridId, fixedDays.ruleId, fixedDays.period],
        set: { date: fixed.date },
      })
    await appendAudit(tx, {
      at,
      actor,
      action: "duty.fixDay",
      subjectType: "fixedDay",
      subjectId: `${fixed.ruleId}|${fixed.gridId}|${fixed.period}`,
      gridId: fixed.gridId,
      before: before ? { date: before.date } : null,
      after: { ...fixed },
    })
    return { before: (before?.date as LocalDate | undefined) ?? null }
  })

export const loadDepartments = async (db: Database): Promise<ReadonlyArray<Department>> =>
  (await db.select().from(departments).orderBy(asc(departments.id))).map((row) =>
    Department.make({
      id: row.id as DepartmentId,
      kind: row.kind as Department["kind"],
      name: row.name,
      gridId: row.gridId as GridId,
    }),
  )

/** The notices issued in a period, as the scope of the 下旬 recheck (D-2) needs them. */
export const loadNoticesIssued = async (
  db: Database,
  from: LocalDate,
  to: LocalDate,
): Promise<ReadonlyArray<NoticeIssued>> =>
  (
    await db
      .select({ id: notices.id, issuedBy: notices.issuerGridId, issuedOn: notices.issuedOn })
      .from(notices)
      .where(and(gte(notices.issuedOn, from), lte(notices.issuedOn, to)))
  ).map((row) => ({
    id: row.id as NoticeId,
    issuedBy: row.issuedBy as GridId,
    issuedOn: row.issuedOn as LocalDate,
  }))

/**
 * Rechecks recorded by the hazard side, seen by the duty engine as activities of kind `recheck` by the
 * rechecking grid (D-2), so compliance counts them without a second record of the same work.
 */
export const loadRecheckActivities = async (
  db: Database,
  from: LocalDate,
  to: LocalDate,
): Promise<ReadonlyArray<Activity>> =>
  (
    await db
      .select({ id: rechecks.id, noticeId: rechecks.noticeId, on: rechecks.on, byGridId: rechecks.byGridId })
      .from(rechecks)
      .where(and(gte(rechecks.on, from), lte(rechecks.on, to)))
      .orderBy(asc(rechecks.on), asc(rechecks.id))
  ).map((row) =>
    Activity.make({
      id: ActivityId.make(row.id),
      kind: "recheck",
      gridId: row.byGridId as GridId,
      date: row.on as LocalDate,
      noticeIds: [row.noticeId as NoticeId],
    }),
  )
