import { gridSubtree, importUnits, loadGrids, unitNamesByZone } from "@firegrid/db"
import { ADMIN_ROLE_LABEL } from "@firegrid/domain"
import { TRPCError } from "@trpc/server"
import { Either } from "effect"
import type { Context, Hono } from "hono"
import { bodyLimit } from "hono/body-limit"
import { LEDGER_KEEPERS } from "./auth/ledger-roles.ts"
import { requireGridInScope } from "./auth/scope.ts"
import { type AppServices, makeRequestContext } from "./context.ts"
import { classifyError } from "./errors.ts"
import { checkImport } from "./services/unit-import.ts"
import { buildTemplate, readSheet, UnreadableSheet } from "./services/unit-sheet.ts"
import { zoneChoices } from "./services/zone-choices.ts"

const MAX_FILE_BYTES = 10 * 1024 * 1024
const STATUS = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, SERVICE_UNAVAILABLE: 503 } as const

class RouteFailure extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 413,
    message: string,
  ) {
    super(message)
  }
}

/** The signed-in ledger keeper and the grid (default: their own) whose zones the file may fill. */
const keeperAndGrid = async (c: Context, services: AppServices) => {
  const ctx = await makeRequestContext(services, c.req.raw, new Headers(), "units-import")
  if (!ctx.account) throw new RouteFailure(401, "请先登录")
  if (!LEDGER_KEEPERS.includes(ctx.account.role))
    throw new RouteFailure(403, `「${ADMIN_ROLE_LABEL[ctx.account.role]}」无权导入单位`)
  const gridId = c.req.query("gridId") || ctx.account.gridId
  await requireGridInScope(services.database.db, ctx.account, gridId)
  return { account: ctx.account, gridId }
}

const zoneScopeOf = async (services: AppServices, gridId: string) => {
  const db = services.database.db
  const [grids, subtree] = await Promise.all([loadGrids(db), gridSubtree(db, gridId)])
  return { grids, scopeIds: new Set(subtree) }
}

const answerFailure = (c: Context, error: unknown) => {
  if (error instanceof RouteFailure) return c.json({ error: error.message }, error.status)
  if (error instanceof UnreadableSheet) return c.json({ error: error.message }, 400)
  const classified = classifyError(error)
  if (classified instanceof TRPCError && classified.code in STATUS)
    return c.json({ error: classified.message }, STATUS[classified.code as keyof typeof STATUS])
  throw error
}

/**
 * Bulk import of units from a spreadsheet (G-1, G-9), beside tRPC because it takes a file: every row is
 * checked first; one bad row and nothing is imported, with every problem listed by row and column.
 */
export const mountUnitImport = (http: Hono, services: AppServices) => {
  http.get("/api/units/import-template.xlsx", async (c) => {
    try {
      const { gridId } = await keeperAndGrid(c, services)
      const { grids, scopeIds } = await zoneScopeOf(services, gridId)
      const template = await buildTemplate(zoneChoices(grids.filter((g) => scopeIds.has(g.id))))
      return c.body(new Uint8Array(template), 200, {
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "content-disposition": `attachment; filename="units-template.xlsx"; filename*=UTF-8''${encodeURIComponent("单位导入模板.xlsx")}`,
      })
    } catch (error) {
      return answerFailure(c, error)
    }
  })

  http.post(
    "/api/units/import",
    bodyLimit({ maxSize: MAX_FILE_BYTES, onError: (c) => c.json({ error: "文件不能超过 10 MB" }, 413) }),
    async (c) => {
      try {
        const { account, gridId } = await keeperAndGrid(c, services)
        const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>)
        const file = (body as Record<string, unknown>).file
        if (!(file instanceof File)) throw new RouteFailure(400, "请选择要导入的文件（表单字段 file）")
        const sheet = await readSheet(new Uint8Array(await file.arrayBuffer()))
        const scope = await zoneScopeOf(services, gridId)
        const zones = [...scope.scopeIds]
        const checked = checkImport(sheet, {
          ...scope,
          existingNames: await unitNamesByZone(services.database.db, zones),
        })
        if (Either.isLeft(checked))
          return c.json(
            { error: `导入文件有 ${checked.left.length} 处错误，未导入任何单位`, problems: checked.left },
            400,
          )
        await importUnits(
          services.database.db,
          checked.right,
          gridId,
          services.now(),
          account.id,
          file.name || "upload",
        )
        return c.json({ imported: checked.right.length, unitIds: checked.right.map((u) => u.id) })
      } catch (error) {
        return answerFailure(c, error)
      }
    },
  )
}
