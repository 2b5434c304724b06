import { trpcServer } from "@hono/trpc-server"
import { Hono } from "hono"
import { type AppDependencies, makeRequestContext, makeServices } from "./context.ts"
import { mountPages } from "./pages.ts"
import { appRouter } from "./router/index.ts"

/** The whole HTTP surface: tRPC, health, and the two pages. Built from its dependencies so tests can run it in-process. */
export const createServer = (deps: AppDependencies): Hono => {
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

  http.use(
    "/trpc/*",
    trpcServer({
      endpoint: "/trpc",
      router: appRouter,
      createContext: (opts) => makeRequestContext(services, opts.req, opts.resHeaders) as never,
    }),
  )

  mountPages(http)
  return http
}
