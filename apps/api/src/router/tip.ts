import {
  appendTipEvent,
  findTipByCode,
  findTipById,
  gridSubtree,
  listTips,
  type StoredTip,
} from "@firegrid/db"
import {
  applyTipEvent,
  HAZARD_CATEGORY_LABEL,
  HazardCategory,
  HazardId,
  type LocalDate,
  PersonId,
  replayTip,
  TIP_STATE_LABEL,
  type TipEvent,
  TipId,
} from "@firegrid/domain"
import { TRPCError } from "@trpc/server"
import { Either, Schema } from "effect"
import { requireGridInScope } from "../auth/scope.ts"
import { MAX_PHOTOS } from "../services/photos.ts"
import { publicTipView } from "../services/tips.ts"
import { normalizeTrackingCode } from "../tracking-code.ts"
import { publicProcedure, rateLimitedProcedure, router, signedInProcedure } from "../trpc.ts"
import { choice, formOrJson, OptionalText, Point, required, standard, Text } from "./input.ts"

const Photo = Schema.Union(Schema.Uint8ArrayFromSelf, Schema.instanceOf(File)).annotations({
  message: () => ({ message: "照片应为图片文件", override: true }),
})

/** A hazard tip from the public (T-1): where, what, photos, and an optional way to reach the filer. */
export const FileTip = Schema.Struct({
  gridId: Schema.optional(Text("隐患所在的责任片区", 64)),
  point: Schema.optional(Point),
  category: choice(HazardCategory, "请选择隐患类别"),
  description: required(Text("隐患描述", 2000), "请填写隐患描述"),
  address: OptionalText("详细地址", 200),
  contact: OptionalText("联系方式", 100),
  photos: Schema.optional(
    Schema.Array(Photo).pipe(Schema.maxItems(MAX_PHOTOS, { message: () => `最多上传 ${MAX_PHOTOS} 张照片` })),
  ),
})

/** Where is required: a zone picked from the lists, or a point on the map. */
const placeGiven = (tip: Record<string, unknown>) =>
  tip.gridId === undefined && tip.point === undefined
    ? [{ path: ["gridId"], message: "请选择隐患所在的责任片区" }]
    : []

const fromForm = (form: FormData) => {
  const text = (name: string) => {
    const value = form.get(name)
    return typeof value === "string" && value !== "" ? value : undefined
  }
  const lon = text("lon")
  const lat = text("lat")
  const photos = form.getAll("photos")
  return Object.fromEntries(
    Object.entries({
      gridId: text("gridId"),
      point: lon !== undefined && lat !== undefined ? [Number(lon), Number(lat)] : undefined,
      category: text("category"),
      description: text("description"),
      address: text("address"),
      contact: text("contact"),
      photos: photos.length > 0 ? photos : undefined,
    }).filter(([, v]) => v !== undefined),
  )
}

export const TipLookup = Schema.Struct({ trackingCode: required(Text("查询码", 32), "请输入查询码") })

export const ReopenTip = Schema.Struct({
  trackingCode: required(Text("查询码", 32), "请输入查询码"),
  note: required(Text("未整改的情况说明", 1000), "请说明隐患仍未整改的情况"),
})

/** What a grid can do with a tip in its area (T-3); the domain decides whether it may. */
export const TipAction = Schema.Union(
  Schema.TaggedStruct("Acknowledge", {}),
  Schema.TaggedStruct("Verify", {}),
  Schema.TaggedStruct("MarkDuplicate", { of: TipId }),
  Schema.TaggedStruct("Reject", { reason: Text("不予立案的理由", 500) }),
  Schema.TaggedStruct("LinkHazard", { hazardId: HazardId }),
  Schema.TaggedStruct("MarkFixed", {}),
)
export const ActOnTip = Schema.Struct({
  tipId: required(TipId, "请指定举报"),
  action: required(TipAction, "请选择操作"),
})
export const ListTips = Schema.Struct({
  gridId: Schema.optional(Text("网格", 64)),
  status: Schema.optional(
    Schema.Literal(...(Object.keys(TIP_STATE_LABEL) as [keyof typeof TIP_STATE_LABEL])),
  ),
})

const notFound = () => new TRPCError({ code: "NOT_FOUND", message: "未找到该查询码对应的举报，请核对后重试" })

