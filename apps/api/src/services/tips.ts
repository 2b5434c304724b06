import { randomUUID } from "node:crypto"
import { type Database, insertTip, loadRoutingCandidates, type StoredTip } from "@firegrid/db"
import {
  type GridId,
  HAZARD_CATEGORY_LABEL,
  type HazardCategory,
  type LocalDate,
  replayTip,
  routeTip,
  TIP_EVENT_LABEL,
  TIP_STATE_LABEL,
  tipOpen311Status,
} from "@firegrid/domain"
import { Either } from "effect"
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

/**
 * Routes, cleans and stores a public tip (T-1, T-2). Every refusal names its field; nothing is stored
 * unless everything is right.
 */
export const fileTip = async (
  db: Database,
  submission: TipSubmission,
  now: Date,
  today: LocalDate,
): Promise<{ tipId: string; trackingCode: string; filedAt: Date; gridId: GridId }> => {
  const candidates = await loadRoutingCandidates(db, {
    gridId: submission.gridId,
    withBoundaries: submission.point !== undefined,
  })
  const routed = routeTip(candidates, {
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
  const { filedAt } = await insertTip(
    db,
    {
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
    now,
    cleaned.filter((p): p is CleanPhoto => !isFieldIssue(p)),
  )
  return { tipId, trackingCode, filedAt, gridId: routed.right }
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
