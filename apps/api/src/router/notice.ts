import {
  type AccountRow,
  type Database,
  findHazardsByIds,
  findNotice,
  gridSubtree,
  listNotices,
  loadGrids,
  unitNames,
} from "@firegrid/db"
import { type AdminRole, indexGrids, type LocalDate, type Notice, noticeDocument } from "@firegrid/domain"
import { TRPCError } from "@trpc/server"
import { Schema } from "effect"
import { requireGridInScope } from "../auth/scope.ts"
import { issueNoticeFor, issuerName, noticeStatuses, noticeView } from "../services/notices.ts"
import { roleProcedure, router, signedInProcedure } from "../trpc.ts"
import { Day, IdField, OptionalGrid } from "./case-input.ts"
import { required, standard, Text } from "./input.ts"

/** Who issues notices (H-2): the township 安监办 (admin, inspectors), a village's group; the county may enter one. */
export const NOTICE_ROLES: ReadonlyArray<AdminRole> = [
  "countyAdmin",
  "townshipAdmin",
  "inspector",
  "villageAdmin",
]

export const IssueNotice = Schema.Struct({
  hazardIds: required(
    Schema.Array(Text("隐患", 64)).pipe(
      Schema.minItems(1, { message: () => "请至少选择一项隐患" }),
      Schema.maxItems(50, { message: () => "一份通知书最多列 50 项隐患" }),
    ),
    "请选择要整改的隐患",
  ),
  deadline: required(Day("整改期限"), "请填写整改期限"),
  issuedOn: Schema.optional(Day("下发日期")),
  issuer: Schema.optional(
    Schema.Literal("townshipOffice", "villageGroup").annotations({
      message: () => ({ message: "下发单位应为乡镇安监办或村（社区）检查组", override: true }),
    }),
  ),
})

export const NoticeRef = Schema.Struct({ noticeId: IdField("整改通知书") })

export const ListNotices = Schema.Struct({
  gridId: OptionalGrid,
  status: Schema.optional(
    Schema.Literal("Open", "Overdue", "Closed").annotations({
      message: () => ({ message: "请选择有效的通知书状态", override: true }),
    }),
  ),
})

export const OverdueNotices = Schema.Struct({ gridId: OptionalGrid })

/** Notices for units in my grids (or one of them), with where each stands today. */
const noticesIn = async (db: Database, account: AccountRow, today: LocalDate, gridId: string | undefined) => {
  const root = gridId ?? account.gridId
  await requireGridInScope(db, account, root)
  const notices = await listNotices(db, await gridSubtree(db, root))
  const [statuses, names, grids] = await Promise.all([
    noticeStatuses(db, notices, today),
    unitNames(
      db,
      notices.map((n) => n.unitId),
    ),
    loadGrids(db).then(indexGrids),
  ])
  return statuses.map((s) =>
    noticeView(s, { unit: (id) => names.get(id) ?? id, issuer: (i) => issuerName(i, grids) }),
  )
}

const findInScope = async (db: Database, account: AccountRow, id: string): Promise<Notice> => {
  const notice = await findNotice(db, id)
  if (!notice) throw new TRPCError({ code: "NOT_FOUND", message: "整改通知书不存在" })
  await requireGridInScope(db, account, notice.gridId)
  return notice
}

export const noticeRouter = router({
  /** 隐患整改通知书 (H-2); its hazards move to NoticeIssued in the same transaction. */
  issue: roleProcedure(...NOTICE_ROLES)
    .input(standard(IssueNotice))
    .mutation(async ({ ctx, input }) => {
      const notice = await issueNoticeFor(ctx.database.db, ctx.account, input, ctx.now(), ctx.today())
      return { id: notice.id, number: notice.number, issuedOn: notice.issuedOn, deadline: notice.deadline }
    }),

  /** The notice with the words of its one-page A4 document, its rechecks and where it stands. */
  get: signedInProcedure.input(standard(NoticeRef)).query(async ({ ctx, input }) => {
    const db = ctx.database.db
    const notice = await findInScope(db, ctx.account, input.noticeId)
    const [[status], hazards, names, grids] = await Promise.all([
      noticeStatuses(db, [notice], ctx.today()),
      findHazardsByIds(db, notice.hazardIds),
      unitNames(db, [notice.unitId]),
      loadGrids(db).then(indexGrids),
    ])
    const unitName = names.get(notice.unitId) ?? notice.unitId
    return {
      ...noticeView(status!, { unit: () => unitName, issuer: (i) => issuerName(i, grids) }),
      document: noticeDocument(notice, {
        unitName,
        issuerName: issuerName(notice.issuer, grids),
        hazards: hazards.map((h) => h.hazard),
      }),
      rechecks: status!.rechecks,
    }
  }),

  list: signedInProcedure.input(standard(ListNotices)).query(async ({ ctx, input }) => {
    const all = await noticesIn(ctx.database.db, ctx.account, ctx.today(), input.gridId)
    return input.status ? all.filter((n) => n.status._tag === input.status) : all
  }),

  /** Notices past their deadline and not closed by a passed recheck (H-3), most overdue first. */
  overdue: signedInProcedure
    .input(standard(OverdueNotices))
    .query(async ({ ctx, input }) =>
      (await noticesIn(ctx.database.db, ctx.account, ctx.today(), input.gridId))
        .filter((n) => n.status._tag === "Overdue")
        .sort((a, b) => (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0)),
    ),
})
