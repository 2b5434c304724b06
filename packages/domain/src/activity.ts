import { Schema } from "effect"
import { NoticeId } from "./case-ids.ts"
import { DepartmentId, GridId, PersonId, UnitId } from "./ids.ts"
import { LocalDate } from "./local-date.ts"
import { DepartmentKind } from "./person.ts"

export const ActivityId = Schema.NonEmptyTrimmedString.pipe(Schema.brand("ActivityId"))
export type ActivityId = typeof ActivityId.Type

/**
 * What a grid or department recorded as done (六(二): every piece of work is kept in the archive so it
 * "withstands checking by every level"). Duty rules say which kind of activity satisfies them.
 */
export const ActivityKind = Schema.Literal(
  "inspection",
  "recheck",
  "training",
  "publicity",
  "jointMeeting",
  "letter",
  "supervision",
  "evaluation",
)
export type ActivityKind = typeof ActivityKind.Type

export const ACTIVITY_KIND_LABEL: Record<ActivityKind, string> = {
  inspection: "消防安全检查（排查）",
  recheck: "复查",
  training: "消防安全培训",
  publicity: "消防安全宣传",
  jointMeeting: "联席会议",
  letter: "签订消防工作责任书",
  supervision: "督办",
  evaluation: "考评",
}

/** The "five enters" 五进 of a publicity day (五(四)). */
export const FiveEnters = Schema.Literal("community", "school", "enterprise", "village", "family")
export type FiveEnters = typeof FiveEnters.Type
export const FIVE_ENTERS_LABEL: Record<FiveEnters, string> = {
  community: "进社区",
  school: "进学校",
  enterprise: "进企业",
  village: "进农村",
  family: "进家庭",
}

/**
 * One recorded piece of work. Who did it is `gridId` (a township, village or zone acting for itself) or,
 * for a department's work, `departmentId` (with `gridId` the area the department serves). What it
 * covered depends on the kind:
 * - inspection: `unitIds` visited (a sweep can be recorded as one activity or as one per unit);
 * - recheck: `noticeIds` rechecked;
 * - training / evaluation / supervision: `gridIds` whose people were trained, evaluated or supervised;
 * - jointMeeting: `departmentKinds` that attended;
 * - letter: `gridIds` and/or `unitIds` that signed with the issuing grid this year;
 * - publicity: `fiveEnters` targets reached.
 */
export class Activity extends Schema.Class<Activity>("Activity")({
  id: ActivityId,
  kind: ActivityKind,
  gridId: GridId,
  departmentId: Schema.optional(DepartmentId),
  date: LocalDate,
  unitIds: Schema.optional(Schema.Array(UnitId)),
  noticeIds: Schema.optional(Schema.Array(NoticeId)),
  gridIds: Schema.optional(Schema.Array(GridId)),
  departmentKinds: Schema.optional(Schema.Array(DepartmentKind)),
  fiveEnters: Schema.optional(Schema.Array(FiveEnters)),
  /** People who took part (inspectors, trainees, signatories). */
  participants: Schema.optional(Schema.Array(PersonId)),
  note: Schema.optional(Schema.String),
}) {}

/** The part of a rectification notice the duty engine needs to know which notices a recheck must cover (D-2). */
export const NoticeIssued = Schema.Struct({
  id: NoticeId,
  /** The grid that issued it: the township's 安监办 (large grid) or a village inspection group. */
  issuedBy: GridId,
  issuedOn: LocalDate,
})
export type NoticeIssued = typeof NoticeIssued.Type
