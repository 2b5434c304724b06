import { gridSubtree, listRoster } from "@firegrid/db"
import { GridRole, LocalDate } from "@firegrid/domain"
import { Schema } from "effect"
import { LEDGER_KEEPERS } from "../auth/ledger-roles.ts"
import { requireGridInScope } from "../auth/scope.ts"
import { assignmentView, createPerson } from "../services/roster.ts"
import { roleProcedure, router, signedInProcedure } from "../trpc.ts"
import { choice, OptionalText, required, standard, Text } from "./input.ts"

export const Since = LocalDate.annotations({
  message: () => ({ message: "任职日期应为 YYYY-MM-DD 格式的日期", override: true }),
})

export const CreatePerson = Schema.Struct({
  name: required(Text("姓名", 50), "请填写姓名"),
  title: OptionalText("职务", 50),
  phone: OptionalText("电话", 30),
  gridId: required(Text("网格", 64), "请选择此人任职的网格"),
  role: choice(GridRole, "请选择网格职责"),
  since: Schema.optional(Since),
})

export const ListPersons = Schema.Struct({
  gridId: Schema.optional(Text("网格", 64)),
  includePast: Schema.optional(Schema.Boolean.annotations({ message: () => "includePast 应为是或否" })),
})

/** People of the grids (五(一), G-3, G-4): who they are and which roles they hold where. */
export const personRouter = router({
  /** Registers a person with the role they take at a grid of mine (nobody is on no grid's roster). */
  create: roleProcedure(...LEDGER_KEEPERS)
    .input(standard(CreatePerson))
    .mutation(async ({ ctx, input }) =>
      createPerson(
        ctx.database.db,
        ctx.account,
        {
          name: input.name.trim(),
          title: input.title?.trim() || null,
          phone: input.phone?.trim() || null,
          gridId: input.gridId,
          role: input.role,
          since: input.since ?? ctx.today(),
        },
        ctx.now(),
      ),
    ),

  /** The people holding roles in my grids (or one grid's subtree), each with their roles. */
  list: signedInProcedure.input(standard(ListPersons)).query(async ({ ctx, input }) => {
    const db = ctx.database.db
    const gridId = input.gridId ?? ctx.account.gridId
    await requireGridInScope(db, ctx.account, gridId)
    const today = ctx.today()
    const roster = (await listRoster(db, await gridSubtree(db, gridId)))
      .map((a) => assignmentView(a, today))
      .filter((a) => input.includePast || a.current)
    const byPerson = new Map<string, { person: (typeof roster)[number]["person"]; roles: typeof roster }>()
    for (const a of roster) {
      const entry = byPerson.get(a.person.id) ?? { person: a.person, roles: [] }
      entry.roles.push(a)
      byPerson.set(a.person.id, entry)
    }
    return [...byPerson.values()].map(({ person, roles }) => ({
      ...person,
      roles: roles.map(({ person: _p, ...role }) => role),
    }))
  }),
})
