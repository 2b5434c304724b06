import { eq } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { changeSetting, type DatabaseHandle, getSetting, tables } from "../src/index.ts"
import { testEngines } from "../src/testing.ts"

const at = new Date("2023-05-20T09:00:00+08:00")

describe.each(testEngines())(
  "changing a setting from its current value on $name (rollout records)",
  (engine) => {
    let handle: DatabaseHandle
    const meta = (key: string) => ({
      key,
      at,
      actor: "acct-town",
      action: "rollout.recordFinding",
      gridId: "town",
    })
    const append = (key: string, n: number) =>
      changeSetting(handle.db, meta(key), (before) => {
        const list = (before as { items: number[] } | undefined)?.items ?? []
        return { value: { items: [...list, n] }, result: list.length }
      })
    const auditOf = (key: string) =>
      handle.db.select().from(tables.auditEvents).where(eq(tables.auditEvents.subjectId, key))

    beforeAll(async () => {
      handle = await engine.open()
    })
    afterAll(async () => {
      await handle?.close()
    })

    it("creates the value, then changes it, archiving before and after each time", async () => {
      expect(await append("k1", 1)).toBe(0)
      expect(await append("k1", 2)).toBe(1)
      expect(await getSetting(handle.db, "k1")).toEqual({ items: [1, 2] })
      const audit = await auditOf("k1")
      expect(audit.map((e) => [e.before, e.after])).toEqual([
        [null, { items: [1] }],
        [{ items: [1] }, { items: [1, 2] }],
      ])
    })

    it("loses no change when many writers change the same key at once", async () => {
      await Promise.all(Array.from({ length: 12 }, (_, n) => append("k2", n)))
      const value = (await getSetting(handle.db, "k2")) as { items: number[] }
      expect([...value.items].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, n) => n))
      expect(await auditOf("k2")).toHaveLength(12)
    })

    it("writes nothing, not even the key, when the change is refused", async () => {
      const refuse = changeSetting(handle.db, meta("k3"), () => {
        throw new Error("试点村应为本乡镇的行政村")
      })
      await expect(refuse).rejects.toThrow("试点村应为本乡镇的行政村")
      expect(await getSetting(handle.db, "k3")).toBeUndefined()
      expect(await auditOf("k3")).toHaveLength(0)
    })
  },
)
