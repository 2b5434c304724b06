/**
 * Load on the public filing path (issue 5): autocannon drives `tip.file` over HTTP at 50 connections
 * against an API on PostgreSQL, and pgbench drives the same single-row INSERT into `tips` on the same
 * database in the same run. The ratio says how much of the database's own insert rate the API keeps.
 */
import { execFileSync, spawn } from "node:child_process"
import { writeFileSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createScratchDatabase } from "@firegrid/db/testing"
import autocannon from "autocannon"
import { loadAverage, machine, writeBenchSection } from "../../../scripts/bench-doc.ts"

const CONNECTIONS = 50
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15)

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })

const waitForHealth = async (base: string) => {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return
    } catch {}
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error("the API did not come up")
}

const tipBody = JSON.stringify({ gridId: "v03-z2", category: "other", description: "压力测试：楼道堆放杂物" })

const loadApi = (base: string, seconds: number) =>
  autocannon({
    url: `${base}/trpc/tip.file`,
    connections: CONNECTIONS,
    duration: seconds,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: tipBody,
  })

/** pgbench with a custom script; answers transactions per second. */
const pgbench = (url: string, script: string, seconds: number): number => {
  const file = join(tmpdir(), `firegrid-pgbench-${process.pid}-${Math.random().toString(36).slice(2)}.sql`)
  writeFileSync(file, script)
  const out = execFileSync(
    "pgbench",
    ["-n", "-c", String(CONNECTIONS), "-j", "2", "-T", String(seconds), "-f", file, url],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    },
  )
  const tps = /tps = ([\d.]+)/.exec(out)?.[1]
  if (!tps) throw new Error(`pgbench said: ${out}`)
  return Number(tps)
}

// The row the API writes for a tip, without the application around it.
const SINGLE_INSERT = `INSERT INTO tips (id, tracking_code, grid_id, category, description, status, received_on, filed_at, updated_at)
VALUES (gen_random_uuid()::text, md5(random()::text), 'v03-z2', 'other', '压力测试：楼道堆放杂物', 'Received', current_date, now(), now());
`

const main = async () => {
  const server = process.env.DATABASE_URL
  if (!server) {
    console.log("http.bench: needs DATABASE_URL (a PostgreSQL server); skipped")
    return
  }
  const scratch = await createScratchDatabase(server)
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const api = spawn(process.execPath, ["--conditions=@firegrid/source", "--import", "tsx", "src/main.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: scratch.url,
      PORT: String(port),
      FIREGRID_TIP_RATE: "100000000/60",
      FIREGRID_SWEEP_INTERVAL: "0",
    },
    stdio: ["ignore", "ignore", "inherit"],
  })
  try {
    await waitForHealth(base)
    await loadApi(base, 3) // warm-up: JIT, connection pool
    const result = await loadApi(base, SECONDS)
    const apiRate = result.requests.average
    const dbRate = pgbench(scratch.url, SINGLE_INSERT, SECONDS)
    const ratio = apiRate / dbRate
    const p99 = result.latency.p99
    const p50 = result.latency.p50
    const errors = result.non2xx + result.errors
    const date = new Date().toISOString().slice(0, 10)
    writeBenchSection(
      "http.bench.ts",
      `## Public filing under load: \`tip.file\` over HTTP vs. the bare INSERT (issue 5)

autocannon, ${CONNECTIONS} connections for ${SECONDS} s (after a 3 s warm-up), \`POST /trpc/tip.file\` against one API process on PostgreSQL; then pgbench, ${CONNECTIONS} clients for ${SECONDS} s, the same single-row \`INSERT INTO tips\` on the same database. Each filed tip is also decoded and checked, rate-limited, routed to its zone, given a tracking code and an archive event (hashed, and chained by the sealer a second later), and answered as JSON; concurrent filings share one statement (group commit, ADR 0006) and a single JSON call skips tRPC's general adapter (ADR 0007). The bare INSERT does none of that. The API process also runs the archive sealer; autocannon, the API, PostgreSQL and pgbench share the machine's cores.

Measured ${date} on ${machine()}, PostgreSQL ${execFileSync("psql", ["--version"], { encoding: "utf8" }).trim().split(" ").pop()}; load average at the end ${loadAverage()}. \`npm run bench\` (\`apps/api/bench/http.bench.ts\`).

| | throughput | p50 | p99 | errors |
|---|---|---|---|---|
| API \`tip.file\` | ${apiRate.toFixed(0)} req/s | ${p50} ms | ${p99} ms | ${errors} |
| pgbench single-row INSERT | ${dbRate.toFixed(0)} tx/s | | | |

Ratio API / INSERT: **${ratio.toFixed(2)}** (target ≥ 0.5: ${ratio >= 0.5 ? "met" : "**not met**"}). p99 ${p99} ms (target ≤ 50 ms: ${p99 <= 50 ? "met" : "**not met**"}).`,
    )
    console.log({ apiRate, dbRate, ratio, p50, p99, errors })
  } finally {
    api.kill("SIGTERM")
    await new Promise((r) => api.once("exit", r))
    await scratch.drop()
  }
}

await main()
