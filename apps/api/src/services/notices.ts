import { randomUUID } from "node:crypto"
import {
  type AccountRow,
  appendHazardEvent,
  type Database,
  findHazardsByIds,
  insertNotice,
  insertRecheck,
  loadGrids,
  lockHazards,
  nextNoticeSequence,
  rechecksOf,
  type StoredHazard,
} from "@firegrid/db"
import {
  applyHazardEvent,
  checkRecheck,
  formatNoticeNumber,
  type Grid,
  type GridId,
  type GridIndex,
  type HazardEvent,
  HazardId,
  type HazardState,
  indexGrids,
  issueNotice,
  isWithin,
  type LocalDate,
  NOTICE_ISSUER_LABEL,
  NOTICE_STATUS_LABEL,
  type Notice,
  NoticeId,
  type NoticeIssuer,
  noticeProgress,
  noticeStatus,
  Recheck,
  RecheckId,
  type RecheckResult,
  workdayPredicateOf,
  workdaysOf,
  yearOf,
} from "@firegrid/domain"
import { TRPCError } from "@trpc/server"
import { Either } from "effect"
import { requireGridInScope } from "../auth/scope.ts"
import { badField } from "../trpc.ts"
import { loadCalendar } from "./calendar.ts"
import { loadEscalationPolicy } from "./escalation-policy.ts"

export type IssuerKind = "townshipOffice" | "villageGroup"

const conflict = (message: string) => new TRPCError({ code: "CONFLICT", message })

/** Loads hazards by id and checks each is in the caller's scope; an unknown id is NOT_FOUND. */
const hazardsInScope = async (db: Database, account: AccountRow, ids: ReadonlyArray<string>) => {
  const found = await findHazardsByIds(db, ids)
  const missing = ids.filter((id) => !found.some((h) => h.hazard.id === id))
  if (missing.length > 0)
    throw new TRPCError({ code: "NOT_FOUND", message: `隐患 ${missing.join("、")} 不存在` })
  for (const gridId of new Set(found.map((h) => h.hazard.gridId)))
    await requireGridInScope(db, account, gridId)
  return found
}

/** 告成镇 → 告成安监改; 曲河村 → 曲河村检改: the prefix of an issuer's notice numbers [design]. */
export const noticePrefix = (issuer: NoticeIssuer, grid: Grid): string =>
  issuer._tag === "TownshipOffice"
    ? `${grid.name.replace(/(街道办事处|办事处|街道|镇|乡)$/u, "")}安监改`
    : `${grid.name}检改`

/** 告成镇安监办 / 曲河村消防安全检查组, as the notice is signed. */
export const issuerName = (issuer: NoticeIssuer, grids: GridIndex): string => {
  const name = grids.byId.get(issuer.gridId)?.name ?? issuer.gridId
  return issuer._tag === "TownshipOffice" ? `${name}安监办` : `${name}消防安全检查组`
}

/**
 * Who issues (H-2, 五(三)): the township's 安监办 or the village's inspection group above the unit. Unless
 * the clerk says which, a township account issues for the township and a village account for its village;
 * a county clerk entering a notice follows the inspecting grid of the first hazard.
 */
const issuerFor = (
  grids: GridIndex,
  account: AccountRow,
  hazard: StoredHazard,
  asked: IssuerKind | undefined,
): NoticeIssuer => {
  const anchor = grids.byId.get(account.gridId)
  const inspectedBy =
    hazard.hazard.source._tag === "Inspection" ? grids.byId.get(hazard.hazard.source.byGridId) : undefined
  const kind: IssuerKind =
    asked ??
    (anchor?.level === "medium" || (anchor?.level !== "large" && inspectedBy?.level === "medium")
      ? "villageGroup"
      : "townshipOffice")
  const level = kind === "townshipOffice" ? "large" : "medium"
  const zone = hazard.hazard.gridId
  const grid =
    grids.byId.get(zone)?.level === level
      ? grids.byId.get(zone)
      : grids.ancestors(zone).find((g) => g.level === level)
  if (!grid)
    throw conflict(
      `单位所在网格之上没有${kind === "townshipOffice" ? "乡镇" : "村（社区）"}，无法确定下发单位`,
    )
  return kind === "townshipOffice"
    ? { _tag: "TownshipOffice", gridId: grid.id }
    : { _tag: "VillageInspectionGroup", gridId: grid.id }
}

