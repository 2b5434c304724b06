import type { DatabaseHandle } from "@firegrid/db"
import { testEngines } from "@firegrid/db/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DEMO_ACCOUNTS } from "../src/demo-accounts.ts"
import { appRouter } from "../src/router/index.ts"
import { addSecondTownship, COVERS, TARGETS } from "./fixtures.ts"
import { type ApiHarness, cookieHeaderOf, startApi } from "./harness.ts"
import { PROCEDURE_CASES } from "./procedure-cases.ts"

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { type: "query" | "mutation" } }>,
)

// The matrix is about who may do what, not about engines: it runs on the embedded database only.
const [engine] = testEngines()

describe("the authorization matrix: every procedure, every role, inside and outside its scope", () => {
  let database: DatabaseHandle
  let api: ApiHarness
  const cookies = new Map<string, string>()

  beforeAll(async () => {
    database = await engine!.open()
    api = await startApi(database)
    await addSecondTownship(database.db)
    for (const { username } of DEMO_ACCOUNTS)
      cookies.set(username, cookieHeaderOf(await api.signIn(username)))
  })
  afterAll(async () => {
    await database?.close()
  })

  it("has a case for every procedure of the router", () => {
    const missing = procedures.map(([path]) => path).filter((path) => !PROCEDURE_CASES[path])
    expect(missing).toEqual([])
  })

  describe.each(procedures)("%s", (path, procedure) => {
    const spec = PROCEDURE_CASES[path]
    const type = procedure._def.type

    if (spec?.access === "public") {
      it("works without a session", async () => {
        const result = await api.call(path, type, await spec.input(TARGETS[0], api))
        expect(result.status).toBeLessThan(500)
        expect(["UNAUTHORIZED", "FORBIDDEN"]).not.toContain(result.code)
      })
      return
    }

    it("refuses a caller without a session", async () => {
      const result = await api.call(path, type, await spec?.input(TARGETS[0], api))
      expect(result.code).toBe("UNAUTHORIZED")
    })

    it.each(DEMO_ACCOUNTS.map((a) => [a.username, a.role] as const))(
      "as %s (%s): allowed inside its subtree, FORBIDDEN outside",
      async (username, role) => {
        const cookie = cookies.get(username)!
        const allowedRole = !spec?.roles || spec.roles.includes(role)
        const targets = spec?.scoped === false ? [TARGETS[0]] : TARGETS
        for (const target of targets) {
          const input = await spec!.input(target, api)
          const result = await api.call(path, type, input, cookie)
          const inside = spec?.scoped === false || COVERS[username]!.includes(target)
          const where = `${path} as ${username} on ${target}: ${JSON.stringify(result.body).slice(0, 300)}`
          expect(result.status, where).toBeLessThan(500)
          if (!allowedRole) expect(result.code, where).toBe("FORBIDDEN")
          else if (inside) expect(["UNAUTHORIZED", "FORBIDDEN"], where).not.toContain(result.code)
          else expect(["FORBIDDEN", "NOT_FOUND"], where).toContain(result.code)
        }
      },
    )
  })
})
