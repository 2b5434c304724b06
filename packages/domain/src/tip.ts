import { Either, Schema } from "effect"
import { HazardId, TipId } from "./case-ids.ts"
import { HazardCategory } from "./hazard-category.ts"
import { GridId, PersonId, UnitId } from "./ids.ts"
import { LocalDate } from "./local-date.ts"

/**
 * A hazard tip 群众举报 filed by anyone, without an account (T-1), routed to the small grid that contains
 * it (T-2). The filer follows it with the tracking code.
 */
export class Tip extends Schema.Class<Tip>("Tip")({
  id: TipId,
  trackingCode: Schema.NonEmptyTrimmedString,
  receivedOn: LocalDate,
  /** The small grid the tip was routed to. */
  gridId: GridId,
  unitId: Schema.optional(UnitId),
  category: HazardCategory,
  description: Schema.String,
  photos: Schema.Array(Schema.String),
  anonymous: Schema.Boolean,
  contact: Schema.optional(Schema.String),
}) {}

/**
 * Rich inside, simple outside (STYLE §3): received → acknowledged → verified / duplicate / rejected →
 * linked to a hazard → fixed → reopened by the filer as "not fixed" (FixMyStreet #897, #285).
 */
export const TipState = Schema.Union(
  Schema.TaggedStruct("Received", { since: LocalDate }),
  Schema.TaggedStruct("Acknowledged", { since: LocalDate, by: PersonId }),
  Schema.TaggedStruct("Verified", { since: LocalDate }),
  Schema.TaggedStruct("Duplicate", { since: LocalDate, of: TipId }),
  Schema.TaggedStruct("Rejected", { since: LocalDate, reason: Schema.NonEmptyTrimmedString }),
  Schema.TaggedStruct("Linked", { since: LocalDate, hazardId: HazardId }),
  Schema.TaggedStruct("Fixed", { since: LocalDate, hazardId: HazardId }),
  Schema.TaggedStruct("Reopened", { since: LocalDate, hazardId: HazardId, note: Schema.String }),
)
export type TipState = typeof TipState.Type
export type TipStateTag = TipState["_tag"]

export const TIP_STATE_LABEL: Record<TipStateTag, string> = {
  Received: "已收到",
  Acknowledged: "已受理",
  Verified: "已核实",
  Duplicate: "重复举报（已合并）",
  Rejected: "不予立案",
  Linked: "已立案（关联隐患）",
  Fixed: "已整改",
  Reopened: "举报人反馈未整改",
}

export const TipEvent = Schema.Union(
  Schema.TaggedStruct("Acknowledge", { on: LocalDate, by: PersonId }),
  Schema.TaggedStruct("Verify", { on: LocalDate }),
  /** T-3: a duplicate is linked to the tip it repeats, never lost. */
  Schema.TaggedStruct("MarkDuplicate", { on: LocalDate, of: TipId }),
  Schema.TaggedStruct("Reject", { on: LocalDate, reason: Schema.NonEmptyTrimmedString }),
  Schema.TaggedStruct("LinkHazard", { on: LocalDate, hazardId: HazardId }),
  Schema.TaggedStruct("MarkFixed", { on: LocalDate }),
  /** The filer says it is not fixed (or disputes a rejection); it goes back to the grid. */
  Schema.TaggedStruct("ReopenByFiler", { on: LocalDate, note: Schema.String }),
)
export type TipEvent = typeof TipEvent.Type
export type TipEventTag = TipEvent["_tag"]

export const TIP_EVENT_LABEL: Record<TipEventTag, string> = {
  Acknowledge: "受理",
  Verify: "核实",
  MarkDuplicate: "标记为重复举报",
  Reject: "不予立案",
  LinkHazard: "关联隐患",
  MarkFixed: "标记已整改",
  ReopenByFiler: "举报人反馈未整改",
}

export class InvalidTipTransition extends Schema.TaggedError<InvalidTipTransition>()("InvalidTipTransition", {
  tipId: TipId,
  from: Schema.String,
  event: Schema.String,
  reason: Schema.String,
}) {
  override get message(): string {
    return `举报 ${this.tipId}：${this.reason} / tip ${this.tipId}: cannot apply ${this.event} in state ${this.from}`
  }
}

export const initialTipState = (tip: Tip): TipState => ({ _tag: "Received", since: tip.receivedOn })

