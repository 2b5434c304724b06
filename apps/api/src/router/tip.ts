import { randomUUID } from "node:crypto"
import { findTipByCode, insertTip, loadGrids } from "@firegrid/db"
import { type GridId, HAZARD_CATEGORY_LABEL, HazardCategory, routeTip } from "@firegrid/domain"
import { TRPCError } from "@trpc/server"
import { Either, Schema } from "effect"
import { newTrackingCode, normalizeTrackingCode } from "../tracking-code.ts"
import { badField, publicProcedure, rateLimitedProcedure, router } from "../trpc.ts"
import { OptionalText, required, standard, Text } from "./input.ts"

/** A hazard tip from the public (T-1): where, what, and an optional way to reach the filer. */
export const FileTip = Schema.Struct({
  gridId: required(Text("隐患所在的责任片区", 64), "请选择隐患所在的责任片区"),
  category: required(
    HazardCategory.annotations({ message: () => ({ message: "请选择隐患类别", override: true }) }),
    "请选择隐患类别",
  ),
  description: required(Text("隐患描述", 2000), "请填写隐患描述"),
  address: OptionalText("详细地址", 200),
  contact: OptionalText("联系方式", 100),
})

export const TipLookup = Schema.Struct({
  trackingCode: required(Text("查询码", 32), "请输入查询码"),
})

const STATUS_LABEL: Record<string, string> = {
  received: "已受理，等待核实",
}

export const tipRouter = router({
  file: rateLimitedProcedure.input(standard(FileTip)).mutation(async ({ ctx, input }) => {
    const routed = routeTip(await loadGrids(ctx.database.db), { gridId: input.gridId as GridId })
    if (Either.isLeft(routed)) throw badField("gridId", routed.left.message)
    const trackingCode = newTrackingCode()
    const { filedAt } = await insertTip(
      ctx.database.db,
      {
        id: randomUUID(),
        trackingCode,
        gridId: routed.right,
        category: input.category,
        description: input.description.trim(),
        address: input.address?.trim() || null,
        contact: input.contact?.trim() || null,
      },
      ctx.now(),
    )
    return { trackingCode, filedAt: filedAt.toISOString() }
  }),

  status: publicProcedure.input(standard(TipLookup)).query(async ({ ctx, input }) => {
    const tip = await findTipByCode(ctx.database.db, normalizeTrackingCode(input.trackingCode))
    if (!tip) throw new TRPCError({ code: "NOT_FOUND", message: "未找到该查询码对应的举报，请核对后重试" })
    return {
      trackingCode: tip.trackingCode,
      status: tip.status,
      statusLabel: STATUS_LABEL[tip.status] ?? tip.status,
      category: tip.category,
      categoryLabel: HAZARD_CATEGORY_LABEL[tip.category],
      description: tip.description,
      zoneName: tip.zoneName,
      filedAt: tip.filedAt.toISOString(),
      updatedAt: tip.updatedAt.toISOString(),
    }
  }),

  /** The categories a filer can choose from, with their Chinese names. */
  categories: publicProcedure.query(() =>
    HazardCategory.literals.map((value) => ({ value, label: HAZARD_CATEGORY_LABEL[value] })),
  ),
})
