import { and, asc, eq, gte, inArray, lt, lte, or } from "drizzle-orm"
import type { Database } from "../database.ts"
import { auditEvents, escalations, hazards, notices, rechecks, units } from "../schema.ts"

/**
 * The raw records of a grid's archive ledger 台账 (A-1, 六(二)) for a period: the units of its subtree and
 * the closed loop's records (hazards, notices, rechecks, escalations) and archive events touching it.
 * Documents come back as stored; the caller decodes them with the domain's schemas.
 */
export interface LedgerRecords {
  readonly units: ReadonlyArray<typeof units.$inferSelect>
  readonly hazards: ReadonlyArray<typeof hazards.$inferSelect>
  readonly notices: ReadonlyArray<typeof notices.$inferSelect>
  readonly rechecks: ReadonlyArray<typeof rechecks.$inferSelect>
  readonly escalations: ReadonlyArray<typeof escalations.$inferSelect>
  readonly events: ReadonlyArray<{
    readonly seq: number
    readonly at: string
    readonly actor: string
    readonly action: string
    readonly subjectType: string
    readonly subjectId: string
    readonly gridId: string | null
    readonly before: unknown
    readonly after: unknown
  }>
}

/** `from`/`to` are Shanghai dates; `atFrom`/`atUntil` the same period as instants, for archive timestamps. */
export const loadLedgerRecords = async (
  db: Database,
  period: {
    readonly gridIds: ReadonlyArray<string>
    readonly from: string
    readonly to: string
    readonly atFrom: Date
    readonly atUntil: Date
  },
): Promise<LedgerRecords> => {
  const gridIds = [...period.gridIds]
  if (gridIds.length === 0)
    return { units: [], hazards: [], notices: [], rechecks: [], escalations: [], events: [] }
  const { from, to } = period
  const [unitRows, hazardRows, noticeRows, recheckRows, escalationRows, eventRows] = await Promise.all([
    db.select().from(units).where(inArray(units.gridId, gridIds)).orderBy(asc(units.gridId), asc(units.id)),
    db
      .select()
      .from(hazards)
      .where(and(inArray(hazards.gridId, gridIds), gte(hazards.foundOn, from), lte(hazards.foundOn, to)))
      .orderBy(asc(hazards.foundOn), asc(hazards.id)),
    db
      .select()
      .from(notices)
      .where(
        and(
          or(inArray(notices.gridId, gridIds), inArray(notices.issuerGridId, gridIds)),
          gte(notices.issuedOn, from),
          lte(notices.issuedOn, to),
        ),
      )
      .orderBy(asc(notices.issuedOn), asc(notices.number)),
    db
      .select({
        id: rechecks.id,
        noticeId: rechecks.noticeId,
        on: rechecks.on,
        byGridId: rechecks.byGridId,
        doc: rechecks.doc,
      })
      .from(rechecks)
      .innerJoin(notices, eq(notices.id, rechecks.noticeId))
      .where(
        and(
          or(inArray(notices.gridId, gridIds), inArray(rechecks.byGridId, gridIds)),
          gte(rechecks.on, from),
          lte(rechecks.on, to),
        ),
      )
      .orderBy(asc(rechecks.on), asc(rechecks.id)),
    db
      .select()
      .from(escalations)
      .where(
        and(
          inArray(escalations.fromGridId, gridIds),
          gte(escalations.triggeredOn, from),
          lte(escalations.triggeredOn, to),
        ),
      )
      .orderBy(asc(escalations.triggeredOn), asc(escalations.id)),
    db
      .select({
        seq: auditEvents.seq,
        at: auditEvents.at,
        actor: auditEvents.actor,
        action: auditEvents.action,
        subjectType: auditEvents.subjectType,
        subjectId: auditEvents.subjectId,
        gridId: auditEvents.gridId,
        before: auditEvents.before,
        after: auditEvents.after,
      })
      .from(auditEvents)
      .where(
        and(
          inArray(auditEvents.gridId, gridIds),
          gte(auditEvents.at, period.atFrom.toISOString()),
          lt(auditEvents.at, period.atUntil.toISOString()),
        ),
      )
      .orderBy(asc(auditEvents.seq)),
  ])
  return {
    units: unitRows,
    hazards: hazardRows,
    notices: noticeRows,
    rechecks: recheckRows,
    escalations: escalationRows,
    events: eventRows,
  }
}
