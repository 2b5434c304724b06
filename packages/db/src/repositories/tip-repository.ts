import {
  type GridId,
  type HazardCategory,
  Tip,
  type TipEvent,
  TipId,
  type TipStateTag,
} from "@firegrid/domain"
import { and, asc, count, desc, eq, gte, inArray, lte, sql } from "drizzle-orm"
import { appendAudit, auditContentOf, contentHashOf } from "../archive.ts"
import type { Database } from "../database.ts"
import { grids, tipEvents, tipPhotos, tips } from "../schema.ts"

export interface NewTip {
  readonly id: string
  readonly trackingCode: string
  readonly gridId: GridId
  readonly category: HazardCategory
  readonly description: string
  readonly address: string | null
  readonly contact: string | null
  readonly point: readonly [number, number] | null
  readonly receivedOn: string
  /** A picture link from an Open311 client; never fetched. */
  readonly mediaUrl?: string | null
}

export interface NewPhoto {
  readonly mime: string
  readonly bytes: Buffer
  readonly width: number
  readonly height: number
}

/** A stored tip as the domain sees it, its event log, and where it stands. */
export interface StoredTip {
  readonly tip: Tip
  readonly events: ReadonlyArray<TipEvent>
  readonly status: TipStateTag
  readonly zoneName: string
  readonly address: string | null
  readonly point: readonly [number, number] | null
  readonly mediaUrl: string | null
  readonly photoCount: number
  readonly filedAt: Date
  readonly updatedAt: Date
}

/** A tip to store, when it was filed, and its cleaned photos. */
export interface TipFiling {
  readonly tip: NewTip
  readonly at: Date
  readonly photos: ReadonlyArray<NewPhoto>
}

/**
 * Stores tips, their photos and their archive events in one statement: either all of them are there or
 * none. The API groups concurrent filings into one call (group commit, ADR 0006), so the rows travel as
 * three JSON documents — one round trip for the lot, whatever its size, and no per-row query building.
 */
export const insertTips = async (db: Database, filings: ReadonlyArray<TipFiling>): Promise<void> => {
  if (filings.length === 0) return
  const tipRows = filings.map(({ tip, at, photos }) => ({
    id: tip.id,
    tracking_code: tip.trackingCode,
    grid_id: tip.gridId,
    category: tip.category,
    description: tip.description,
    address: tip.address,
    contact: tip.contact,
    media_url: tip.mediaUrl ?? null,
    received_on: tip.receivedOn,
    point: tip.point,
    photo_count: photos.length,
    filed_at: at.toISOString(),
  }))
  const photoRows = filings.flatMap(({ tip, photos }) =>
    photos.map((p, i) => ({
      id: `${tip.id}-p${i + 1}`,
      tip_id: tip.id,
      seq: i + 1,
      mime: p.mime,
      bytes: Buffer.from(p.bytes).toString("base64"),
      width: p.width,
      height: p.height,
    })),
  )
  const eventRows = filings.map(({ tip, at, photos }) => {
    // The archive keeps what was filed but not who filed it: the contact stays in the tip row only.
    const { contact: _contact, ...archived } = tip
    const content = auditContentOf({
      at,
      actor: "public",
      action: "tip.file",
      subjectType: "tip",
      subjectId: tip.id,
      gridId: tip.gridId,
      after: { ...archived, photos: photos.length },
    })
    return {
      at: content.at,
      actor: content.actor,
      action: content.action,
      subject_type: content.subjectType,
      subject_id: content.subjectId,
      grid_id: content.gridId,
      before: content.before,
      after: content.after,
      content_hash: contentHashOf(content),
    }
  })
  await db.execute(sql`
    with filed as (
      insert into tips (id, tracking_code, grid_id, category, description, address, contact, media_url,
                        status, received_on, point, photo_count, filed_at, updated_at)
      select id, tracking_code, grid_id, category, description, address, contact, media_url,
             'Received', received_on, point, photo_count, filed_at, filed_at
      from jsonb_to_recordset(${JSON.stringify(tipRows)}::jsonb) as r(
        id text, tracking_code text, grid_id text, category text, description text, address text,
        contact text, media_url text, received_on date, point jsonb, photo_count integer, filed_at timestamptz)
      returning id
    ), pictured as (
      insert into tip_photos (id, tip_id, seq, mime, bytes, width, height)
      select id, tip_id, seq, mime, decode(bytes, 'base64'), width, height
      from jsonb_to_recordset(${JSON.stringify(photoRows)}::jsonb) as r(
        id text, tip_id text, seq integer, mime text, bytes text, width integer, height integer)
      returning id
    )
    insert into audit_events (at, actor, action, subject_type, subject_id, grid_id, before, after, content_hash)
    select at, actor, action, subject_type, subject_id, grid_id, before, after, content_hash
    from jsonb_to_recordset(${JSON.stringify(eventRows)}::jsonb) as r(
      at text, actor text, action text, subject_type text, subject_id text, grid_id text, before jsonb,
      after jsonb, content_hash text)`)
}

