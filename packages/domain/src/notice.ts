import { Either, Schema } from "effect"
import { HazardId, NoticeId } from "./case-ids.ts"
import type { GridIndex } from "./grid.ts"
import type { Hazard } from "./hazard.ts"
import { HAZARD_CATEGORY_LABEL } from "./hazard-category.ts"
import { GridId, UnitId } from "./ids.ts"
import { dayOf, LocalDate, monthOf, yearOf } from "./local-date.ts"

/**
 * Who issues a 隐患整改通知书 (H-2, 五(三)): findings of the township's inspection day → the township
 * work-safety office 安监办; findings of a village's weekly check → the village inspection group 检查组.
 */
export const NoticeIssuer = Schema.Union(
  Schema.TaggedStruct("TownshipOffice", { gridId: GridId }),
  Schema.TaggedStruct("VillageInspectionGroup", { gridId: GridId }),
)
export type NoticeIssuer = typeof NoticeIssuer.Type

export const NOTICE_ISSUER_LABEL: Record<NoticeIssuer["_tag"], string> = {
  TownshipOffice: "乡（镇、办事处）安监办",
  VillageInspectionGroup: "社区（行政村）检查组",
}

export class Notice extends Schema.Class<Notice>("Notice")({
  id: NoticeId,
  /** The printed number, e.g. 告成安监改〔2026〕003号. */
  number: Schema.NonEmptyTrimmedString,
  issuer: NoticeIssuer,
  unitId: UnitId,
  /** The small grid of the unit, so a notice is counted for its zone, village and township. */
  gridId: GridId,
  hazardIds: Schema.NonEmptyArray(HazardId),
  issuedOn: LocalDate,
  deadline: LocalDate,
}) {}

export class InvalidNotice extends Schema.TaggedError<InvalidNotice>()("InvalidNotice", {
  noticeId: NoticeId,
  reason: Schema.String,
  reasonEn: Schema.String,
}) {
  override get message(): string {
    return `整改通知书 ${this.noticeId}：${this.reason} / notice ${this.noticeId}: ${this.reasonEn}`
  }
}

export interface IssueNoticeInput {
  readonly id: NoticeId
  readonly number: string
  readonly issuer: NoticeIssuer
  readonly hazards: ReadonlyArray<Hazard>
  readonly issuedOn: LocalDate
  readonly deadline: LocalDate
}

/**
 * Issues a rectification notice for hazards found at one unit, checking H-2: the hazards share a unit, the
 * deadline is after the issue date, the issuer is the township office or a village group above the unit,
 * and inspection findings go out under the inspecting grid's name (a village cannot issue for the
 * township's inspection day, nor the reverse).
 */
export const issueNotice = (
  grids: GridIndex,
  input: IssueNoticeInput,
): Either.Either<Notice, InvalidNotice> => {
  const fail = (reason: string, reasonEn: string) =>
    Either.left(new InvalidNotice({ noticeId: input.id, reason, reasonEn }))
  const [first, ...rest] = input.hazards
  if (first === undefined) return fail("通知书至少要列一项隐患", "a notice lists at least one hazard")
  if (rest.some((h) => h.unitId !== first.unitId))
    return fail("一份通知书只能发给一个单位", "all hazards of a notice must be at one unit")
  if (input.deadline <= input.issuedOn)
    return fail(
      `整改期限 ${input.deadline} 须晚于下发日期 ${input.issuedOn}`,
      "the deadline must be after the issue date",
    )
  const early = input.hazards.find((h) => h.foundOn > input.issuedOn)
  if (early)
    return fail(
      `隐患 ${early.id} 发现于 ${early.foundOn}，晚于下发日期`,
      "a notice cannot precede its hazards",
    )
  const issuerGrid = grids.byId.get(input.issuer.gridId)
  const expectedLevel = input.issuer._tag === "TownshipOffice" ? "large" : "medium"
  if (issuerGrid?.level !== expectedLevel)
    return fail(
      `${NOTICE_ISSUER_LABEL[input.issuer._tag]}须属于${expectedLevel === "large" ? "乡镇（大网格）" : "村/社区（中网格）"}`,
      `issuer ${input.issuer._tag} must belong to a ${expectedLevel} grid`,
    )
  for (const h of input.hazards) {
    if (!grids.ancestors(h.gridId).some((g) => g.id === input.issuer.gridId))
      return fail(`单位不在「${issuerGrid.name}」辖区内`, "the unit is outside the issuer's grid")
    if (h.source._tag === "Inspection") {
      const by = grids.byId.get(h.source.byGridId)
      if (
        by !== undefined &&
        (by.level === "large" || by.level === "medium") &&
        by.id !== input.issuer.gridId
      )
        return fail(
          `隐患 ${h.id} 由「${by.name}」检查发现，应由其${by.level === "large" ? "安监办" : "检查组"}下发通知书（五(三)）`,
          "inspection findings are noticed by the inspecting grid (五(三))",
        )
    }
  }
  return Either.right(
    Notice.make({
      id: input.id,
      number: input.number,
      issuer: input.issuer,
      unitId: first.unitId,
      gridId: first.gridId,
      hazardIds: [first.id, ...rest.map((h) => h.id)],
      issuedOn: input.issuedOn,
      deadline: input.deadline,
    }),
  )
}

