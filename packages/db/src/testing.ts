import { randomBytes } from "node:crypto"
import pg from "pg"
import { type DatabaseHandle, openDatabase } from "./database.ts"

/** A database engine a test suite runs against: always embedded PGlite, plus Postgres when DATABASE_URL is set. */
export interface TestEngine {
  readonly name: "pglite" | "postgres"
  /** A fresh, empty, migrated database of its own; closing it drops it. */
  readonly open: () => Promise<DatabaseHandle>
}

const withDatabase = (url: string, database: string): string => {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

/**
 * Creates a uniquely named database on the server at DATABASE_URL so that runs never see each other's
 * data (the server keeps data between runs), and drops it when the handle is closed.
 */
const openPostgresScratch = async (serverUrl: string): Promise<DatabaseHandle> => {
  const name = `firegrid_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${name}`)
  } finally {
    await admin.end()
  }
  const handle = await openDatabase({ url: withDatabase(serverUrl, name) })
  return {
    ...handle,
    close: async () => {
      await handle.close()
      const dropper = new pg.Client({ connectionString: serverUrl })
      await dropper.connect()
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      } finally {
        await dropper.end()
      }
    },
  }
}

export const testEngines = (): ReadonlyArray<TestEngine> => {
  const url = process.env.DATABASE_URL
  const engines: TestEngine[] = [{ name: "pglite", open: () => openDatabase() }]
  if (url) engines.push({ name: "postgres", open: () => openPostgresScratch(url) })
  return engines
}
