import { gridSubtree, listUnits, loadGrids } from "@firegrid/db"
import { noFlags, UnitFlags, UnitKind } from "@firegrid/domain"
import { Schema } from "effect"
import { LEDGER_KEEPERS } from "../auth/ledger-roles.ts"
import { requireGridInScope } from "../auth/scope.ts"
import { changeUnit, createUnit, recordOf, requireUnit, unitView } from "../services/units.ts"
import { roleProcedure, router, signedInProcedure } from "../trpc.ts"
import { choice, OptionalText, Point, required, standard, Text } from "./input.ts"

const Kind = UnitKind.annotations({ message: () => ({ message: "请选择单位类别", override: true }) })
const Flags = Schema.partialWith(UnitFlags, { exact: true }).annotations({
  message: () => ({ message: "重点单位等标记应为是或否", override: true }),
})
const Zone = Text("所在责任片区", 64)
const Address = Schema.NullOr(
  Schema.String.pipe(Schema.filter((s) => [...s].length <= 200, { message: () => "地址不能超过 200 字" })),
).annotations({ message: () => "地址应为文字" })

export const ListUnits = Schema.Struct({
  gridId: Schema.optional(Text("网格", 64)),
  kind: Schema.optional(Kind),
  flags: Schema.optional(Flags),
  q: OptionalText("单位名称关键字", 50),
  page: Schema.optional(
    Schema.Int.pipe(Schema.between(1, 100_000)).annotations({ message: () => "页码应为正整数" }),
  ),
  pageSize: Schema.optional(
    Schema.Int.pipe(Schema.between(1, 200)).annotations({ message: () => "每页条数应在 1 到 200 之间" }),
  ),
})

export const UnitRef = Schema.Struct({ unitId: required(Text("单位", 64), "请指定单位") })

export const CreateUnit = Schema.Struct({
  name: required(Text("单位名称", 100), "请填写单位名称"),
  kind: choice(UnitKind, "请选择单位类别"),
  flags: Schema.optional(Flags),
  address: Schema.optional(Address),
  location: Schema.optional(Schema.NullOr(Point)),
  gridId: required(Zone, "请选择所在责任片区"),
})

export const UpdateUnit = Schema.Struct({
  unitId: required(Text("单位", 64), "请指定单位"),
  name: Schema.optional(Text("单位名称", 100)),
  kind: Schema.optional(Kind),
  flags: Schema.optional(Flags),
  address: Schema.optional(Address),
  location: Schema.optional(Schema.NullOr(Point)),
  gridId: Schema.optional(Zone),
})

const zoneNames = async (db: Parameters<typeof loadGrids>[0]) =>
  new Map((await loadGrids(db)).map((g) => [g.id as string, g.name]))

/** The units ledger (G-1, G-6, G-9): who is listed where, of what kind, with which focus flags. */
export const unitRouter = router({
  /** Units in my subtree (or a grid of it), filtered by kind, flags and name, a page at a time. */
  list: signedInProcedure.input(standard(ListUnits)).query(async ({ ctx, input }) => {
    const db = ctx.database.db
    const gridId = input.gridId ?? ctx.account.gridId
    await requireGridInScope(db, ctx.account, gridId)
    const pageSize = input.pageSize ?? 50
    const page = input.page ?? 1
    const found = await listUnits(db, {
      gridIds: await gridSubtree(db, gridId),
      kind: input.kind,
      flags: input.flags,
      nameContains: input.q?.trim() || undefined,
      offset: (page - 1) * pageSize,
      limit: pageSize,
    })
    const names = await zoneNames(db)
    return {
      total: found.total,
      page,
      pageSize,
      units: found.units.map((u) => unitView(recordOf(u), u.gridId ? (names.get(u.gridId) ?? null) : null)),
    }
  }),

  get: signedInProcedure.input(standard(UnitRef)).query(async ({ ctx, input }) => {
    const stored = await requireUnit(ctx.database.db, ctx.account, input.unitId)
    const names = await zoneNames(ctx.database.db)
    return unitView(recordOf(stored), stored.gridId ? (names.get(stored.gridId) ?? null) : null)
  }),

  create: roleProcedure(...LEDGER_KEEPERS)
    .input(standard(CreateUnit))
    .mutation(async ({ ctx, input }) => {
      const created = await createUnit(
        ctx.database.db,
        ctx.account,
        {
          name: input.name.trim(),
          kind: input.kind,
          flags: { ...noFlags, ...input.flags },
          address: input.address?.trim() || null,
          location: input.location ?? null,
          gridId: input.gridId,
        },
        ctx.now(),
      )
      return unitView(created, (await zoneNames(ctx.database.db)).get(created.gridId) ?? null)
    }),

  update: roleProcedure(...LEDGER_KEEPERS)
    .input(standard(UpdateUnit))
    .mutation(async ({ ctx, input }) => {
      const { unitId, ...patch } = input
      const changed = await changeUnit(
        ctx.database.db,
        ctx.account,
        unitId,
        {
          ...patch,
          name: patch.name?.trim(),
          address: patch.address === undefined ? undefined : patch.address?.trim() || null,
        },
        ctx.now(),
      )
      return unitView(changed, (await zoneNames(ctx.database.db)).get(changed.gridId) ?? null)
    }),
})
