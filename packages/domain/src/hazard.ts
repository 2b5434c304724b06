import { Either, Schema } from "effect"
import { EscalationId, HazardId, InspectionId, NoticeId, RecheckId, TipId } from "./case-ids.ts"
import { HazardCategory } from "./hazard-category.ts"
import { GridId, PersonId, UnitId } from "./ids.ts"
import { LocalDate } from "./local-date.ts"

/** General or major 重大火灾隐患 (H-6); major is decided by the GB 35181 method, see `major-hazard.ts`. */
export const HazardSeverity = Schema.Literal("general", "major")
export type HazardSeverity = typeof HazardSeverity.Type
export const HAZARD_SEVERITY_LABEL: Record<HazardSeverity, string> = {
  general: "一般火灾隐患",
  major: "重大火灾隐患",
}

/** How the hazard came to light (H-1): a grid's inspection, or a public tip that was verified. */
export const HazardSource = Schema.Union(
  Schema.TaggedStruct("Inspection", {
    /** The grid whose people inspected: a township (inspection day) or a village (weekly check). */
    byGridId: GridId,
    inspectionId: Schema.optional(InspectionId),
  }),
  Schema.TaggedStruct("Tip", { tipId: TipId }),
)
export type HazardSource = typeof HazardSource.Type

/** A fire hazard recorded against a unit (H-1). */
export class Hazard extends Schema.Class<Hazard>("Hazard")({
  id: HazardId,
  unitId: UnitId,
  /** The small grid 责任片区 the unit lies in when the hazard is found. */
  gridId: GridId,
  category: HazardCategory,
  description: Schema.NonEmptyTrimmedString,
  photos: Schema.Array(Schema.String),
  foundOn: LocalDate,
  foundBy: Schema.Array(PersonId),
  source: HazardSource,
  severity: HazardSeverity,
}) {}

// ---------------------------------------------------------------------------------------------------
// Lifecycle: found → notice issued → rectifying → closed by a passed recheck, or recheck failed →
// escalated → (new notice, joint enforcement …) → closed. States and events are data so the API can
// store the event log; `applyHazardEvent` is the only way from one state to the next.
// ---------------------------------------------------------------------------------------------------

export const HazardState = Schema.Union(
  Schema.TaggedStruct("Found", { since: LocalDate }),
  Schema.TaggedStruct("NoticeIssued", { since: LocalDate, noticeId: NoticeId }),
  Schema.TaggedStruct("Rectifying", { since: LocalDate, noticeId: NoticeId }),
  Schema.TaggedStruct("RecheckFailed", { since: LocalDate, noticeId: NoticeId, recheckId: RecheckId }),
  Schema.TaggedStruct("Escalated", {
    since: LocalDate,
    noticeId: Schema.NullOr(NoticeId),
    escalationIds: Schema.Array(EscalationId),
  }),
  Schema.TaggedStruct("Closed", {
    since: LocalDate,
    how: Schema.Literal("recheckPassed", "rectifiedOnSpot"),
    recheckId: Schema.NullOr(RecheckId),
  }),
)
export type HazardState = typeof HazardState.Type
export type HazardStateTag = HazardState["_tag"]

export const HAZARD_STATE_LABEL: Record<HazardStateTag, string> = {
  Found: "已发现",
  NoticeIssued: "已下发整改通知书",
  Rectifying: "整改中",
  RecheckFailed: "复查未通过",
  Escalated: "已上报",
  Closed: "已销案",
}

export const HazardEvent = Schema.Union(
  /** 隐患整改通知书 served (H-2); a new notice may follow a failed recheck or an escalation. */
  Schema.TaggedStruct("IssueNotice", { on: LocalDate, noticeId: NoticeId }),
  /** The unit reports it has started the work. */
  Schema.TaggedStruct("StartRectification", { on: LocalDate }),
  /** 当场改正 (公安部令第120号 Art. 19): fixed while the inspectors watched, no notice needed. */
  Schema.TaggedStruct("RectifyOnSpot", { on: LocalDate }),
  Schema.TaggedStruct("PassRecheck", { on: LocalDate, recheckId: RecheckId }),
  Schema.TaggedStruct("FailRecheck", { on: LocalDate, recheckId: RecheckId }),
  /** Reported up the ladder (E-1); an escalated hazard can be escalated again further up. */
  Schema.TaggedStruct("Escalate", { on: LocalDate, escalationId: EscalationId }),
  /** The filer of the tip, or a later inspection, finds the hazard back (FixMyStreet #897). */
  Schema.TaggedStruct("Reopen", { on: LocalDate, reason: Schema.String }),
)
export type HazardEvent = typeof HazardEvent.Type
export type HazardEventTag = HazardEvent["_tag"]

