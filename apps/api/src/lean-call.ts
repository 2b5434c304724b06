import { TRPCError } from "@trpc/server"
import { getHTTPStatusCodeFromError } from "@trpc/server/http"
import {
  callProcedure,
  getErrorShape,
  getTRPCErrorFromUnknown,
} from "@trpc/server/unstable-core-do-not-import"
import type { Context, Hono } from "hono"
import type { AppContext } from "./context.ts"
import { appRouter } from "./router/index.ts"

/**
 * One tRPC mutation over HTTP, answered without the general fetch adapter (ADR 0007).
 *
 * The adapter handles batches, streams, subscriptions, method overrides and abort signals for every
 * call; on this machine that costs a third of a public filing's CPU. A single JSON mutation — what a
 * phone filing a tip sends — needs none of it. This handler takes exactly that request shape (POST,
 * JSON, no `batch`), runs the procedure through tRPC's own `callProcedure` (same middlewares, same input
 * schema, same context) and answers with tRPC's own error shapes and status codes, so clients cannot
 * tell the difference. Every other request shape falls through to the adapter.
 */
export const mountLeanMutations = (
  http: Hono,
  paths: ReadonlyArray<string>,
  contextOf: (c: Context, resHeaders: Headers) => Promise<AppContext>,
): void => {
  for (const path of paths)
    http.post(`/trpc/${path}`, async (c, next) => {
      const type = c.req.header("content-type")
      const json = type === "application/json" || type?.startsWith("application/json;") === true
      if (!json || c.req.query("batch") !== undefined) return next()
      const resHeaders = new Headers({ "content-type": "application/json", vary: "trpc-accept, accept" })
      let ctx: AppContext | undefined
      let input: unknown
      try {
        const text = await c.req.text()
        try {
          input = JSON.parse(text)
        } catch (cause) {
          throw new TRPCError({ code: "BAD_REQUEST", cause: cause as Error })
        }
        ctx = await contextOf(c, resHeaders)
        const data = await callProcedure({
          router: appRouter,
          path,
          type: "mutation",
          ctx,
          getRawInput: async () => input,
          signal: undefined,
          batchIndex: 0,
        })
        return new Response(JSON.stringify({ result: { data } }), { status: 200, headers: resHeaders })
      } catch (cause) {
        const error = getTRPCErrorFromUnknown(cause)
        const shape = getErrorShape({
          config: appRouter._def._config,
          error,
          type: "mutation",
          path,
          input,
          ctx,
        })
        return new Response(JSON.stringify({ error: shape }), {
          status: getHTTPStatusCodeFromError(error),
          headers: resHeaders,
        })
      }
    })
}
