import { TRPCError } from "@trpc/server"
import { ParseResult, Schema } from "effect"
import type { Hono } from "hono"
import { requireGridInScope } from "./auth/scope.ts"
import { type AppServices, makeRequestContext } from "./context.ts"
import { classifyError } from "./errors.ts"
import { GridPeriod } from "./router/duty-input.ts"
import { buildLedger } from "./services/ledger.ts"

const STATUS: Partial<Record<TRPCError["code"], 403 | 404 | 503>> = {
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  SERVICE_UNAVAILABLE: 503,
}

const decodePeriod = Schema.decodeUnknownEither(GridPeriod, { errors: "all" })

/**
 * The archive ledger 台账 of a grid and period as a spreadsheet: binary, so served beside tRPC, with
 * the same session and scope rules. `GET /api/ledger/<gridId>.xlsx?from=YYYY-MM-DD&to=YYYY-MM-DD`.
 */
export const mountLedger = (http: Hono, services: AppServices) => {
  http.get("/api/ledger/:file", async (c) => {
    try {
      const ctx = await makeRequestContext(services, c.req.raw, new Headers(), "ledger")
      if (!ctx.account) return c.json({ error: "请先登录" }, 401)
      const file = c.req.param("file")
      if (!file.endsWith(".xlsx")) return c.json({ error: "台账只提供 .xlsx 格式" }, 404)
      const period = decodePeriod({
        gridId: file.slice(0, -".xlsx".length),
        from: c.req.query("from"),
        to: c.req.query("to"),
      })
      if (period._tag === "Left") {
        const issues = ParseResult.ArrayFormatter.formatErrorSync(period.left)
        return c.json(
          {
            error: issues.map((i) => i.message).join("；"),
            issues: issues.map((i) => ({ path: i.path.map(String), message: i.message })),
          },
          400,
        )
      }
      const { gridId, from, to } = period.right
      await requireGridInScope(services.database.db, ctx.account, gridId)
      const ledger = await buildLedger(services.database.db, gridId, from, to)
      const name = `${ledger.gridName}消防安全台账_${from}_${to}.xlsx`
      return c.body(new Uint8Array(ledger.buffer), 200, {
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "content-disposition": `attachment; filename="ledger-${gridId}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        "cache-control": "private, no-store",
      })
    } catch (caught) {
      // A database outage is 503 here as on tRPC; anything else is a bug and stays a 500.
      const error = classifyError(caught)
      if (error instanceof TRPCError && STATUS[error.code])
        return c.json({ error: error.message }, STATUS[error.code]!)
      throw caught
    }
  })
}
