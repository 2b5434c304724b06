import { execFile } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { loadDemoCountyIfEmpty, openDatabase } from "@firegrid/db"
import { sql } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runCli } from "../src/cli/commands.ts"

const apiDir = fileURLToPath(new URL("..", import.meta.url))

describe("the firegrid CLI on an embedded database", { timeout: 120_000 }, () => {
  let dataDir: string
  const env = () => ({ DATABASE_URL: "", FIREGRID_DATA_DIR: dataDir, FIREGRID_PASSWORD: "a-long-password" })
  /** The commands as an operator runs them, in-process: exit code and what they printed. */
  const cli = async (...argv: string[]) => {
    const lines: string[] = []
    const code = await runCli(argv, { env: env(), print: (l) => lines.push(l), readLine: async () => "" })
    return { code, out: lines.join("\n") }
  }
  const tamper = async (statement: ReturnType<typeof sql>) => {
    const handle = await openDatabase({ dataDir })
    await handle.db.execute(statement)
    await handle.close()
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "firegrid-cli-"))
    const handle = await openDatabase({ dataDir })
    await loadDemoCountyIfEmpty(handle.db)
    await handle.close()
  })
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it("creates an admin, and refuses a role at the wrong level or a taken username", async () => {
    const args = ["--name", "告成镇安监办 小李", "--role", "townshipAdmin"]
    expect(await cli("create-admin", "--username", "xiao", ...args, "--grid", "town-gaocheng")).toMatchObject(
      { code: 0 },
    )
    const wrongLevel = await cli("create-admin", "--username", "li2", ...args, "--grid", "v03")
    expect(wrongLevel).toMatchObject({ code: 2, out: expect.stringMatching(/belongs at a large grid/) })
    const taken = await cli("create-admin", "--username", "xiao", ...args, "--grid", "town-gaocheng")
    expect(taken).toMatchObject({ code: 2, out: expect.stringMatching(/taken/) })
  })

  it("verifies an intact archive, names an altered event, and catches truncation against a recorded head", async () => {
    const intact = await cli("verify-archive")
    expect(intact).toMatchObject({
      code: 0,
      out: expect.stringMatching(/archive intact: 2 events, head 2:[0-9a-f]{64}/),
    })
    const head = /head (\d+:[0-9a-f]{64})/.exec(intact.out)![1]!

    await tamper(sql`update audit_events set actor = 'someone-else' where chain_pos = 1`)
    const altered = await cli("verify-archive")
    expect(altered.code).toBe(1)
    expect(altered.out).toMatch(/altered #1: .*county\.import/)

    await tamper(sql`update audit_events set actor = 'system:demo' where chain_pos = 1`)
    await tamper(sql`delete from audit_events where chain_pos = 2`)
    expect((await cli("verify-archive")).code).toBe(0)
    expect(await cli("verify-archive", "--head", head)).toMatchObject({
      code: 1,
      out: expect.stringMatching(/truncated/),
    })
  })

  it("exits 1 from a real process when the archive was tampered with", async () => {
    await tamper(sql`update audit_events set after = '{"grids": 1}' where chain_pos = 1`)
    const run = promisify(execFile)
    const failure = await run(
      process.execPath,
      ["--conditions=@firegrid/source", "--import", "tsx", "src/cli.ts", "verify-archive"],
      {
        cwd: apiDir,
        env: { ...process.env, ...env() },
      },
    ).catch((error: { code: number; stdout: string }) => error)
    expect(failure).toMatchObject({ code: 1, stdout: expect.stringMatching(/altered #1/) })
  })
})
