import { loadDemoCountyIfEmpty, openDatabase } from "@firegrid/db"
import { localDateAt } from "@firegrid/domain"
import { serve } from "@hono/node-server"
import { startArchiveSealer } from "./archive-sealer.ts"
import { readConfig } from "./config.ts"
import { createDemoAccountsIfNone, DEMO_PASSWORD, demoLoginsStillValid } from "./demo-accounts.ts"
import { createServer } from "./server.ts"
import { runSweep, startSweeper } from "./services/sweep.ts"

const config = readConfig()
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir })
const demoLoaded = config.loadDemo && (await loadDemoCountyIfEmpty(database.db))
if (demoLoaded) console.log("已载入演示数据：XX县告成镇（24 个行政村，200 个村民小组，520 家单位）")
if (config.loadDemo) await createDemoAccountsIfNone(database.db, new Date())
const demoLogins = config.loadDemo ? await demoLoginsStillValid(database.db) : []

const server = serve(
  {
    fetch: createServer({ database, tipRateLimit: config.tipRateLimit, trustProxy: config.trustProxy }).fetch,
    port: config.port,
  },
  (info) => {
    const base = `http://localhost:${info.port}`
    const where =
      database.engine === "pglite" ? `embedded PGlite in ${config.dataDir}` : "PostgreSQL (DATABASE_URL)"
    console.log(`
firegrid is running (${where})
  群众举报 public reporting page   ${base}/
  管理后台 admin                   ${base}/admin/
  API (tRPC)                       ${base}/trpc
  health                           ${base}/healthz${
    demoLogins.length === 0
      ? ""
      : `

Demo logins for ${base}/admin/ (password: ${DEMO_PASSWORD})
${demoLogins.map((a) => `  ${a.username.padEnd(10)} ${a.roleLabel}  ${a.displayName}`).join("\n")}`
  }
Press Ctrl+C to stop.`)
  },
)

const sealer = startArchiveSealer(database.db, config.sealIntervalMs, (error) =>
  console.error(
    "archive sealing failed; retrying next round:",
    error instanceof Error ? error.message : error,
  ),
)

// The escalation sweep (E-1): on a timer, never overlapping itself; across instances the advisory lock
// lets one sweep at a time.
const sweeper =
  config.sweepIntervalSeconds > 0
    ? startSweeper({
        intervalSeconds: config.sweepIntervalSeconds,
        sweep: () => {
          const now = new Date()
          return runSweep(database.db, localDateAt(now), now)
        },
        onError: (error) =>
          console.error(
            "escalation sweep failed; retrying next round:",
            error instanceof Error ? error.message : error,
          ),
      })
    : null

const shutdown = () => {
  server.close(async () => {
    await sweeper?.stop()
    await sealer.stop()
    await database.close()
    process.exit(0)
  })
}
process.on("SIGINT", shutdown)
process.on("SIGTERM", shutdown)
