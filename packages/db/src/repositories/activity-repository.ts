import { Activity, type ActivityKind, type LocalDate } from "@firegrid/domain"
import { and, asc, gte, inArray, lte } from "drizzle-orm"
import { Schema } from "effect"
import { appendAudit } from "../archive.ts"
import type { Database } from "../database.ts"
import { activities } from "../schema.ts"

/*
 * Recorded work (SPEC §2, 六(二)): inspections, trainings, publicity days, joint meetings, letters,
 * supervision and evaluation. The row keeps the domain's encoded `Activity` and the columns queries filter on.
 */

const encode = Schema.encodeSync(Activity)
const decode = Schema.decodeUnknownSync(Activity)

/** Stores one activity and its archive event together: acknowledged work is never lost. */
export const insertActivity = async (
  db: Database,
  activity: Activity,
  at: Date,
  actor: string,
): Promise<void> =>
  db.transaction(async (tx) => {
    const doc = encode(activity)
    await tx.insert(activities).values({
      id: activity.id,
      kind: activity.kind,
      gridId: activity.gridId,
      date: activity.date,
      doc,
      recordedAt: at,
    })
    await appendAudit(tx, {
      at,
      actor,
      action: `activity.${activity.kind}`,
      subjectType: "activity",
      subjectId: activity.id,
      gridId: activity.gridId,
      after: doc,
    })
  })

export interface ActivityQuery {
  readonly from: LocalDate
  readonly to: LocalDate
  /** Only activities recorded for these grids; omitted means every grid. */
  readonly gridIds?: ReadonlyArray<string>
  readonly kinds?: ReadonlyArray<ActivityKind>
}

/** Activities dated in [from, to], oldest first. */
export const listActivities = async (
  db: Database,
  query: ActivityQuery,
): Promise<ReadonlyArray<Activity>> => {
  if (query.gridIds?.length === 0 || query.kinds?.length === 0) return []
  const rows = await db
    .select({ doc: activities.doc })
    .from(activities)
    .where(
      and(
        gte(activities.date, query.from),
        lte(activities.date, query.to),
        query.gridIds ? inArray(activities.gridId, [...query.gridIds]) : undefined,
        query.kinds ? inArray(activities.kind, [...query.kinds]) : undefined,
      ),
    )
    .orderBy(asc(activities.date), asc(activities.recordedAt), asc(activities.id))
  return rows.map((row) => decode(row.doc))
}