/** The printed number: `prefix〔year〕seq号`, seq zero-padded to three digits (e.g. 告成安监改〔2026〕003号). */
export const formatNoticeNumber = (prefix: string, year: number, seq: number): string =>
  `${prefix}〔${year}〕${String(seq).padStart(3, "0")}号`

/** 2026年3月5日 */
export const chineseDate = (d: LocalDate): string => `${yearOf(d)}年${monthOf(d)}月${dayOf(d)}日`

/** The content of a printed notice, one A4 page; the admin app lays it out, the words are decided here. */
export interface NoticeDocument {
  readonly paper: "A4"
  readonly title: string
  readonly number: string
  readonly addressee: string
  readonly opening: string
  readonly items: ReadonlyArray<{
    readonly no: number
    readonly category: string
    readonly description: string
  }>
  readonly requirement: string
  readonly consequence: string
  readonly issuerName: string
  readonly issuedOnText: string
  readonly receipt: ReadonlyArray<string>
  readonly copies: string
}

export interface NoticeDocumentContext {
  readonly unitName: string
  /** e.g. 告成镇安监办 or 曲河村消防安全检查组 */
  readonly issuerName: string
  readonly hazards: ReadonlyArray<Hazard>
}

/** The words of a 隐患整改通知书 (H-2), with the consequence the seed attaches to each issuer (五(三)). */
export const noticeDocument = (notice: Notice, ctx: NoticeDocumentContext): NoticeDocument => {
  const byId = new Map(ctx.hazards.map((h) => [h.id, h] as const))
  const items = notice.hazardIds.map((id, i) => {
    const h = byId.get(id)
    return {
      no: i + 1,
      category: h ? HAZARD_CATEGORY_LABEL[h.category] : "",
      description: h?.description ?? `（隐患 ${id}）`,
    }
  })
  const consequence =
    notice.issuer._tag === "TownshipOffice"
      ? "本办将于当月下旬统一复查。逾期未整改到位的，将建立档案并上报辖区派出所；构成重大火灾隐患的，移送消防救援机构。"
      : "检查组将于整改期满后复查。不能按期整改的，将由村（社区）汇总上报乡（镇、办事处）。"
  return {
    paper: "A4",
    title: "隐患整改通知书",
    number: notice.number,
    addressee: `${ctx.unitName}：`,
    opening: `${chineseDate(notice.issuedOn)}，经消防安全检查，发现你单位存在下列火灾隐患：`,
    items,
    requirement: `请你单位于${chineseDate(notice.deadline)}前将上述隐患整改完毕，整改期间采取有效措施确保消防安全。`,
    consequence,
    issuerName: ctx.issuerName,
    issuedOnText: chineseDate(notice.issuedOn),
    receipt: ["被检查单位签收人：", "签收日期：　　年　　月　　日"],
    copies: "本通知书一式两份，一份交被检查单位，一份存档。",
  }
}
