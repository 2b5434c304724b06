import type { FireIncident, GridId, LocalDate, UnitId } from "@firegrid/domain"
import { and, desc, eq } from "drizzle-orm"
import { appendAudit } from "../archive.ts"
import type { Database } from "../database.ts"
import { evaluations, fires } from "../schema.ts"

/** A fire and its casualties (S-1's hardest fact, S-2's starting point). */
export interface FireRecord {
  readonly id: string
  readonly gridId: string
  readonly unitId: string | null
  readonly occurredOn: LocalDate
  readonly deaths: number
  readonly injuries: number
  readonly lossYuan: number
  readonly description: string
}

export const insertFire = async (db: Database, fire: FireRecord, at: Date, actor: string): Promise<void> =>
  db.transaction(async (tx) => {
    await tx.insert(fires).values({ ...fire, doc: fire })
    await appendAudit(tx, {
      at,
      actor,
      action: "fire.record",
      subjectType: "fire",
      subjectId: fire.id,
      gridId: fire.gridId,
      after: fire,
    })
  })

export const loadFireIncidents = async (db: Database): Promise<ReadonlyArray<FireIncident>> =>
  (await db.select().from(fires)).map((row) => ({
    gridId: row.gridId as GridId,
    unitId: (row.unitId ?? undefined) as UnitId | undefined,
    on: row.occurredOn as LocalDate,
    deaths: row.deaths,
    injuries: row.injuries,
  }))

/** Stores one evaluation run (S-1) with its archive event; runs are kept, the newest is the answer. */
export const insertEvaluation = async (
  db: Database,
  run: { readonly id: string; readonly gridId: string; readonly period: string; readonly doc: unknown },
  at: Date,
  actor: string,
): Promise<void> =>
  db.transaction(async (tx) => {
    await tx.insert(evaluations).values({ ...run, computedAt: at })
    await appendAudit(tx, {
      at,
      actor,
      action: "evaluation.run",
      subjectType: "evaluation",
      subjectId: run.id,
      gridId: run.gridId,
      after: { period: run.period },
    })
  })

export const latestEvaluation = async (
  db: Database,
  gridId: string,
  period: string,
): Promise<{ readonly id: string; readonly computedAt: Date; readonly doc: unknown } | undefined> => {
  const [row] = await db
    .select({ id: evaluations.id, computedAt: evaluations.computedAt, doc: evaluations.doc })
    .from(evaluations)
    .where(and(eq(evaluations.gridId, gridId), eq(evaluations.period, period)))
    .orderBy(desc(evaluations.computedAt), desc(evaluations.id))
    .limit(1)
  return row
}