export const HAZARD_EVENT_LABEL: Record<HazardEventTag, string> = {
  IssueNotice: "下发整改通知书",
  StartRectification: "开始整改",
  RectifyOnSpot: "当场改正",
  PassRecheck: "复查通过",
  FailRecheck: "复查未通过",
  Escalate: "上报",
  Reopen: "重新打开",
}

export class InvalidHazardTransition extends Schema.TaggedError<InvalidHazardTransition>()(
  "InvalidHazardTransition",
  {
    hazardId: HazardId,
    from: Schema.String,
    event: Schema.String,
    reason: Schema.String,
  },
) {
  override get message(): string {
    return `隐患 ${this.hazardId}：${this.reason} / hazard ${this.hazardId}: cannot apply ${this.event} in state ${this.from}`
  }
}

export const initialHazardState = (hazard: Hazard): HazardState => ({
  _tag: "Found",
  since: hazard.foundOn,
})

const noticeOf = (s: HazardState): NoticeId | null => {
  switch (s._tag) {
    case "NoticeIssued":
    case "Rectifying":
    case "RecheckFailed":
      return s.noticeId
    case "Escalated":
      return s.noticeId
    case "Found":
    case "Closed":
      return null
    default:
      return absurd(s)
  }
}

const absurd = (x: never): never => {
  throw new Error(`unreachable: ${JSON.stringify(x)}`)
}

/**
 * One step of the hazard state machine. Events must come in date order; an event that makes no sense
 * in the current state (a recheck before any notice, anything after closing except a reopening) is a
 * typed `InvalidHazardTransition` with a Chinese and English message.
 */
export const applyHazardEvent = (
  hazardId: HazardId,
  state: HazardState,
  event: HazardEvent,
): Either.Either<HazardState, InvalidHazardTransition> => {
  const fail = (reason: string) =>
    Either.left(new InvalidHazardTransition({ hazardId, from: state._tag, event: event._tag, reason }))
  if (event.on < state.since)
    return fail(`事件日期 ${event.on} 早于当前状态日期 ${state.since}（事件须按日期先后记录）`)
  const notice = noticeOf(state)
  const needsNotice = `「${HAZARD_STATE_LABEL[state._tag]}」状态下尚无整改通知书，不能${HAZARD_EVENT_LABEL[event._tag]}`
  const right = (s: HazardState) => Either.right<HazardState>(s)

  if (state._tag === "Closed") {
    return event._tag === "Reopen"
      ? right({ _tag: "Found", since: event.on })
      : fail(`隐患已销案，只能重新打开，不能${HAZARD_EVENT_LABEL[event._tag]}`)
  }
  switch (event._tag) {
    case "IssueNotice":
      if (state._tag === "NoticeIssued" || state._tag === "Rectifying")
        return fail(`已有整改通知书 ${notice}，在复查前不能重复下发`)
      return right({ _tag: "NoticeIssued", since: event.on, noticeId: event.noticeId })
    case "StartRectification":
      if (notice === null) return fail(needsNotice)
      if (state._tag === "Rectifying") return fail("已在整改中")
      return right({ _tag: "Rectifying", since: event.on, noticeId: notice })
    case "RectifyOnSpot":
      if (state._tag !== "Found") return fail("只有刚发现、尚未下发通知书的隐患可以当场改正")
      return right({ _tag: "Closed", since: event.on, how: "rectifiedOnSpot", recheckId: null })
    case "PassRecheck":
      if (notice === null) return fail(needsNotice)
      return right({ _tag: "Closed", since: event.on, how: "recheckPassed", recheckId: event.recheckId })
    case "FailRecheck":
      if (notice === null) return fail(needsNotice)
      return right({ _tag: "RecheckFailed", since: event.on, noticeId: notice, recheckId: event.recheckId })
    case "Escalate":
      return right({
        _tag: "Escalated",
        since: event.on,
        noticeId: notice,
        escalationIds:
          state._tag === "Escalated" ? [...state.escalationIds, event.escalationId] : [event.escalationId],
      })
    case "Reopen":
      return fail("隐患尚未销案，无需重新打开")
    default:
      return absurd(event)
  }
}

/** Replays a hazard's event log from `Found`; the first invalid event stops the replay. */
export const replayHazard = (
  hazard: Hazard,
  events: ReadonlyArray<HazardEvent>,
): Either.Either<HazardState, InvalidHazardTransition> => {
  let state = initialHazardState(hazard)
  for (const event of events) {
    const next = applyHazardEvent(hazard.id, state, event)
    if (Either.isLeft(next)) return next
    state = next.right
  }
  return Either.right(state)
}

export const isHazardOpen = (state: HazardState): boolean => state._tag !== "Closed"
