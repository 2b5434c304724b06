import { type findGridRecord, listRoster } from "@firegrid/db"
import { Boundary, GRID_LEVEL_LABEL, GridRole, type LocalDate } from "@firegrid/domain"
import { Schema } from "effect"
import { LEDGER_KEEPERS, TREE_KEEPERS } from "../auth/ledger-roles.ts"
import { requireGridInScope } from "../auth/scope.ts"
import { createGrid, moveGrid, renameGrid, setGridBoundary } from "../services/grid-tree.ts"
import { assign, assignmentView } from "../services/roster.ts"
import { roleProcedure, signedInProcedure } from "../trpc.ts"
import { choice, OptionalText, required, standard, Text } from "./input.ts"
import { Since } from "./person.ts"

const GridRef = required(Text("网格", 64), "请指定网格")

const Code = Text("网格编码", 32).pipe(
  Schema.filter((s) => /^[0-9A-Za-z-]+$/.test(s.trim()), {
    message: () => "网格编码只能包含数字、字母和连字符",
  }),
)

export const CreateGrid = Schema.Struct({
  parentId: required(Text("上级网格", 64), "请选择上级网格"),
  name: required(Text("网格名称", 50), "请填写网格名称"),
  code: required(Code, "请填写网格编码"),
  location: OptionalText("位置与范围说明", 200),
})

export const RenameGrid = Schema.Struct({
  gridId: GridRef,
  name: required(Text("网格名称", 50), "请填写网格名称"),
  location: Schema.optional(
    Schema.NullOr(
      Schema.String.pipe(
        Schema.filter((s) => [...s].length <= 200, { message: () => "位置与范围说明不能超过 200 字" }),
      ),
    ).annotations({ message: () => "位置与范围说明应为文字" }),
  ),
})

export const SetBoundary = Schema.Struct({
  gridId: GridRef,
  boundary: required(
    Schema.NullOr(Boundary).annotations({
      message: () => ({
        message: '边界应为 GeoJSON Polygon：{ type: "Polygon", coordinates: [[[经度, 纬度], …]] }',
        override: true,
      }),
    }),
    "请提供边界（或 null 表示清除）",
  ),
})

export const MoveGrid = Schema.Struct({
  gridId: GridRef,
  parentId: required(Text("新的上级网格", 64), "请选择新的上级网格"),
})

export const AssignRole = Schema.Struct({
  gridId: GridRef,
  personId: required(Text("人员", 64), "请选择人员"),
  role: choice(GridRole, "请选择网格职责"),
  since: Schema.optional(Since),
})

const gridView = (g: NonNullable<Awaited<ReturnType<typeof findGridRecord>>>) => ({
  ...g,
  levelLabel: GRID_LEVEL_LABEL[g.level],
})

/**
 * Keeping the grid tree and its roster (G-1..G-4): added to the `grid` router beside tree/coverage.
 * Changing the tree is for the county and townships; the roster for every ledger keeper.
 */
export const gridAdminProcedures = {
  create: roleProcedure(...TREE_KEEPERS)
    .input(standard(CreateGrid))
    .mutation(async ({ ctx, input }) =>
      gridView(
        await createGrid(
          ctx.database.db,
          ctx.account,
          {
            parentId: input.parentId,
            name: input.name.trim(),
            code: input.code.trim(),
            location: input.location?.trim() || null,
          },
          ctx.now(),
        ),
      ),
    ),

  rename: roleProcedure(...TREE_KEEPERS)
    .input(standard(RenameGrid))
    .mutation(async ({ ctx, input }) =>
      gridView(
        await renameGrid(
          ctx.database.db,
          ctx.account,
          {
            gridId: input.gridId,
            name: input.name.trim(),
            location: input.location === undefined ? undefined : input.location?.trim() || null,
          },
          ctx.now(),
        ),
      ),
    ),

  setBoundary: roleProcedure(...TREE_KEEPERS)
    .input(standard(SetBoundary))
    .mutation(async ({ ctx, input }) =>
      gridView(await setGridBoundary(ctx.database.db, ctx.account, input, ctx.now())),
    ),

  move: roleProcedure(...TREE_KEEPERS)
    .input(standard(MoveGrid))
    .mutation(async ({ ctx, input }) =>
      gridView(await moveGrid(ctx.database.db, ctx.account, input, ctx.now())),
    ),

  /** A role for a person at a grid from a date; a new first-responsible person ends the previous one's term. */
  assign: roleProcedure(...LEDGER_KEEPERS)
    .input(standard(AssignRole))
    .mutation(async ({ ctx, input }) => {
      const since: LocalDate = input.since ?? ctx.today()
      return assign(ctx.database.db, ctx.account, { ...input, since }, ctx.now())
    }),

  /** Everyone who holds or held a role at this grid, current first (G-4: history is kept). */
  roles: signedInProcedure
    .input(standard(Schema.Struct({ gridId: GridRef })))
    .query(async ({ ctx, input }) => {
      await requireGridInScope(ctx.database.db, ctx.account, input.gridId)
      const today = ctx.today()
      const roster = (await listRoster(ctx.database.db, [input.gridId])).map((a) => assignmentView(a, today))
      return [...roster.filter((a) => a.current), ...roster.filter((a) => !a.current)]
    }),
}
