#!/usr/bin/env -S npx tsx --conditions=@firegrid/source
import { randomUUID } from "node:crypto"
import { createInterface } from "node:readline/promises"
import { parseArgs } from "node:util"
import {
  findAccountByUsername,
  gridAncestry,
  insertAccount,
  loadDemoCountyIfEmpty,
  openDatabase,
  tables,
  verifyArchive,
} from "@firegrid/db"
import { ADMIN_ROLE_LABEL, AdminRole, ROLE_ANCHOR_LEVELS } from "@firegrid/domain"
import { eq } from "drizzle-orm"
import { Schema } from "effect"
import { hashPassword, MIN_PASSWORD_LENGTH } from "./auth/password.ts"
import { readConfig } from "./config.ts"
import { createDemoAccountsIfNone } from "./demo-accounts.ts"

const USAGE = `firegrid <command>

  migrate                       bring the database schema up to date
  seed-demo                     load the 告成镇 demo county and demo logins into an empty database
  create-admin --username U --name NAME --role ROLE --grid GRID_ID
                                create an admin account; the password is read from FIREGRID_PASSWORD
                                or the first line of standard input
                                roles: ${AdminRole.literals.map((r) => `${r} (${ADMIN_ROLE_LABEL[r]})`).join(", ")}
  verify-archive [--head SEQ:HASH]
                                check the archive's hash chain; exits 1 and names every altered,
                                removed or reordered event (with --head, also a truncated archive)

The database is DATABASE_URL when set, else the embedded one under ./.data/.`

class UsageError extends Error {}

const readPassword = async (): Promise<string> => {
  if (process.env.FIREGRID_PASSWORD) return process.env.FIREGRID_PASSWORD
  const lines = createInterface({ input: process.stdin })
  for await (const line of lines) {
    lines.close()
    return line
  }
  return ""
}

const withDatabase = async <T>(
  work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>,
): Promise<T> => {
  const config = readConfig()
  const handle = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir })
  try {
    return await work(handle)
  } finally {
    await handle.close()
  }
}

const createAdmin = async (args: string[]) => {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      grid: { type: "string" },
    },
  })
  const { username, name, role, grid } = values
  if (!username || !name || !role || !grid)
    throw new UsageError("create-admin needs --username, --name, --role and --grid")
  if (!Schema.is(AdminRole)(role))
    throw new UsageError(`unknown role "${role}"; one of ${AdminRole.literals.join(", ")}`)
  const password = await readPassword()
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new UsageError(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`)
  await withDatabase(async ({ db }) => {
    if ((await gridAncestry(db, grid)).length === 0) throw new UsageError(`grid "${grid}" does not exist`)
    const [row] = await db
      .select({ level: tables.grids.level })
      .from(tables.grids)
      .where(eq(tables.grids.id, grid))
    if (!ROLE_ANCHOR_LEVELS[role].includes(row!.level))
      throw new UsageError(
        `a ${role} account belongs at a ${ROLE_ANCHOR_LEVELS[role].join(" or ")} grid, not a ${row!.level} one`,
      )
    if (await findAccountByUsername(db, username)) throw new UsageError(`username "${username}" is taken`)
    await insertAccount(
      db,
      {
        id: `acct-${randomUUID()}`,
        username,
        displayName: name,
        role,
        gridId: grid,
        passwordHash: await hashPassword(password),
      },
      new Date(),
      "system:cli",
    )
  })
  console.log(`created ${ADMIN_ROLE_LABEL[role]} "${username}" for grid ${grid}`)
}

const verify = async (args: string[]) => {
  const { values } = parseArgs({ args, options: { head: { type: "string" } } })
  const [seq, hash] = values.head?.split(":") ?? []
  if (values.head && (!seq || !hash || !Number.isInteger(Number(seq))))
    throw new UsageError("--head takes SEQ:HASH")
  const result = await withDatabase(({ db }) =>
    verifyArchive(db, seq && hash ? { expectedHead: { seq: Number(seq), hash } } : {}),
  )
  for (const problem of result.problems) console.log(`✗ ${problem.kind} #${problem.seq}: ${problem.message}`)
  console.log(
    result.ok
      ? `archive intact: ${result.events} events, head ${result.events}:${result.head}`
      : `archive damaged: ${result.problems.length} problem(s) in ${result.events} events`,
  )
  return result.ok ? 0 : 1
}

const main = async (argv: string[]): Promise<number> => {
  const [command, ...args] = argv
  switch (command) {
    case "migrate":
      await withDatabase(async () => {})
      console.log("database schema is up to date")
      return 0
    case "seed-demo":
      await withDatabase(async ({ db }) => {
        const loaded = await loadDemoCountyIfEmpty(db)
        const accounts = await createDemoAccountsIfNone(db, new Date())
        console.log(
          loaded || accounts ? "demo county loaded" : "the database already has data; nothing loaded",
        )
      })
      return 0
    case "create-admin":
      await createAdmin(args)
      return 0
    case "verify-archive":
      return verify(args)
    default:
      console.log(USAGE)
      return command === undefined || command === "help" || command === "--help" ? 0 : 2
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof UsageError ? `firegrid: ${error.message}` : error)
    process.exit(error instanceof UsageError ? 2 : 1)
  },
)
