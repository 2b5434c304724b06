import { randomUUID } from "node:crypto"
import { createInterface } from "node:readline/promises"
import { parseArgs } from "node:util"
import {
  findAccountByUsername,
  gridAncestry,
  insertAccount,
  loadDemoCountyIfEmpty,
  openDatabase,
  sealArchive,
  tables,
  verifyArchive,
} from "@firegrid/db"
import { ADMIN_ROLE_LABEL, AdminRole, ROLE_ANCHOR_LEVELS } from "@firegrid/domain"
import { eq } from "drizzle-orm"
import { Schema } from "effect"
import { hashPassword, MIN_PASSWORD_LENGTH } from "../auth/password.ts"
import { readConfig } from "../config.ts"
import { createDemoAccountsIfNone } from "../demo-accounts.ts"

const USAGE = `firegrid <command>

  migrate                       bring the database schema up to date
  seed-demo                     load the 告成镇 demo county and demo logins into an empty database
  create-admin --username U --name NAME --role ROLE --grid GRID_ID
                                create an admin account; the password is read from FIREGRID_PASSWORD
                                or the first line of standard input
                                roles: ${AdminRole.literals.map((r) => `${r} (${ADMIN_ROLE_LABEL[r]})`).join(", ")}
  verify-archive [--head POSITION:HASH]
                                seal what is not sealed yet, then check the archive's hash chain; exits 1
                                and names every altered, removed or reordered event (with --head, a head
                                printed by an earlier run, also a truncated archive)

The database is DATABASE_URL when set, else the embedded one under ./.data/.`

class UsageError extends Error {}

/** Where a command reads its settings and writes its answer: the process, or a test. */
export interface CliIo {
  readonly env: NodeJS.ProcessEnv
  readonly print: (line: string) => void
  readonly readLine: () => Promise<string>
}

export const processIo: CliIo = {
  env: process.env,
  print: (line) => console.log(line),
  readLine: async () => {
    const lines = createInterface({ input: process.stdin })
    for await (const line of lines) {
      lines.close()
      return line
    }
    return ""
  },
}

const readPassword = async (io: CliIo): Promise<string> => io.env.FIREGRID_PASSWORD || (await io.readLine())

const withDatabase = async <T>(
  io: CliIo,
  work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>,
): Promise<T> => {
  const config = readConfig(io.env)
  const handle = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir })
  try {
    return await work(handle)
  } finally {
    await handle.close()
  }
}

const createAdmin = async (io: CliIo, args: string[]) => {
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
  const password = await readPassword(io)
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new UsageError(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`)
  await withDatabase(io, async ({ db }) => {
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
  io.print(`created ${ADMIN_ROLE_LABEL[role]} "${username}" for grid ${grid}`)
}

const verify = async (io: CliIo, args: string[]) => {
  const { values } = parseArgs({ args, options: { head: { type: "string" } } })
  const [position, hash] = values.head?.split(":") ?? []
  if (values.head && (!position || !hash || !Number.isInteger(Number(position))))
    throw new UsageError("--head takes POSITION:HASH")
  const result = await withDatabase(io, ({ db }) =>
    sealArchive(db).then(() =>
      verifyArchive(db, position && hash ? { expectedHead: { position: Number(position), hash } } : {}),
    ),
  )
  for (const problem of result.problems) io.print(`✗ ${problem.kind} #${problem.seq}: ${problem.message}`)
  io.print(
    result.ok
      ? `archive intact: ${result.events} events, head ${result.head.position}:${result.head.hash}`
      : `archive damaged: ${result.problems.length} problem(s) in ${result.events} events`,
  )
  return result.ok ? 0 : 1
}

const dispatch = async (io: CliIo, argv: ReadonlyArray<string>): Promise<number> => {
  const [command, ...args] = argv
  switch (command) {
    case "migrate":
      await withDatabase(io, async () => {})
      io.print("database schema is up to date")
      return 0
    case "seed-demo":
      await withDatabase(io, async ({ db }) => {
        const loaded = await loadDemoCountyIfEmpty(db)
        const accounts = await createDemoAccountsIfNone(db, new Date())
        io.print(loaded || accounts ? "demo county loaded" : "the database already has data; nothing loaded")
      })
      return 0
    case "create-admin":
      await createAdmin(io, [...args])
      return 0
    case "verify-archive":
      return verify(io, [...args])
    default:
      io.print(USAGE)
      return command === undefined || command === "help" || command === "--help" ? 0 : 2
  }
}

/** Runs one command; answers its exit code (0 ok, 1 failed check or error, 2 wrong usage). */
export const runCli = async (argv: ReadonlyArray<string>, io: CliIo = processIo): Promise<number> => {
  try {
    return await dispatch(io, argv)
  } catch (error) {
    if (error instanceof UsageError) {
      io.print(`firegrid: ${error.message}`)
      return 2
    }
    throw error
  }
}
