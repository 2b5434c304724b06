/**
 * The evaluation dashboard (issue 5): `evaluation.get` for the county, a township and a village of the
 * synthetic county (20 townships, 500 villages, 4,000 zones, 100,000 units) on PostgreSQL, after the
 * county and two townships have run their half-year evaluation. Sequential requests from one signed-in
 * client over HTTP: the latency a clerk opening the page sees.
 */
import type { AddressInfo } from "node:net"
import { insertAccount, insertCounty, openDatabase } from "@firegrid/db"
import { createScratchDatabase } from "@firegrid/db/testing"
import { serve } from "@hono/node-server"
import { buildSyntheticCounty } from "../../../packages/domain/bench/synthetic-county.ts"
import { loadAverage, machine, writeBenchSection } from "../../../scripts/bench-doc.ts"
import { hashPassword } from "../src/auth/password.ts"
import { createServer } from "../src/server.ts"

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200)
const PERIOD = { _tag: "HalfYear", year: 2026, half: 2 } as const

const percentile = (sorted: ReadonlyArray<number>, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!

const timeIt = async <T>(work: () => Promise<T>) => {
  const start = performance.now()
  const value = await work()
  return { value, ms: performance.now() - start }
}

const main = async () => {
  const server = process.env.DATABASE_URL
  if (!server) {
    console.log("dashboard.bench: needs DATABASE_URL (a PostgreSQL server); skipped")
    return
  }
  const scratch = await createScratchDatabase(server)
  const database = await openDatabase({ url: scratch.url })
  try {
    const county = buildSyntheticCounty(1)
    const load = await timeIt(() =>
      insertCounty(database.db, { ...county, townId: county.townshipIds[0]! }, new Date(), "bench"),
    )
    await insertAccount(
      database.db,
      {
        id: "acct-bench",
        username: "bench",
        displayName: "基准测试",
        role: "countyAdmin",
        gridId: county.countyId,
        passwordHash: await hashPassword("bench-password"),
      },
      new Date(),
      "bench",
    )
    const app = createServer({ database })
    const http = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s))
    })
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
    const login = await fetch(`${base}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "bench", password: "bench-password" }),
    })
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!
    const call = async (path: string, input: unknown, method: "GET" | "POST") => {
      const response =
        method === "GET"
          ? await fetch(`${base}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
              headers: { cookie },
            })
          : await fetch(`${base}/trpc/${path}`, {
              method,
              headers: { cookie, "content-type": "application/json" },
              body: JSON.stringify(input),
            })
      const body = await response.text()
      if (!response.ok) throw new Error(`${path}: ${response.status} ${body.slice(0, 300)}`)
      return body.length
    }

    const [t1, t2] = county.townshipIds
    const runs = []
    for (const gridId of [county.countyId, t1!, t2!])
      runs.push({
        gridId,
        ...(await timeIt(() => call("evaluation.run", { gridId, period: PERIOD }, "POST"))),
      })

    const targets = [county.countyId, t1!, t2!, county.villageIds[0]!, county.villageIds[30]!]
    const latencies: number[] = []
    let bytes = 0
    for (let i = 0; i < REQUESTS; i++) {
      const gridId = targets[i % targets.length]!
      const { value, ms } = await timeIt(() => call("evaluation.get", { gridId, period: PERIOD }, "GET"))
      latencies.push(ms)
      bytes = Math.max(bytes, value)
    }
    latencies.sort((a, b) => a - b)
    const p50 = percentile(latencies, 50)
    const p95 = percentile(latencies, 95)
    await new Promise<void>((resolve) => http.close(() => resolve()))
    const fmt = (ms: number) => `${ms.toFixed(0)} ms`
    writeBenchSection(
      "dashboard.bench.ts",
      `## The evaluation dashboard on the 4,000-zone county (issue 5)

The synthetic county (${county.townshipIds.length} townships, ${county.villageIds.length} villages, ${county.zoneIds.length} zones, ${county.units.length.toLocaleString("en")} units) loaded into PostgreSQL; the county and two townships run their evaluation for the second half of 2026 (\`evaluation.run\`); then ${REQUESTS} sequential \`evaluation.get\` requests from one signed-in county account over HTTP, cycling over the county, the two townships and two villages (a village sees its part of its township's run). The county has no recorded activities, so every duty counts as missed: the scores are not interesting, the reading is.

Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}; load average at the end ${loadAverage()}. \`npm run bench\` (\`apps/api/bench/dashboard.bench.ts\`).

| step | time |
|---|---|
| load the county (grids, people, roles, 100,000 units) | ${(load.ms / 1000).toFixed(1)} s |
${runs.map((r) => `| \`evaluation.run\` for ${r.gridId} | ${fmt(r.ms)} |`).join("\n")}
| \`evaluation.get\` p50 | ${fmt(p50)} |
| \`evaluation.get\` p95 | **${fmt(p95)}** |
| largest answer | ${(bytes / 1024).toFixed(0)} KiB |

Target p95 ≤ 200 ms: ${p95 <= 200 ? "met" : "**not met**"}.`,
    )
    console.log({ load: load.ms, runs: runs.map((r) => r.ms), p50, p95, bytes })
  } finally {
    await database.close()
    await scratch.drop()
  }
}

await main()
