import type { DatabaseHandle } from "@firegrid/db"
import { loadDemoCountyIfEmpty } from "@firegrid/db"
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client"
import { createDemoAccountsIfNone, DEMO_PASSWORD } from "../src/demo-accounts.ts"
import type { AppRouter } from "../src/index.ts"
import type { RateLimit } from "../src/rate-limit.ts"
import { createServer } from "../src/server.ts"

// tRPC clients are proxies (every property is a procedure path), so their cookies are kept beside them.
const jars = new WeakMap<object, Map<string, string>>()

/** The Cookie header a client would send, to replay its session elsewhere. */
export const cookieHeaderOf = (client: object): string =>
  [...(jars.get(client) ?? [])].map(([k, v]) => `${k}=${v}`).join("; ")

export const FIXED_NOW = new Date("2026-03-05T09:00:00+08:00")

/**
 * The real server in-process over a real database with the demo county and logins, and tRPC clients that
 * speak HTTP to it — each client with its own cookie jar, like a browser.
 */
export const startApi = async (
  database: DatabaseHandle,
  clock: { now: Date } = { now: FIXED_NOW },
  options: { tipRateLimit?: RateLimit; trustProxy?: boolean } = {},
) => {
  await loadDemoCountyIfEmpty(database.db, clock.now)
  await createDemoAccountsIfNone(database.db, clock.now)
  // Suites file many tips from one in-process address; the limit itself has its own test.
  const server = createServer({
    database,
    now: () => clock.now,
    tipRateLimit: options.tipRateLimit ?? { limit: 10_000, windowMs: 60_000 },
    trustProxy: options.trustProxy ?? false,
  })
  const fetchApp = async (input: string | URL | Request, init?: RequestInit): Promise<Response> =>
    server.fetch(new Request(input, init))

  const newClient = () => {
    const jar = new Map<string, string>()
    const client = createTRPCClient<AppRouter>({
      links: [
        httpLink({
          url: "http://firegrid.test/trpc",
          fetch: async (url, init) => {
            const headers = new Headers(init?.headers as ConstructorParameters<typeof Headers>[0])
            if (jar.size > 0) headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "))
            const response = await fetchApp(url, { ...(init as RequestInit), headers })
            for (const cookie of response.headers.getSetCookie()) {
              const [pair] = cookie.split(";")
              const [name, value] = pair!.split("=")
              if (value) jar.set(name!, value)
              else jar.delete(name!)
            }
            return response
          },
        }),
      ],
    })
    jars.set(client, jar)
    return client
  }

  const signIn = async (username: string, password = DEMO_PASSWORD) => {
    const client = newClient()
    await client.auth.login.mutate({ username, password })
    return client
  }

  /** Calls a procedure by its path over plain HTTP, as any client would: status and parsed body. */
  const call = async (path: string, type: "query" | "mutation", input: unknown, cookie = "") => {
    const encoded = input === undefined ? "" : JSON.stringify(input)
    const response =
      type === "query"
        ? await fetchApp(
            `http://firegrid.test/trpc/${path}${encoded ? `?input=${encodeURIComponent(encoded)}` : ""}`,
            {
              headers: { cookie },
            },
          )
        : await fetchApp(`http://firegrid.test/trpc/${path}`, {
            method: "POST",
            headers: { cookie, "content-type": "application/json" },
            body: encoded,
          })
    const body = (await response.json()) as { error?: { data?: { code?: string } } }
    return { status: response.status, code: body.error?.data?.code, body }
  }

  return { server, client: newClient(), newClient, signIn, fetch: fetchApp, clock, call }
}

export type ApiHarness = Awaited<ReturnType<typeof startApi>>
export type ApiClient = ReturnType<ApiHarness["newClient"]>

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
