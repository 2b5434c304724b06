import type { DatabaseHandle } from "@firegrid/db"
import { loadDemoCountyIfEmpty } from "@firegrid/db"
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client"
import type { AppRouter } from "../src/index.ts"
import { createServer } from "../src/server.ts"

/** The real server in-process, a tRPC client speaking HTTP to it, and the fixed clock it runs on. */
export const startApi = async (database: DatabaseHandle, now = new Date("2026-03-05T09:00:00+08:00")) => {
  await loadDemoCountyIfEmpty(database.db)
  const server = createServer({ database, now: () => now })
  const fetchApp = async (input: string | URL | Request, init?: RequestInit): Promise<Response> =>
    server.fetch(new Request(input, init))
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: "http://firegrid.test/trpc",
        fetch: (url, init) => fetchApp(url, init as RequestInit),
      }),
    ],
  })
  return { server, client, fetch: fetchApp }
}

export type ApiClient = Awaited<ReturnType<typeof startApi>>["client"]

/** The error a call failed with, for asserting on code, status and field issues. */
export const failureOf = async (call: Promise<unknown>) => {
  try {
    await call
  } catch (error) {
    if (error instanceof TRPCClientError) return error as TRPCClientError<AppRouter>
    throw error
  }
  throw new Error("expected the call to fail")
}