const storedTipColumns = {
  id: tips.id,
  trackingCode: tips.trackingCode,
  gridId: tips.gridId,
  category: tips.category,
  description: tips.description,
  address: tips.address,
  contact: tips.contact,
  point: tips.point,
  mediaUrl: tips.mediaUrl,
  status: tips.status,
  receivedOn: tips.receivedOn,
  photoCount: tips.photoCount,
  filedAt: tips.filedAt,
  updatedAt: tips.updatedAt,
  zoneName: grids.name,
}

const selectTips = (db: Database) =>
  db.select(storedTipColumns).from(tips).innerJoin(grids, eq(grids.id, tips.gridId))

type TipRow = Awaited<ReturnType<ReturnType<typeof selectTips>["where"]>>[number]

const toStoredTip = (row: TipRow, events: ReadonlyArray<TipEvent>): StoredTip => ({
  tip: Tip.make({
    id: TipId.make(row.id),
    trackingCode: row.trackingCode,
    receivedOn: (row.receivedOn ?? row.filedAt.toISOString().slice(0, 10)) as Tip["receivedOn"],
    gridId: row.gridId as GridId,
    category: row.category,
    description: row.description,
    photos: Array.from({ length: row.photoCount }, (_, i) => `${row.id}-p${i + 1}`),
    anonymous: row.contact === null,
    ...(row.contact === null ? {} : { contact: row.contact }),
  }),
  events,
  status: row.status as TipStateTag,
  zoneName: row.zoneName,
  address: row.address,
  point: row.point,
  mediaUrl: row.mediaUrl,
  photoCount: row.photoCount,
  filedAt: row.filedAt,
  updatedAt: row.updatedAt,
})

const eventsOf = async (db: Database, tipIds: ReadonlyArray<string>): Promise<Map<string, TipEvent[]>> => {
  const byTip = new Map<string, TipEvent[]>()
  if (tipIds.length === 0) return byTip
  const rows = await db
    .select({ tipId: tipEvents.tipId, event: tipEvents.event })
    .from(tipEvents)
    .where(inArray(tipEvents.tipId, [...tipIds]))
    .orderBy(asc(tipEvents.tipId), asc(tipEvents.seq))
  for (const row of rows) {
    const list = byTip.get(row.tipId) ?? []
    list.push(row.event as TipEvent)
    byTip.set(row.tipId, list)
  }
  return byTip
}

const findTipWhere = async (db: Database, where: ReturnType<typeof eq>): Promise<StoredTip | undefined> => {
  const [row] = await selectTips(db).where(where)
  if (!row) return undefined
  return toStoredTip(row, (await eventsOf(db, [row.id])).get(row.id) ?? [])
}

export const findTipByCode = (db: Database, trackingCode: string) =>
  findTipWhere(db, eq(tips.trackingCode, trackingCode))