/** Which events each state accepts; everything else is an invalid transition. */
const ALLOWED: Record<TipStateTag, ReadonlyArray<TipEventTag>> = {
  Received: ["Acknowledge", "MarkDuplicate", "Reject"],
  Acknowledged: ["Verify", "MarkDuplicate", "Reject"],
  Verified: ["LinkHazard"],
  Duplicate: ["ReopenByFiler"],
  Rejected: ["ReopenByFiler"],
  Linked: ["MarkFixed"],
  Fixed: ["ReopenByFiler"],
  Reopened: ["LinkHazard", "MarkFixed"],
}

export const applyTipEvent = (
  tipId: TipId,
  state: TipState,
  event: TipEvent,
): Either.Either<TipState, InvalidTipTransition> => {
  const fail = (reason: string) =>
    Either.left(new InvalidTipTransition({ tipId, from: state._tag, event: event._tag, reason }))
  if (event.on < state.since)
    return fail(`事件日期 ${event.on} 早于当前状态日期 ${state.since}（事件须按日期先后记录）`)
  if (!ALLOWED[state._tag].includes(event._tag))
    return fail(`「${TIP_STATE_LABEL[state._tag]}」状态下不能${TIP_EVENT_LABEL[event._tag]}`)
  const on = event.on
  switch (event._tag) {
    case "Acknowledge":
      return Either.right({ _tag: "Acknowledged", since: on, by: event.by })
    case "Verify":
      return Either.right({ _tag: "Verified", since: on })
    case "MarkDuplicate":
      if (event.of === tipId) return fail("不能标记为自身的重复举报")
      return Either.right({ _tag: "Duplicate", since: on, of: event.of })
    case "Reject":
      return Either.right({ _tag: "Rejected", since: on, reason: event.reason })
    case "LinkHazard":
      return Either.right({ _tag: "Linked", since: on, hazardId: event.hazardId })
    case "MarkFixed": {
      const hazardId = state._tag === "Linked" || state._tag === "Reopened" ? state.hazardId : null
      if (hazardId === null) return fail("尚未关联隐患，不能标记已整改")
      return Either.right({ _tag: "Fixed", since: on, hazardId })
    }
    case "ReopenByFiler":
      // A rejected or merged tip that the filer disputes goes back to be looked at again.
      if (state._tag === "Fixed")
        return Either.right({ _tag: "Reopened", since: on, hazardId: state.hazardId, note: event.note })
      return Either.right({ _tag: "Received", since: on })
    default: {
      const never: never = event
      return never
    }
  }
}

export const replayTip = (
  tip: Tip,
  events: ReadonlyArray<TipEvent>,
): Either.Either<TipState, InvalidTipTransition> => {
  let state = initialTipState(tip)
  for (const event of events) {
    const next = applyTipEvent(tip.id, state, event)
    if (Either.isLeft(next)) return next
    state = next.right
  }
  return Either.right(state)
}

/** The first day the grid answered the tip (acknowledged, merged or rejected), or null: the T-3 clock stops here. */
export const tipFirstResponse = (events: ReadonlyArray<TipEvent>): LocalDate | null => {
  for (const e of events)
    if (e._tag === "Acknowledge" || e._tag === "MarkDuplicate" || e._tag === "Reject") return e.on
  return null
}

/** The last day the tip reached `Fixed` and was not reopened afterwards, or null. */
export const tipClosedOn = (events: ReadonlyArray<TipEvent>): LocalDate | null => {
  let closed: LocalDate | null = null
  for (const e of events) {
    if (e._tag === "MarkFixed" || e._tag === "Reject" || e._tag === "MarkDuplicate") closed = e.on
    else if (e._tag === "ReopenByFiler") closed = null
  }
  return closed
}

/** Open311 speaks only open/closed (STYLE §3). */
export const tipOpen311Status = (state: TipState): "open" | "closed" => {
  switch (state._tag) {
    case "Duplicate":
    case "Rejected":
    case "Fixed":
      return "closed"
    case "Received":
    case "Acknowledged":
    case "Verified":
    case "Linked":
    case "Reopened":
      return "open"
    default: {
      const never: never = state
      return never
    }
  }
}

/** The dates of a tip that escalation (T-3) and evaluation (S-1) measure. */
export interface TipTimeline {
  readonly tipId: TipId
  readonly gridId: GridId
  readonly receivedOn: LocalDate
  /** First acknowledgement, merge or rejection; null while unanswered. */
  readonly respondedOn: LocalDate | null
  /** Fixed (or closed as duplicate/rejected) and not reopened; null while open. */
  readonly closedOn: LocalDate | null
}

export const tipTimeline = (tip: Tip, events: ReadonlyArray<TipEvent>): TipTimeline => ({
  tipId: tip.id,
  gridId: tip.gridId,
  receivedOn: tip.receivedOn,
  respondedOn: tipFirstResponse(events),
  closedOn: tipClosedOn(events),
})