/** Applies one event to each hazard, all or nothing: the first illegal step is a CONFLICT in the domain's words. */
const stepAll = (
  locked: ReadonlyArray<StoredHazard>,
  eventOf: (stored: StoredHazard) => HazardEvent,
): ReadonlyArray<{ stored: StoredHazard; event: HazardEvent; next: HazardState }> =>
  locked.map((stored) => {
    const event = eventOf(stored)
    const next = applyHazardEvent(stored.hazard.id, stored.state, event)
    if (Either.isLeft(next)) throw conflict(next.left.message)
    return { stored, event, next: next.right }
  })

export interface IssueRequest {
  readonly hazardIds: ReadonlyArray<string>
  readonly deadline: LocalDate
  readonly issuedOn?: LocalDate | undefined
  readonly issuer?: IssuerKind | undefined
}

/**
 * Issues a 隐患整改通知书 (H-2): the domain checks who may issue for which findings; the number is the
 * issuer's next for the year; the notice and its hazards' `IssueNotice` events are one transaction.
 */
export const issueNoticeFor = async (
  db: Database,
  account: AccountRow,
  request: IssueRequest,
  at: Date,
  today: LocalDate,
): Promise<Notice> => {
  const issuedOn = request.issuedOn ?? today
  if (issuedOn > today) throw badField("issuedOn", "下发日期不能晚于今天")
  const ids = [...new Set(request.hazardIds)]
  const found = await hazardsInScope(db, account, ids)
  const grids = indexGrids(await loadGrids(db))
  const issuer = issuerFor(grids, account, found[0]!, request.issuer)
  await requireGridInScope(db, account, issuer.gridId)
  const issuerGrid = grids.byId.get(issuer.gridId)!
  const year = yearOf(issuedOn)
  return db.transaction(async (tx) => {
    const locked = await lockHazards(tx, ids)
    const byId = new Map<string, StoredHazard>(locked.map((h) => [h.hazard.id, h]))
    const hazards = ids.map((id) => byId.get(id)!.hazard)
    const seq = await nextNoticeSequence(tx, issuer.gridId, year)
    const notice = issueNotice(grids, {
      id: NoticeId.make(randomUUID()),
      number: formatNoticeNumber(noticePrefix(issuer, issuerGrid), year, seq),
      issuer,
      hazards,
      issuedOn,
      deadline: request.deadline,
    })
    if (Either.isLeft(notice)) throw new TRPCError({ code: "BAD_REQUEST", message: notice.left.reason })
    const steps = stepAll(locked, () => ({ _tag: "IssueNotice", on: issuedOn, noticeId: notice.right.id }))
    await insertNotice(tx, notice.right, account.id, at)
    for (const step of steps) await appendHazardEvent(tx, { ...step, actor: account.id, at })
    return notice.right
  })
}

export interface RecheckRequest {
  readonly noticeId: string
  readonly on?: LocalDate | undefined
  readonly results: ReadonlyArray<{
    readonly hazardId: string
    readonly rectified: boolean
    readonly note?: string | undefined
  }>
}

/**
 * Records a recheck 复查 (H-3): each hazard found rectified is closed, each not rectified is marked
 * `RecheckFailed` — the sweep then files the archive entry and the report to the 派出所. The township
 * rechecks its own and its villages' notices; a village only those of its inspection group.
 */
