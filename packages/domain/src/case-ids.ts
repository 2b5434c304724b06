import { Id } from "./ids.ts"

/**
 * Ids of the records in the closed loop from finding a hazard to closing it (SPEC §3, §4): hazards,
 * rectification notices, rechecks, public tips, escalations and the archive entries they leave.
 */
export const HazardId = Id("HazardId")
export type HazardId = typeof HazardId.Type
export const NoticeId = Id("NoticeId")
export type NoticeId = typeof NoticeId.Type
export const RecheckId = Id("RecheckId")
export type RecheckId = typeof RecheckId.Type
export const TipId = Id("TipId")
export type TipId = typeof TipId.Type
export const InspectionId = Id("InspectionId")
export type InspectionId = typeof InspectionId.Type
/** Derived from (trigger, subject), never random: recording the same escalation twice is impossible. */
export const EscalationId = Id("EscalationId")
export type EscalationId = typeof EscalationId.Type
export const ArchiveEntryId = Id("ArchiveEntryId")
export type ArchiveEntryId = typeof ArchiveEntryId.Type
