import { findTipById, loadTipPhoto } from "@firegrid/db"
import { TRPCError } from "@trpc/server"
import type { Hono } from "hono"
import { requireGridInScope } from "./auth/scope.ts"
import { type AppServices, makeRequestContext } from "./context.ts"

const STATUS: Partial<Record<TRPCError["code"], 403 | 404 | 503>> = {
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  SERVICE_UNAVAILABLE: 503,
}

/**
 * A tip's photos for the admins of its grid: binary, so served beside tRPC rather than through it, with
 * the same session and scope rules. The public never gets them back (they may show faces and plates).
 */
export const mountTipPhotos = (http: Hono, services: AppServices) => {
  http.get("/api/tips/:tipId/photos/:seq", async (c) => {
    try {
      const ctx = await makeRequestContext(services, c.req.raw, new Headers(), "photo")
      if (!ctx.account) return c.json({ error: "请先登录" }, 401)
      const stored = await findTipById(services.database.db, c.req.param("tipId"))
      if (!stored) return c.json({ error: "举报不存在" }, 404)
      await requireGridInScope(services.database.db, ctx.account, stored.tip.gridId)
      const photo = await loadTipPhoto(services.database.db, stored.tip.id, Number(c.req.param("seq")))
      if (!photo) return c.json({ error: "照片不存在" }, 404)
      return c.body(new Uint8Array(photo.bytes), 200, {
        "content-type": photo.mime,
        "cache-control": "private, max-age=3600",
      })
    } catch (error) {
      if (error instanceof TRPCError && STATUS[error.code])
        return c.json({ error: error.message }, STATUS[error.code]!)
      throw error
    }
  })
}