export const recordRecheck = async (
  db: Database,
  account: AccountRow,
  notice: Notice,
  request: RecheckRequest,
  at: Date,
  today: LocalDate,
): Promise<Recheck> => {
  const on = request.on ?? today
  if (on > today) throw badField("on", "复查日期不能晚于今天")
  await requireGridInScope(db, account, notice.gridId)
  const grids = indexGrids(await loadGrids(db))
  const issuerGrid = notice.issuer.gridId
  if (!isWithin(grids, issuerGrid, account.gridId as GridId))
    throw new TRPCError({
      code: "FORBIDDEN",
      message: `该通知书由${issuerName(notice.issuer, grids)}下发，应由其复查`,
    })
  const anchor = grids.byId.get(account.gridId as GridId)
  const byGridId = anchor?.level === "large" || anchor?.level === "medium" ? anchor.id : issuerGrid
  const seen = new Set<string>()
  for (const [i, r] of request.results.entries()) {
    if (seen.has(r.hazardId)) throw badField("results", `第 ${i + 1} 项：隐患 ${r.hazardId} 重复填写`)
    seen.add(r.hazardId)
  }
  const checked = checkRecheck(
    notice,
    Recheck.make({
      id: RecheckId.make(randomUUID()),
      noticeId: notice.id,
      on,
      byGridId,
      inspectors: [],
      results: request.results.map(
        (r): RecheckResult => ({
          hazardId: HazardId.make(r.hazardId),
          rectified: r.rectified,
          ...(r.note?.trim() ? { note: r.note.trim() } : {}),
        }),
      ) as unknown as Recheck["results"],
    }),
  )
  if (Either.isLeft(checked)) throw badField("results", checked.left.reason)
  const recheck = checked.right
  return db.transaction(async (tx) => {
    const locked = await lockHazards(
      tx,
      recheck.results.map((r) => r.hazardId),
    )
    const rectified = new Map(recheck.results.map((r) => [r.hazardId as string, r.rectified]))
    const steps = stepAll(locked, (s) =>
      rectified.get(s.hazard.id)
        ? { _tag: "PassRecheck", on, recheckId: recheck.id }
        : { _tag: "FailRecheck", on, recheckId: recheck.id },
    )
    await insertRecheck(tx, recheck, notice.gridId, account.id, at)
    for (const step of steps) await appendHazardEvent(tx, { ...step, actor: account.id, at })
    return recheck
  })
}

/** Where each notice stands today (open / overdue / closed), under the county's recheck rules. */
export const noticeStatuses = async (db: Database, notices: ReadonlyArray<Notice>, today: LocalDate) => {
  const [rechecks, policy, calendar] = await Promise.all([
    rechecksOf(
      db,
      notices.map((n) => n.id),
    ),
    loadEscalationPolicy(db),
    loadCalendar(db),
  ])
  const workdays = workdaysOf(workdayPredicateOf(calendar))
  return notices.map((notice) => {
    const progress = noticeProgress(notice, rechecks, today, policy, workdays)
    const status = noticeStatus(progress, today)
    return {
      notice,
      progress,
      status,
      rechecks: rechecks.filter((r) => r.noticeId === notice.id),
    }
  })
}

/** A notice as pages list it. */
export const noticeView = (
  entry: Awaited<ReturnType<typeof noticeStatuses>>[number],
  names: { readonly unit: (id: string) => string; readonly issuer: (issuer: NoticeIssuer) => string },
) => {
  const { notice, progress, status } = entry
  return {
    id: notice.id,
    number: notice.number,
    unitId: notice.unitId,
    unitName: names.unit(notice.unitId),
    gridId: notice.gridId,
    issuer: notice.issuer,
    issuerKindLabel: NOTICE_ISSUER_LABEL[notice.issuer._tag],
    issuerName: names.issuer(notice.issuer),
    hazardIds: notice.hazardIds,
    issuedOn: notice.issuedOn,
    deadline: notice.deadline,
    recheckFrom: progress.recheckFrom,
    recheckDue: progress.recheckDue,
    unrectified: progress.unrectified,
    status,
    statusLabel: NOTICE_STATUS_LABEL[status._tag],
  }
}
