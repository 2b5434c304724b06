import { randomUUID } from "node:crypto"
import {
  type Database,
  insertTips,
  loadGridsById,
  loadRoutingCandidates,
  type StoredTip,
  type TipFiling,
} from "@firegrid/db"
import {
  type Grid,
  type GridId,
  HAZARD_CATEGORY_LABEL,
  type HazardCategory,
  type LocalDate,
  replayTip,
  routeTip,
  TIP_EVENT_LABEL,
  TIP_STATE_LABEL,
  tipOpen311Status,
  UnknownGrid,
} from "@firegrid/domain"
import { Either } from "effect"
import { createBatcher } from "../batcher.ts"
import { isForeignKeyViolation } from "../errors.ts"
import { newTrackingCode } from "../tracking-code.ts"
import { badField, badFields } from "../trpc.ts"
import { type CleanPhoto, cleanPhoto, isFieldIssue } from "./photos.ts"

/** A tip as the public filed it, through the page or Open311, before routing. */
export interface TipSubmission {
  readonly gridId?: string | undefined
  readonly point?: readonly [number, number] | undefined
  readonly category: HazardCategory
  readonly description: string
  readonly address?: string | undefined
  readonly contact?: string | undefined
  readonly photos?: ReadonlyArray<Uint8Array> | undefined
  /** Open311's `media_url`: kept as a link, never fetched (a stranger's URL is not ours to request). */
  readonly mediaUrl?: string | undefined
}

/** How long a zone found for one tip is trusted for the next ones. */
const ZONE_MEMORY_MS = 60_000

export interface FiledTip {
  readonly tipId: string
  readonly trackingCode: string
  readonly filedAt: Date
  readonly gridId: GridId
}

/** Files public tips for one database; shared by the page's `tip.file` and Open311. */
export interface TipDesk {
  readonly file: (submission: TipSubmission, now: Date, today: LocalDate) => Promise<FiledTip>
}

/**
 * Routes, cleans and stores public tips (T-1, T-2). Every refusal names its field; nothing is stored
 * unless everything is right, and nothing is answered before it is committed. Concurrent filings share
 * their zone lookups and their transaction (group commit, ADR 0006): public filing is the path a flood
 * of reports takes, and round trips to the database are what it would otherwise queue on.
 */
export const createTipDesk = (db: Database): TipDesk => {
  const zones = createBatcher<string, Grid | undefined>({
    run: async (ids) => {
      const found = new Map((await loadGridsById(db, [...new Set(ids)])).map((g) => [g.id as string, g]))
      return ids.map((id) => found.get(id))
    },
    maxBatch: 200,
    maxInFlight: 2,
  })
  const storeRun = async (filings: ReadonlyArray<TipFiling>) => {
    await insertTips(db, filings)
    return filings.map(() => undefined)
  }
  // Text-only tips are small: up to a hundred share a statement, one statement at a time, so a flood
  // costs the database a commit per batch rather than per tip. A tip with photos carries up to 30 MB and
  // goes alone, so no statement ever holds more than one tip's pictures.
  const store = createBatcher<TipFiling, void>({ run: storeRun, maxBatch: 100, maxInFlight: 1 })
  const storePictured = createBatcher<TipFiling, void>({ run: storeRun, maxBatch: 1, maxInFlight: 2 })

  // Zones are renamed or moved now and then, deleted almost never, and a flood of tips names the same
  // few: a zone once found is remembered for a short while. Unknown ids are never remembered, so a zone
  // created a moment ago is found at once; one deleted meanwhile fails its tip's INSERT (foreign key),
  // which `file` answers as an unknown zone.
  const remembered = new Map<string, { readonly zone: Grid; readonly until: number }>()
  const zoneById = async (id: string): Promise<Grid | undefined> => {
    const now = Date.now()
    const known = remembered.get(id)
    if (known !== undefined && known.until > now) return known.zone
    const zone = await zones.submit(id)
    if (zone === undefined) remembered.delete(id)
    else remembered.set(id, { zone, until: now + ZONE_MEMORY_MS })
    return zone
  }

  // A point needs every mapped zone; a picked zone alone is one row, looked up with its neighbours'.
  const candidatesFor = async (submission: TipSubmission): Promise<ReadonlyArray<Grid>> => {
    if (submission.point !== undefined)
      return loadRoutingCandidates(db, { gridId: submission.gridId, withBoundaries: true })
    if (submission.gridId === undefined) return []
    const zone = await zoneById(submission.gridId)
    return zone === undefined ? [] : [zone]
  }

  return {
    file: async (submission, now, today) => {
      const routed = routeTip(await candidatesFor(submission), {
        gridId: submission.gridId as GridId | undefined,
        point: submission.point,
      })
      if (Either.isLeft(routed))
        throw badField(routed.left._tag === "OutsideEveryGrid" ? "point" : "gridId", routed.left.message)

      const cleaned = await Promise.all((submission.photos ?? []).map((bytes, i) => cleanPhoto(bytes, i)))
      const problems = cleaned.filter(isFieldIssue)
      if (problems.length > 0) throw badFields(problems)

      const tipId = randomUUID()
      const trackingCode = newTrackingCode()
      const filing: TipFiling = {
        tip: {
          id: tipId,
          trackingCode,
          gridId: routed.right,
          category: submission.category,
          description: submission.description.trim(),
          address: submission.address?.trim() || null,
          contact: submission.contact?.trim() || null,
          point: submission.point ?? null,
          receivedOn: today,
          mediaUrl: submission.mediaUrl ?? null,
        },
        at: now,
        photos: cleaned.filter((p): p is CleanPhoto => !isFieldIssue(p)),
      }
      try {
        await (filing.photos.length === 0 ? store : storePictured).submit(filing)
      } catch (error) {
        if (!isForeignKeyViolation(error)) throw error
        remembered.delete(routed.right)
        throw badField("gridId", new UnknownGrid({ gridId: routed.right }).message)
      }
      return { tipId, trackingCode, filedAt: now, gridId: routed.right }
    },
  }
}

/** What the filer may see: where it stands and its history, never who handled it or the contact. */
export const publicTipView = (stored: StoredTip) => {
  const state = Either.getOrNull(replayTip(stored.tip, stored.events))
  return {
    trackingCode: stored.tip.trackingCode,
    status: stored.status,
    statusLabel: TIP_STATE_LABEL[stored.status],
    open311Status: state ? tipOpen311Status(state) : "open",
    category: stored.tip.category,
    categoryLabel: HAZARD_CATEGORY_LABEL[stored.tip.category],
    description: stored.tip.description,
    zoneName: stored.zoneName,
    photoCount: stored.photoCount,
    filedAt: stored.filedAt.toISOString(),
    updatedAt: stored.updatedAt.toISOString(),
    history: [
      { on: stored.tip.receivedOn, label: TIP_STATE_LABEL.Received },
      ...stored.events.map((e) => ({ on: e.on, label: TIP_EVENT_LABEL[e._tag] })),
    ],
    /** The filer can push back on a closed tip (FixMyStreet #897, #285). */
    canReopen: stored.status === "Fixed" || stored.status === "Rejected" || stored.status === "Duplicate",
  }
}