export const findTipById = (db: Database, id: string) => findTipWhere(db, eq(tips.id, id))

/** Tips routed to any of the given grids, newest first; optionally only those in one state. */
export const listTips = async (
  db: Database,
  gridIds: ReadonlyArray<string>,
  status?: TipStateTag,
): Promise<ReadonlyArray<StoredTip>> => {
  if (gridIds.length === 0) return []
  const rows = await selectTips(db)
    .where(
      status
        ? and(inArray(tips.gridId, [...gridIds]), eq(tips.status, status))
        : inArray(tips.gridId, [...gridIds]),
    )
    .orderBy(desc(tips.filedAt))
  const events = await eventsOf(
    db,
    rows.map((r) => r.id),
  )
  return rows.map((r) => toStoredTip(r, events.get(r.id) ?? []))
}

/**
 * Appends one event to a tip's log and moves its status, with the archive event, in one transaction.
 * `expectedEvents` is how many events the caller replayed: if someone else acted in between, the unique
 * (tip, seq) key refuses the second write instead of letting two transitions interleave.
 */
export const appendTipEvent = async (
  db: Database,
  change: {
    readonly tipId: string
    readonly gridId: string
    readonly expectedEvents: number
    readonly event: TipEvent
    readonly status: TipStateTag
    readonly actor: string
    readonly at: Date
  },
): Promise<void> =>
  db.transaction(async (tx) => {
    await tx.insert(tipEvents).values({
      tipId: change.tipId,
      seq: change.expectedEvents + 1,
      event: change.event,
      actor: change.actor,
      recordedAt: change.at,
    })
    const [before] = await tx.select({ status: tips.status }).from(tips).where(eq(tips.id, change.tipId))
    await tx
      .update(tips)
      .set({ status: change.status, updatedAt: change.at })
      .where(eq(tips.id, change.tipId))
    await appendAudit(tx, {
      at: change.at,
      actor: change.actor,
      action: `tip.${change.event._tag}`,
      subjectType: "tip",
      subjectId: change.tipId,
      gridId: change.gridId,
      before: before ?? null,
      after: { status: change.status, event: change.event },
    })
  })

export const loadTipPhoto = async (db: Database, tipId: string, seq: number) => {
  const [row] = await db
    .select({ mime: tipPhotos.mime, bytes: tipPhotos.bytes })
    .from(tipPhotos)
    .where(and(eq(tipPhotos.tipId, tipId), eq(tipPhotos.seq, seq)))
  return row
}

export const countTips = async (db: Database): Promise<number> => {
  const [row] = await db.select({ n: count() }).from(tips)
  return row?.n ?? 0
}

/** What a public search may ask (Open311 `GET requests`): codes override every other filter. */
export type TipSearch =
  | { readonly trackingCodes: ReadonlyArray<string> }
  | {
      readonly filedFrom: Date
      readonly filedTo: Date
      readonly categories?: ReadonlyArray<HazardCategory> | undefined
    }

/**
 * Tips across the whole county by tracking code, or filed in a time window (newest first, at most
 * `limit`): the public list of Open311, which then shows only public fields.
 */
export const searchTips = async (
  db: Database,
  search: TipSearch,
  limit: number,
): Promise<ReadonlyArray<StoredTip>> => {
  const where =
    "trackingCodes" in search
      ? search.trackingCodes.length === 0
        ? undefined
        : inArray(tips.trackingCode, [...search.trackingCodes])
      : and(
          gte(tips.filedAt, search.filedFrom),
          lte(tips.filedAt, search.filedTo),
          search.categories ? inArray(tips.category, [...search.categories]) : undefined,
        )
  if (!where) return []
  const rows = await selectTips(db).where(where).orderBy(desc(tips.filedAt), asc(tips.id)).limit(limit)
  const events = await eventsOf(
    db,
    rows.map((r) => r.id),
  )
  return rows.map((r) => toStoredTip(r, events.get(r.id) ?? []))
}
