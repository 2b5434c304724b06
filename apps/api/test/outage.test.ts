import { connect, createServer as createTcpServer, type Server, type Socket } from "node:net"
import { type DatabaseHandle, openDatabase } from "@firegrid/db"
import { createScratchDatabase } from "@firegrid/db/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { failureOf, startApi } from "./harness.ts"

/** A TCP relay in front of Postgres that can be cut and restored, standing in for a database outage. */
const relayTo = (target: URL) => {
  const sockets = new Set<Socket>()
  let server: Server | undefined
  let port = 0
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createTcpServer((client) => {
        const upstream = connect(Number(target.port || 5432), target.hostname)
        for (const s of [client, upstream]) {
          sockets.add(s)
          s.on("close", () => sockets.delete(s))
          s.on("error", () => {})
        }
        client.pipe(upstream).pipe(client)
      })
      server.listen(port, "127.0.0.1", () => {
        port = (server!.address() as { port: number }).port
        resolve()
      })
    })
  const cut = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy()
      server!.close(() => resolve())
    })
  return { listen, cut, port: () => port }
}

const serverUrl = process.env.DATABASE_URL

describe.runIf(serverUrl)("a database outage on postgres", () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>
  let relay: ReturnType<typeof relayTo>
  let database: DatabaseHandle
  let api: Awaited<ReturnType<typeof startApi>>

  beforeAll(async () => {
    scratch = await createScratchDatabase(serverUrl!)
    const direct = new URL(scratch.url)
    relay = relayTo(direct)
    await relay.listen()
    const viaRelay = new URL(scratch.url)
    viaRelay.hostname = "127.0.0.1"
    viaRelay.port = String(relay.port())
    database = await openDatabase({ url: viaRelay.toString() })
    api = await startApi(database)
  })
  afterAll(async () => {
    await database?.close().catch(() => {})
    await scratch?.drop()
  })

  it("answers 503 while the database is gone — never a 500 — and recovers by itself when it returns", async () => {
    const tip = { gridId: "v02-z1", category: "fireEquipment", description: "灭火器过期" } as const
    await expect(api.client.tip.file.mutate(tip)).resolves.toHaveProperty("trackingCode")
    const township = await api.signIn("gaocheng")

    await relay.cut()
    const during = await failureOf(api.client.tip.file.mutate(tip))
    expect(during.data?.httpStatus).toBe(503)
    expect(during.message).toMatch(/数据库暂时无法访问/)
    expect((await api.fetch("http://firegrid.test/healthz")).status).toBe(503)
    // A signed-in page: even the session lookup needs the database, and says so with 503.
    const signedIn = await failureOf(township.grid.tree.query())
    expect(signedIn.data?.httpStatus).toBe(503)

    await relay.listen()
    await expect(api.client.tip.file.mutate(tip)).resolves.toHaveProperty("trackingCode")
    expect((await api.fetch("http://firegrid.test/healthz")).status).toBe(200)
    expect(await township.grid.tree.query()).toHaveLength(225)
  })
})
