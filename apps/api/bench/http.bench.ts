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
import { loadAverage, machine, medianBy, writeBenchSection } from "../../../scripts/bench-doc.ts"

const CONNECTIONS = 50
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15)
/**
 * Rounds of (API, then pgbench), judged by the median round: this shared machine's speed drifts by a
 * quarter within minutes, so one API run against one later pgbench run can say either thing.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)

interface Round {
  readonly apiRate: number
  readonly dbRate: number
  readonly ratio: number
  readonly p50: number
  readonly p99: number
  readonly errors: number
}

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

/** "15.20" from "psql (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)". */
const postgresVersion = () =>
  /\d+(\.\d+)+/.exec(execFileSync("psql", ["--version"], { encoding: "utf8" }))?.[0] ?? "unknown"

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
    const rounds: Round[] = []
    for (let i = 0; i < ROUNDS; i++) {
      const result = await loadApi(base, SECONDS)
      const apiRate = result.requests.average
      const dbRate = pgbench(scratch.url, SINGLE_INSERT, SECONDS)
      rounds.push({
        apiRate,
        dbRate,
        ratio: apiRate / dbRate,
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.non2xx + result.errors,
      })
      console.log(rounds[i])
    }
    const { ratio } = medianBy(rounds, (r) => r.ratio)
    const { p99 } = medianBy(rounds, (r) => r.p99)
    const errors = rounds.reduce((sum, r) => sum + r.errors, 0)
    const date = new Date().toISOString().slice(0, 10)
    writeBenchSection(
      "http.bench.ts",
      `## Public filing under load: \`tip.file\` over HTTP vs. the bare INSERT (issue 5)

autocannon, ${CONNECTIONS} connections for ${SECONDS} s, \`POST /trpc/tip.file\` against one API process on PostgreSQL; then pgbench, ${CONNECTIONS} clients for ${SECONDS} s, the same single-row \`INSERT INTO tips\` on the same database; ${ROUNDS} such rounds after a 3 s warm-up, judged by the median round (the machine's speed drifts within minutes, so each API run is compared with the pgbench run right after it). Each filed tip is also decoded and checked, rate-limited, routed to its zone, given a tracking code and an archive event (hashed, and chained by the sealer a second later), and answered as JSON; concurrent filings share one statement (group commit, ADR 0006) and a single JSON call skips tRPC's general adapter (ADR 0007). The bare INSERT does none of that. The API process also runs the archive sealer; autocannon, the API, PostgreSQL and pgbench share the machine's cores.

Measured ${date} on ${machine()}, PostgreSQL ${postgresVersion()}; load average at the end ${loadAverage()}. \`npm run bench\` (\`apps/api/bench/http.bench.ts\`).

| round | API \`tip.file\` | p50 | p99 | errors | pgbench single-row INSERT | ratio |
|---|---|---|---|---|---|---|
${rounds.map((r, i) => `| ${i + 1} | ${r.apiRate.toFixed(0)} req/s | ${r.p50} ms | ${r.p99} ms | ${r.errors} | ${r.dbRate.toFixed(0)} tx/s | ${r.ratio.toFixed(2)} |`).join("\n")}

Median ratio API / INSERT: **${ratio.toFixed(2)}** (target ≥ 0.5: ${ratio >= 0.5 ? "met" : "**not met**"}). median p99 ${p99} ms (target ≤ 50 ms: ${p99 <= 50 ? "met" : "**not met**"}).`,
    )
    console.log({ ratio, p99, errors })
  } finally {
    api.kill("SIGTERM")
    await new Promise((r) => api.once("exit", r))
    await scratch.drop()
  }
}

await main()
