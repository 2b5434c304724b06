import { resolve } from "node:path"
import { DEFAULT_TIP_RATE_LIMIT } from "./context.ts"
import { parseRateLimit, type RateLimit } from "./rate-limit.ts"

/** Settings from the environment, with the defaults `npm start` relies on. */
export interface ServerConfig {
  readonly port: number
  readonly databaseUrl: string | undefined
  readonly dataDir: string
  readonly loadDemo: boolean
  readonly tipRateLimit: RateLimit
  readonly trustProxy: boolean
  readonly sealIntervalMs: number
  /** Seconds between escalation sweeps (E-1); 0 turns the timer off (`escalation.sweep` still works). */
  readonly sweepIntervalSeconds: number
}

export const readConfig = (env: NodeJS.ProcessEnv = process.env): ServerConfig => {
  const port = Number(env.PORT ?? 3000)
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`)
  return {
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    // npm runs workspace scripts inside the workspace; INIT_CWD is where the user typed `npm start`.
    dataDir: resolve(env.INIT_CWD ?? process.cwd(), env.FIREGRID_DATA_DIR ?? ".data/pglite"),
    loadDemo: env.FIREGRID_DEMO !== "off",
    tipRateLimit: env.FIREGRID_TIP_RATE ? parseRateLimit(env.FIREGRID_TIP_RATE) : DEFAULT_TIP_RATE_LIMIT,
    trustProxy: env.FIREGRID_TRUST_PROXY === "1",
    sealIntervalMs: Number(env.FIREGRID_SEAL_INTERVAL_MS ?? 1000),
    sweepIntervalSeconds: readSweepInterval(env.FIREGRID_SWEEP_INTERVAL),
  }
}

const readSweepInterval = (raw: string | undefined): number => {
  const seconds = Number(raw ?? 300)
  if (!Number.isFinite(seconds) || seconds < 0)
    throw new Error(`FIREGRID_SWEEP_INTERVAL must be a number of seconds (0 = off), got "${raw}"`)
  return seconds
}
