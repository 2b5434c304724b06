import { existsSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { serveStatic } from "@hono/node-server/serve-static"
import type { Hono } from "hono"

const distOf = (app: "admin" | "report") => fileURLToPath(new URL(`../../${app}/dist`, import.meta.url))

const NOT_BUILT = (app: string) =>
  `<!doctype html><meta charset="utf-8"><title>firegrid</title><p>页面尚未构建：请先运行 <code>npm run build</code>（${app}）。</p>`

/**
 * Serves a built single-page app under `prefix`: files as they are, any other path gets index.html so
 * the page's own router can take it (a reload on /admin/grids must not 404).
 */
const mountSpa = (http: Hono, prefix: string, app: "admin" | "report") => {
  const root = distOf(app)
  const indexFile = `${root}/index.html`
  const base = prefix === "/" ? "" : prefix
  http.use(
    `${base}/assets/*`,
    serveStatic({ root, rewriteRequestPath: (p) => p.slice(base.length) }),
    async (c) => c.notFound(),
  )
  http.get(`${base}/*`, serveStatic({ root, rewriteRequestPath: (p) => p.slice(base.length) }), (c) =>
    existsSync(indexFile) ? c.html(readFileSync(indexFile, "utf8")) : c.html(NOT_BUILT(app), 503),
  )
}

export const mountPages = (http: Hono) => {
  http.get("/admin", (c) => c.redirect("/admin/"))
  mountSpa(http, "/admin", "admin")
  mountSpa(http, "/", "report")
}
