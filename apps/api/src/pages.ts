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
  const base = prefix === "/" ? "" : prefix
  if (!existsSync(`${root}/index.html`)) {
    // Not built (tests of the API alone, or a checkout before `npm run build`): say so instead of 404s.
    http.get(`${base}/*`, (c) => c.html(NOT_BUILT(app), 503))
    return
  }
  const index = readFileSync(`${root}/index.html`, "utf8")
  const files = serveStatic({ root, rewriteRequestPath: (p) => p.slice(base.length) })
  http.use(`${base}/assets/*`, files, async (c) => c.notFound())
  http.get(`${base}/*`, files, (c) => c.html(index))
}

export const mountPages = (http: Hono) => {
  http.get("/admin", (c) => c.redirect("/admin/"))
  mountSpa(http, "/admin", "admin")
  mountSpa(http, "/", "report")
}
