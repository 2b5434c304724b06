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

const onServer = async (serverUrl: string, statement: string) => {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    await admin.query(statement)
  } finally {
    await admin.end()
  }
}

/**
 * Creates a uniquely named, empty database on the server at `serverUrl` so that runs never see each
 * other's data (the server keeps data between runs); `drop` removes it.
 */
export const createScratchDatabase = async (
  serverUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> => {
  const name = `firegrid_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`
  await onServer(serverUrl, `CREATE DATABASE ${name}`)
  return {
    url: withDatabase(serverUrl, name),
    drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  }
}

const openPostgresScratch = async (serverUrl: string): Promise<DatabaseHandle> => {
  const scratch = await createScratchDatabase(serverUrl)
  const handle = await openDatabase({ url: scratch.url })
  return {
    ...handle,
    close: async () => {
      await handle.close()
      await scratch.drop()
    },
  }
}

export const testEngines = (): ReadonlyArray<TestEngine> => {
  const url = process.env.DATABASE_URL
  const engines: TestEngine[] = [{ name: "pglite", open: () => openDatabase() }]
  if (url) engines.push({ name: "postgres", open: () => openPostgresScratch(url) })
  return engines
}
