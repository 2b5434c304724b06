import { getConnInfo } from "@hono/node-server/conninfo"
import { trpcServer } from "@hono/trpc-server"
import { type Context, Hono } from "hono"
import { type AppDependencies, makeRequestContext, makeServices } from "./context.ts"
import { mountLeanMutations } from "./lean-call.ts"
import { mountLedger } from "./ledger-route.ts"
import { mountOpen311 } from "./open311/routes.ts"
import { mountPages } from "./pages.ts"
import { mountTipPhotos } from "./photos-route.ts"
import { appRouter } from "./router/index.ts"
import { mountUnitImport } from "./unit-import-route.ts"

/**
 * The peer's address; with a trusted reverse proxy in front, the left-most X-Forwarded-For instead.
 * In-process test requests have no socket and share one address.
 */
const clientAddressOf = (c: Context, trustProxy: boolean): string => {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim()
    if (forwarded) return forwarded
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown"
  } catch {
    return "in-process"
  }
}

/** The whole HTTP surface: tRPC, health, and the two pages. Built from its dependencies so tests can run it in-process. */
export const createServer = (deps: AppDependencies & { readonly trustProxy?: boolean }): Hono => {
  const services = makeServices(deps)
  const http = new Hono()

  http.get("/healthz", async (c) => {
    try {
      await services.database.ping()
      return c.json({ status: "ok", database: services.database.engine })
    } catch {
      return c.json({ status: "unavailable", database: services.database.engine }, 503)
    }
  })

  const contextOf = (c: Context, request: Request, resHeaders: Headers) =>
    makeRequestContext(services, request, resHeaders, clientAddressOf(c, deps.trustProxy ?? false))
  // Public filing is the path a flood takes: a single JSON call skips the general adapter (ADR 0007).
  mountLeanMutations(http, ["tip.file"], (c, resHeaders) => contextOf(c, c.req.raw, resHeaders))
  http.use(
    "/trpc/*",
    trpcServer({
      endpoint: "/trpc",
      router: appRouter,
      createContext: (opts, c) => contextOf(c, opts.req, opts.resHeaders) as never,
    }),
  )

  mountTipPhotos(http, services)
  mountOpen311(http, services, (c) => clientAddressOf(c, deps.trustProxy ?? false))
  mountUnitImport(http, services)
  mountLedger(http, services)
  mountPages(http)
  return http
}
