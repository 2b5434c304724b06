import {
  type GridId,
  Hazard,
  HazardEvent,
  type HazardSeverity,
  HazardState,
  type HazardStateTag,
  type LocalDate,
  MajorHazardDetermination,
  type UnitFlags,
} from "@firegrid/domain"
import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm"
import { Schema } from "effect"
import { appendAudit, type Transaction } from "../archive.ts"
import type { Database } from "../database.ts"
import { activities, grids, hazardEvents, hazards, majorDeterminations, units } from "../schema.ts"

const encodeHazard = Schema.encodeSync(Hazard)
const decodeHazard = Schema.decodeUnknownSync(Hazard)
const encodeState = Schema.encodeSync(HazardState)
const decodeState = Schema.decodeUnknownSync(HazardState)
const encodeEvent = Schema.encodeSync(HazardEvent)
const decodeEvent = Schema.decodeUnknownSync(HazardEvent)
const encodeDetermination = Schema.encodeSync(MajorHazardDetermination)
const decodeDetermination = Schema.decodeUnknownSync(MajorHazardDetermination)

/** A hazard as stored: the domain record, where it stands, and how many events led there. */
export interface StoredHazard {
  readonly hazard: Hazard
  readonly state: HazardState
  readonly eventCount: number
}

/** A unit with the zone that lists it, for recording findings against it (H-1). */
export interface PlacedUnit {
  readonly id: string
  readonly name: string
  readonly gridId: GridId | null
  readonly flags: UnitFlags
}

export const findPlacedUnit = async (db: Database, unitId: string): Promise<PlacedUnit | undefined> => {
  const [row] = await db
    .select({ id: units.id, name: units.name, gridId: units.gridId, flags: units.flags })
    .from(units)
    .where(eq(units.id, unitId))
  return row && { ...row, gridId: row.gridId as GridId | null }
}

export const unitNames = async (
  db: Database,
  unitIds: ReadonlyArray<string>,
): Promise<ReadonlyMap<string, string>> => {
  if (unitIds.length === 0) return new Map()
  const rows = await db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(inArray(units.id, [...new Set(unitIds)]))
  return new Map(rows.map((r) => [r.id, r.name]))
}

/** The inspection a finding was made at (H-1): who inspected, when, and which units it covered. */
export const findInspection = async (
  db: Database,
  activityId: string,
): Promise<
  | {
      readonly id: string
      readonly kind: string
      readonly gridId: string
      readonly date: LocalDate
      readonly unitIds: ReadonlyArray<string> | null
    }
  | undefined
> => {
  const [row] = await db
    .select({
      id: activities.id,
      kind: activities.kind,
      gridId: activities.gridId,
      date: activities.date,
      doc: activities.doc,
    })
    .from(activities)
    .where(eq(activities.id, activityId))
  if (!row) return undefined
  const unitIds = (row.doc as { unitIds?: ReadonlyArray<string> }).unitIds ?? null
  return { id: row.id, kind: row.kind, gridId: row.gridId, date: row.date as LocalDate, unitIds }
}

/**
 * Stores a newly found hazard in its initial state with its archive event, inside the caller's transaction
 * (a tip may be linked to it in the same one).
 */
export const insertHazard = async (
  tx: Transaction,
  change: { readonly hazard: Hazard; readonly state: HazardState; readonly actor: string; readonly at: Date },
): Promise<void> => {
  const doc = encodeHazard(change.hazard)
  await tx.insert(hazards).values({
    id: change.hazard.id,
    unitId: change.hazard.unitId,
    gridId: change.hazard.gridId,
    foundOn: change.hazard.foundOn,
    severity: change.hazard.severity,
    stateTag: change.state._tag,
    state: encodeState(change.state),
    doc,
  })
  await appendAudit(tx, {
    at: change.at,
    actor: change.actor,
    action: "hazard.record",
    subjectType: "hazard",
    subjectId: change.hazard.id,
    gridId: change.hazard.gridId,
    after: { hazard: doc, state: change.state },
  })
}

const toStored = (row: {
  doc: unknown
  state: unknown
  eventCount: number | string | null
}): StoredHazard => ({
  hazard: decodeHazard(row.doc),
  state: decodeState(row.state),
  eventCount: Number(row.eventCount ?? 0),
})

// Spelled out with the table names: drizzle leaves single-table columns unqualified, and both tables have "id".
const eventCount = sql<number>`(select count(*) from hazard_events he where he.hazard_id = "hazards"."id")`

/**
 * Hazards by id, rows locked until the caller's transaction ends: a notice, a recheck and a sweep touching
 * the same hazard take turns, so each decides on the state the other left.
 */
export const lockHazards = async (
  tx: Transaction,
  ids: ReadonlyArray<string>,
): Promise<ReadonlyArray<StoredHazard>> => {
  if (ids.length === 0) return []
  const rows = await tx
    .select({ doc: hazards.doc, state: hazards.state, eventCount })
    .from(hazards)
    .where(inArray(hazards.id, [...new Set(ids)]))
    .orderBy(asc(hazards.id))
    .for("update")
  return rows.map(toStored)
}

/**
 * Appends one event to a hazard's log and stores the state the domain computed, with its archive event.
 * Must run inside the transaction that locked the hazard (`lockHazards`).
 */