/** Replays the log, applies the event, and stores it; an illegal step is a CONFLICT with the domain's words. */
const transition = async (
  db: Parameters<typeof appendTipEvent>[0],
  stored: StoredTip,
  event: TipEvent,
  actor: string,
  at: Date,
) => {
  const state = replayTip(stored.tip, stored.events)
  const next = Either.flatMap(state, (s) => applyTipEvent(stored.tip.id, s, event))
  if (Either.isLeft(next)) throw new TRPCError({ code: "CONFLICT", message: next.left.message })
  await appendTipEvent(db, {
    tipId: stored.tip.id,
    gridId: stored.tip.gridId,
    expectedEvents: stored.events.length,
    event,
    status: next.right._tag,
    actor,
    at,
  })
  return next.right
}

/** The dated domain event for an admin's action; the acknowledging account stands for the person. */
const eventFor = (action: typeof TipAction.Type, on: LocalDate, accountId: string): TipEvent => {
  switch (action._tag) {
    case "Acknowledge":
      return { _tag: "Acknowledge", on, by: PersonId.make(accountId) }
    case "Reject":
      return { _tag: "Reject", on, reason: action.reason.trim() }
    case "MarkDuplicate":
    case "LinkHazard":
    case "Verify":
    case "MarkFixed":
      return { ...action, on }
  }
}

const adminTipView = (stored: StoredTip) => ({
  ...publicTipView(stored),
  id: stored.tip.id,
  gridId: stored.tip.gridId,
  address: stored.address,
  point: stored.point,
  contact: stored.tip.contact ?? null,
})

export const tipRouter = router({
  file: rateLimitedProcedure
    .input(formOrJson(FileTip, fromForm, placeGiven))
    .mutation(async ({ ctx, input }) => {
      const photos = await Promise.all(
        (input.photos ?? []).map(async (p) =>
          p instanceof File ? new Uint8Array(await p.arrayBuffer()) : p,
        ),
      )
      const filed = await ctx.tipDesk.file({ ...input, photos }, ctx.now(), ctx.today())
      return { trackingCode: filed.trackingCode, filedAt: filed.filedAt.toISOString() }
    }),

  status: publicProcedure.input(standard(TipLookup)).query(async ({ ctx, input }) => {
    const stored = await findTipByCode(ctx.database.db, normalizeTrackingCode(input.trackingCode))
    if (!stored) throw notFound()
    return publicTipView(stored)
  }),

  /** The filer says a "fixed" tip is not fixed: it goes back to the grid (FixMyStreet #897). */
  reopen: rateLimitedProcedure.input(standard(ReopenTip)).mutation(async ({ ctx, input }) => {
    const stored = await findTipByCode(ctx.database.db, normalizeTrackingCode(input.trackingCode))
    if (!stored) throw notFound()
    const event: TipEvent = { _tag: "ReopenByFiler", on: ctx.today(), note: input.note.trim() }
    await transition(ctx.database.db, stored, event, "public", ctx.now())
    return publicTipView((await findTipById(ctx.database.db, stored.tip.id))!)
  }),

  /** Tips routed into my grids, newest first. */
  list: signedInProcedure.input(standard(ListTips)).query(async ({ ctx, input }) => {
    const gridId = input.gridId ?? ctx.account.gridId
    await requireGridInScope(ctx.database.db, ctx.account, gridId)
    const tips = await listTips(ctx.database.db, await gridSubtree(ctx.database.db, gridId), input.status)
    return tips.map(adminTipView)
  }),

  act: signedInProcedure.input(standard(ActOnTip)).mutation(async ({ ctx, input }) => {
    const stored = await findTipById(ctx.database.db, input.tipId)
    if (!stored) throw new TRPCError({ code: "NOT_FOUND", message: "举报不存在" })
    await requireGridInScope(ctx.database.db, ctx.account, stored.tip.gridId)
    const event = eventFor(input.action, ctx.today(), ctx.account.id)
    await transition(ctx.database.db, stored, event, ctx.account.id, ctx.now())
    return adminTipView((await findTipById(ctx.database.db, stored.tip.id))!)
  }),

  /** The categories a filer can choose from, with their Chinese names. */
  categories: publicProcedure.query(() =>
    HazardCategory.literals.map((value) => ({ value, label: HAZARD_CATEGORY_LABEL[value] })),
  ),
})
