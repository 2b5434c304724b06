import type { DatabaseHandle } from "@firegrid/db"
import { testEngines } from "@firegrid/db/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createServer } from "../src/server.ts"
import { cookieHeaderOf, failureOf, startApi } from "./harness.ts"

describe.each(testEngines())("admin accounts and sessions on $name", (engine) => {
  let database: DatabaseHandle
  let api: Awaited<ReturnType<typeof startApi>>
  beforeAll(async () => {
    database = await engine.open()
    api = await startApi(database, { now: new Date("2026-03-05T09:00:00+08:00") })
  })
  afterAll(async () => {
    await database?.close()
  })

  it("signs in with the demo password and says who you are", async () => {
    const client = await api.signIn("gaocheng")
    expect(await client.auth.me.query()).toEqual({
      username: "gaocheng",
      displayName: "告成镇安监办",
      role: "townshipAdmin",
      roleLabel: "乡镇管理员",
      gridId: "town-gaocheng",
    })
  })

  it("sets an httpOnly SameSite session cookie that holds no account data", async () => {
    const response = await api.fetch("http://firegrid.test/trpc/auth.login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "quhe", password: "firegrid-demo" }),
    })
    const cookie = response.headers.get("set-cookie") ?? ""
    expect(cookie).toMatch(/^firegrid_session=[\w-]{43};/)
    expect(cookie).toContain("HttpOnly")
    expect(cookie).toContain("SameSite=Lax")
  })

  it("refuses a wrong password with the same words as an unknown user", async () => {
    const wrong = await failureOf(
      api.newClient().auth.login.mutate({ username: "quhe", password: "not-it-at-all" }),
    )
    const unknown = await failureOf(
      api.newClient().auth.login.mutate({ username: "nobody", password: "whatever1" }),
    )
    expect(wrong.data?.code).toBe("UNAUTHORIZED")
    expect(unknown.data?.code).toBe("UNAUTHORIZED")
    expect(wrong.message).toBe(unknown.message)
  })

  it("locks an account after 5 wrong passwords, even against the right one, and unlocks after 15 minutes", async () => {
    const client = api.newClient()
    for (let i = 0; i < 4; i++)
      expect(
        (await failureOf(client.auth.login.mutate({ username: "police", password: `wrong-${i}-pass` }))).data
          ?.code,
      ).toBe("UNAUTHORIZED")
    const fifth = await failureOf(client.auth.login.mutate({ username: "police", password: "wrong-5-pass" }))
    expect(fifth.data?.code).toBe("TOO_MANY_REQUESTS")
    const locked = await failureOf(
      client.auth.login.mutate({ username: "police", password: "firegrid-demo" }),
    )
    expect(locked.message).toMatch(/锁定/)
    api.clock.now = new Date(api.clock.now.getTime() + 16 * 60_000)
    await expect(
      client.auth.login.mutate({ username: "police", password: "firegrid-demo" }),
    ).resolves.toHaveProperty("role", "policeStation")
  })

  it("serves a session from another API instance on the same database, until logout", async () => {
    const client = await api.signIn("county")
    const cookie = cookieHeaderOf(client)
    const other = createServer({ database, now: () => api.clock.now })
    const meOnOther = async () => {
      const response = await other.fetch(
        new Request("http://other.test/trpc/auth.me", { headers: { cookie } }),
      )
      return ((await response.json()) as { result: { data: { username: string } | null } }).result.data
    }
    expect((await meOnOther())?.username).toBe("county")
    await client.auth.logout.mutate()
    expect(await client.auth.me.query()).toBeNull()
    expect(await meOnOther()).toBeNull()
  })

  it("expires a session after 12 hours", async () => {
    const client = await api.signIn("brigade")
    api.clock.now = new Date(api.clock.now.getTime() + 13 * 3_600_000)
    expect(await client.auth.me.query()).toBeNull()
  })
})
