import { mkdirSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { PGlite } from "@electric-sql/pglite"
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres"
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator"
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core"
import { drizzle as drizzlePglite } from "drizzle-orm/pglite"
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator"
import pg from "pg"
import * as schema from "./schema.ts"

export type Schema = typeof schema
/** The query surface shared by both engines; repositories only ever see this. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>

/** Rows of a raw `db.execute(sql…)`: both drivers answer with `{ rows }`. */
export const rowsOf = <Row>(result: unknown): ReadonlyArray<Row> => (result as { rows: Row[] }).rows

export interface DatabaseHandle {
  readonly db: Database
  readonly engine: "pglite" | "postgres"
  /** Throws when the database does not answer; used by /healthz. */
  readonly ping: () => Promise<void>
  readonly close: () => Promise<void>
}

export interface DatabaseOptions {
  /** A postgres:// URL; when given, the server is used and `dataDir` is ignored. */
  readonly url?: string | undefined
  /** Where embedded PGlite keeps its files; omitted means in memory (tests). */
  readonly dataDir?: string | undefined
}

const migrationsFolder = fileURLToPath(new URL("../migrations", import.meta.url))

/** Opens Postgres when a URL is given, embedded PGlite otherwise, and brings the schema up to date. */
export const openDatabase = async (options: DatabaseOptions = {}): Promise<DatabaseHandle> => {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: 10 })
    // An idle client losing its server must not crash the process; the next query reports it instead.
    pool.on("error", () => {})
    const db = drizzleNodePg({ client: pool, schema })
    await migrateNodePg(db, { migrationsFolder })
    return {
      db: db as unknown as Database,
      engine: "postgres",
      ping: async () => void (await pool.query("select 1")),
      close: () => pool.end(),
    }
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true })
  const client = new PGlite(options.dataDir)
  const db = drizzlePglite({ client, schema })
  await migratePglite(db, { migrationsFolder })
  return {
    db: db as unknown as Database,
    engine: "pglite",
    ping: async () => void (await client.query("select 1")),
    close: () => client.close(),
  }
}