export const appendHazardEvent = async (
  tx: Transaction,
  change: {
    readonly stored: StoredHazard
    readonly event: HazardEvent
    readonly next: HazardState
    readonly actor: string
    readonly at: Date
  },
): Promise<StoredHazard> => {
  const { hazard } = change.stored
  await tx.insert(hazardEvents).values({
    hazardId: hazard.id,
    seq: change.stored.eventCount + 1,
    event: encodeEvent(change.event),
    actor: change.actor,
    recordedAt: change.at,
  })
  await tx
    .update(hazards)
    .set({ stateTag: change.next._tag, state: encodeState(change.next) })
    .where(eq(hazards.id, hazard.id))
  await appendAudit(tx, {
    at: change.at,
    actor: change.actor,
    action: `hazard.${change.event._tag}`,
    subjectType: "hazard",
    subjectId: hazard.id,
    gridId: hazard.gridId,
    before: { state: change.stored.state },
    after: { state: change.next, event: change.event },
  })
  return { hazard, state: change.next, eventCount: change.stored.eventCount + 1 }
}

/** Hazards by id, without locking, in id order; unknown ids are left out. */
export const findHazardsByIds = async (
  db: Database,
  ids: ReadonlyArray<string>,
): Promise<ReadonlyArray<StoredHazard>> => {
  if (ids.length === 0) return []
  const rows = await db
    .select({ doc: hazards.doc, state: hazards.state, eventCount })
    .from(hazards)
    .where(inArray(hazards.id, [...new Set(ids)]))
    .orderBy(asc(hazards.id))
  return rows.map(toStored)
}

export interface HazardHistoryEntry {
  readonly seq: number
  readonly event: HazardEvent
  readonly actor: string
  readonly recordedAt: Date
}

export const findHazard = async (
  db: Database,
  id: string,
): Promise<(StoredHazard & { readonly history: ReadonlyArray<HazardHistoryEntry> }) | undefined> => {
  const [row] = await db
    .select({ doc: hazards.doc, state: hazards.state, eventCount })
    .from(hazards)
    .where(eq(hazards.id, id))
  if (!row) return undefined
  const events = await db
    .select()
    .from(hazardEvents)
    .where(eq(hazardEvents.hazardId, id))
    .orderBy(asc(hazardEvents.seq))
  return {
    ...toStored(row),
    history: events.map((e) => ({
      seq: e.seq,
      event: decodeEvent(e.event),
      actor: e.actor,
      recordedAt: e.recordedAt,
    })),
  }
}

export interface HazardFilter {
  readonly state?: HazardStateTag | undefined
  readonly severity?: HazardSeverity | undefined
  readonly unitId?: string | undefined
}

/** Hazards in any of the given grids, newest finding first, with their unit's and zone's names. */
export const listHazards = async (
  db: Database,
  gridIds: ReadonlyArray<string>,
  filter: HazardFilter = {},
): Promise<ReadonlyArray<StoredHazard & { readonly unitName: string; readonly zoneName: string }>> => {
  if (gridIds.length === 0) return []
  const where: SQL[] = [inArray(hazards.gridId, [...gridIds])]
  if (filter.state) where.push(eq(hazards.stateTag, filter.state))
  if (filter.severity) where.push(eq(hazards.severity, filter.severity))
  if (filter.unitId) where.push(eq(hazards.unitId, filter.unitId))
  const rows = await db
    .select({
      doc: hazards.doc,
      state: hazards.state,
      eventCount,
      unitName: units.name,
      zoneName: grids.name,
    })
    .from(hazards)
    .innerJoin(units, eq(units.id, hazards.unitId))
    .innerJoin(grids, eq(grids.id, hazards.gridId))
    .where(and(...where))
    .orderBy(desc(hazards.foundOn), asc(hazards.id))
  return rows.map((r) => ({ ...toStored(r), unitName: r.unitName, zoneName: r.zoneName }))
}

export const loadAllHazards = async (db: Database): Promise<ReadonlyArray<StoredHazard>> =>
  (await db.select({ doc: hazards.doc, state: hazards.state, eventCount }).from(hazards)).map(toStored)

/**
 * Records a GB 35181 determination (H-6) and, when the verdict is major, makes the hazard major; one
 * determination per hazard (a second is refused by the key, and reported as a conflict).
 */
export const insertMajorDetermination = async (
  db: Database,
  change: {
    readonly stored: StoredHazard
    readonly determination: MajorHazardDetermination
    readonly actor: string
    readonly at: Date
  },
): Promise<void> =>
  db.transaction(async (tx) => {
    const { hazard } = change.stored
    const d = change.determination
    const doc = encodeDetermination(d)
    await tx
      .insert(majorDeterminations)
      .values({ hazardId: d.hazardId, determinedOn: d.determinedOn, isMajor: d.isMajor, doc })
    if (d.isMajor && hazard.severity !== "major") {
      const major = Hazard.make({ ...hazard, severity: "major" })
      await tx
        .update(hazards)
        .set({ severity: "major", doc: encodeHazard(major) })
        .where(eq(hazards.id, hazard.id))
    }
    await appendAudit(tx, {
      at: change.at,
      actor: change.actor,
      action: "hazard.determineMajor",
      subjectType: "hazard",
      subjectId: hazard.id,
      gridId: hazard.gridId,
      before: { severity: hazard.severity },
      after: { severity: d.isMajor ? "major" : hazard.severity, determination: doc },
    })
  })

export const findMajorDetermination = async (
  db: Database,
  hazardId: string,
): Promise<MajorHazardDetermination | undefined> => {
  const [row] = await db
    .select({ doc: majorDeterminations.doc })
    .from(majorDeterminations)
    .where(eq(majorDeterminations.hazardId, hazardId))
  return row && decodeDetermination(row.doc)
}

export const loadMajorDeterminations = async (
  db: Database,
): Promise<ReadonlyArray<MajorHazardDetermination>> =>
  (await db.select({ doc: majorDeterminations.doc }).from(majorDeterminations)).map((r) =>
    decodeDetermination(r.doc),
  )
