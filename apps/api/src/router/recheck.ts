import { findNotice } from "@firegrid/db"
import type { AdminRole } from "@firegrid/domain"
import { TRPCError } from "@trpc/server"
import { Schema } from "effect"
import { recordRecheck } from "../services/notices.ts"
import { roleProcedure, router } from "../trpc.ts"
import { Day, IdField } from "./case-input.ts"
import { OptionalText, required, standard, Text } from "./input.ts"

/** Rechecks are made by those who issue notices (H-3); the county may enter one. */
export const RECHECK_ROLES: ReadonlyArray<AdminRole> = [
  "countyAdmin",
  "townshipAdmin",
  "inspector",
  "villageAdmin",
]

const Result = Schema.Struct({
  hazardId: required(Text("隐患", 64), "请选择隐患"),
  rectified: required(
    Schema.Boolean.annotations({ message: () => ({ message: "请选择是否整改到位", override: true }) }),
    "请选择是否整改到位",
  ),
  note: OptionalText("复查情况", 500),
})

export const RecordRecheck = Schema.Struct({
  noticeId: IdField("整改通知书"),
  on: Schema.optional(Day("复查日期")),
  results: required(
    Schema.Array(Result).pipe(
      Schema.minItems(1, { message: () => "请至少填写一项隐患的复查结果" }),
      Schema.maxItems(50, { message: () => "复查结果最多 50 项" }),
    ),
    "请填写复查结果",
  ),
})

export const recheckRouter = router({
  /** 复查 (H-3): rectified hazards close, the others are marked for the archive and the 派出所. */
  record: roleProcedure(...RECHECK_ROLES)
    .input(standard(RecordRecheck))
    .mutation(async ({ ctx, input }) => {
      const db = ctx.database.db
      const notice = await findNotice(db, input.noticeId)
      if (!notice) throw new TRPCError({ code: "NOT_FOUND", message: "整改通知书不存在" })
      const recheck = await recordRecheck(db, ctx.account, notice, input, ctx.now(), ctx.today())
      return {
        id: recheck.id,
        noticeId: recheck.noticeId,
        on: recheck.on,
        passed: recheck.results.filter((r) => r.rectified).map((r) => r.hazardId),
        failed: recheck.results.filter((r) => !r.rectified).map((r) => r.hazardId),
      }
    }),
})
