import { Schema } from "effect"
import { ArchiveEntryId, EscalationId, HazardId, NoticeId, TipId } from "./case-ids.ts"
import { GridId, UnitId } from "./ids.ts"
import { LocalDate } from "./local-date.ts"

/**
 * What an escalation leaves in a grid's fire-safety archive 档案/台账 (A-1, 六(二)): the seed's 建立档案 for a
 * unit that did not rectify (五(三)), the village's aggregated report (五(三)), the major-hazard ledger
 * (G二), the record of a tip answered late (T-3) and a case put before the joint meeting (五(五)).
 */
export const ArchiveEntryKind = Schema.Literal(
  "unrectifiedUnit",
  "recheckMissed",
  "villageOverdueReport",
  "majorHazardLedger",
  "tipOverdue",
  "jointMeetingCase",
)
export type ArchiveEntryKind = typeof ArchiveEntryKind.Type

export const ARCHIVE_ENTRY_KIND_LABEL: Record<ArchiveEntryKind, string> = {
  unrectifiedUnit: "未整改隐患单位档案",
  recheckMissed: "逾期未复查记录",
  villageOverdueReport: "逾期未整改隐患汇总上报",
  majorHazardLedger: "重大火灾隐患台账",
  tipOverdue: "举报超时未受理记录",
  jointMeetingCase: "提请联席会议研究事项",
}

/** One archive entry; its id is derived from the escalation's, so the same escalation never files twice. */
export const ArchiveEntry = Schema.Struct({
  id: ArchiveEntryId,
  /** The grid whose archive holds the entry. */
  gridId: GridId,
  on: LocalDate,
  kind: ArchiveEntryKind,
  title: Schema.String,
  escalationId: EscalationId,
  unitIds: Schema.Array(UnitId),
  hazardIds: Schema.Array(HazardId),
  noticeIds: Schema.Array(NoticeId),
  tipIds: Schema.Array(TipId),
})
export type ArchiveEntry = typeof ArchiveEntry.Type

export const archiveEntryIdFor = (escalationId: EscalationId): ArchiveEntryId =>
  `archive:${escalationId}` as ArchiveEntryId
