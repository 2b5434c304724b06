import {
  type CaseFacts,
  type GridId,
  indexGrids,
  type JointMeetingFact,
  type LocalDate,
  type TipEvent,
  type TipId,
  type TipTimeline,
  tipClosedOn,
  tipFirstResponse,
} from "@firegrid/domain"
import { asc, eq } from "drizzle-orm"
import type { Database } from "../database.ts"
import { activities, tipEvents, tips } from "../schema.ts"
import { loadDepartments } from "./duty-repository.ts"
import { loadGrids } from "./grid-repository.ts"
import { loadAllHazards, loadMajorDeterminations } from "./hazard-repository.ts"
import { loadAllNotices, loadAllRechecks } from "./notice-repository.ts"

/** Each tip's received, first-answered and closed dates (T-3, S-1), from its row and event log. */
export const loadTipTimelines = async (db: Database): Promise<ReadonlyArray<TipTimeline>> => {
  const [rows, events] = await Promise.all([
    db
      .select({ id: tips.id, gridId: tips.gridId, receivedOn: tips.receivedOn, filedAt: tips.filedAt })
      .from(tips),
    db
      .select({ tipId: tipEvents.tipId, event: tipEvents.event })
      .from(tipEvents)
      .orderBy(asc(tipEvents.tipId), asc(tipEvents.seq)),
  ])
  const byTip = new Map<string, TipEvent[]>()
  for (const e of events) {
    const list = byTip.get(e.tipId)
    if (list) list.push(e.event as TipEvent)
    else byTip.set(e.tipId, [e.event as TipEvent])
  }
  return rows.map((row) => {
    const log = byTip.get(row.id) ?? []
    return {
      tipId: row.id as TipId,
      gridId: row.gridId as GridId,
      // Tips filed before receivedOn existed fall back to the filing day (UTC date is within a day).
      receivedOn: (row.receivedOn ?? row.filedAt.toISOString().slice(0, 10)) as LocalDate,
      respondedOn: tipFirstResponse(log),
      closedOn: tipClosedOn(log),
    }
  })
}

/** The townships' joint meetings 联席会议 recorded as activities (五(五)). */
export const loadJointMeetings = async (db: Database): Promise<ReadonlyArray<JointMeetingFact>> =>
  (
    await db
      .select({ gridId: activities.gridId, date: activities.date })
      .from(activities)
      .where(eq(activities.kind, "jointMeeting"))
  ).map((r) => ({ townshipId: r.gridId as GridId, on: r.date as LocalDate }))

/**
 * Everything the escalation ladder (E-1) and the evaluation (S-1) look at, read in one go. Pass a
 * transaction to read under its lock (the sweep does).
 */
export const loadCaseFacts = async (db: Database): Promise<CaseFacts> => {
  const [grids, departments, hazards, notices, rechecks, tipTimelines, determinations, jointMeetings] =
    await Promise.all([
      loadGrids(db),
      loadDepartments(db),
      loadAllHazards(db),
      loadAllNotices(db),
      loadAllRechecks(db),
      loadTipTimelines(db),
      loadMajorDeterminations(db),
      loadJointMeetings(db),
    ])
  return {
    grids: indexGrids(grids),
    departments,
    hazards: hazards.map((h) => h.hazard),
    notices,
    rechecks,
    tips: tipTimelines,
    majorDeterminations: determinations,
    jointMeetings,
  }
}
