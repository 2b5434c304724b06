import type { DatabaseHandle } from "@firegrid/db"
import { type Database, rowsOf } from "@firegrid/db"
import { testEngines } from "@firegrid/db/testing"
import { sql } from "drizzle-orm"
import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { appRouter } from "../src/router/index.ts"
import { addSecondTownship, TARGETS } from "./fixtures.ts"
import { type ApiHarness, cookieHeaderOf, startApi } from "./harness.ts"
import { PROCEDURE_CASES } from "./procedure-cases.ts"

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: "query" | "mutation"; inputs: unknown[] } }
  >,
)
const RUNS = 200
// A procedure that takes no input ignores whatever is sent; a few tries show it does not choke on it.
const RUNS_WITHOUT_INPUT = 10

/** Every table's row count in one query: an input that was refused must leave all of them as they were. */
const fingerprinter = async (db: Database) => {
  const tables = rowsOf<{ table_name: string }>(
    await db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    ),
  )
  const query = sql.raw(
    `select concat_ws(',', ${tables.map((t) => `(select count(*) from "${t.table_name}")`).join(", ")}) as counts`,
  )
  return async () => rowsOf<{ counts: string }>(await db.execute(query))[0]!.counts
}

/** Garbage of every shape, and the right field names holding the wrong things. */
const garbageLike = (valid: unknown) => {
  const keys = valid && typeof valid === "object" ? Object.keys(valid) : []
  const base = [fc.anything(), fc.object(), fc.string(), fc.array(fc.anything(), { maxLength: 4 })]
  return keys.length === 0
    ? fc.oneof(...base)
    : fc.oneof(
        ...base,
        fc.dictionary(fc.constantFrom(...keys), fc.anything()),
        fc.record(
          Object.fromEntries(keys.map((k) => [k, fc.oneof(fc.anything(), fc.string({ maxLength: 3000 }))])),
        ),
      )
}

const [engine] = testEngines()

describe("fuzzing every procedure's input: 4xx and nothing changed, never a 500", () => {
  let database: DatabaseHandle
  let api: ApiHarness
  let countyCookie: string
  let fingerprint: () => Promise<string>

  beforeAll(async () => {
    database = await engine!.open()
    api = await startApi(database)
    await addSecondTownship(database.db)
    countyCookie = cookieHeaderOf(await api.signIn("county"))
    fingerprint = await fingerprinter(database.db)
  })
  afterAll(async () => {
    await database?.close()
  })

  it.each(procedures)("%s survives random inputs", async (path, procedure) => {
    const spec = PROCEDURE_CASES[path]!
    const cookie = spec.access === "signedIn" ? countyCookie : ""
    const valid = await spec.input(TARGETS[0], api)
    await fc.assert(
      fc.asyncProperty(garbageLike(valid), async (input) => {
        const before = await fingerprint()
        const result = await api.call(path, procedure._def.type, input, cookie)
        expect(result.status, JSON.stringify(result.body).slice(0, 300)).toBeLessThan(500)
        if (result.status >= 400) expect(await fingerprint()).toBe(before)
      }),
      { numRuns: procedure._def.inputs.length > 0 ? RUNS : RUNS_WITHOUT_INPUT },
    )
  })
})
