import { appendAudits, type DatabaseHandle, verifyArchive } from "@firegrid/db"
import { testEngines } from "@firegrid/db/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startArchiveSealer } from "../src/archive-sealer.ts"

describe.each(testEngines())("the archive sealer in the API process, on $name (A-1)", (engine) => {
  let database: DatabaseHandle
  beforeAll(async () => {
    database = await engine.open()
  })
  afterAll(async () => {
    await database?.close()
  })

  it("catches up with a backlog larger than one round, round after round, and stops cleanly", async () => {
    const at = new Date("2026-03-05T09:00:00+08:00")
    await database.db.transaction((tx) =>
      appendAudits(
        tx,
        Array.from({ length: 1234 }, (_, i) => ({
          at,
          actor: "public",
          action: "tip.file",
          subjectType: "tip",
          subjectId: `backlog-${i}`,
          after: { n: i },
        })),
      ),
    )
    expect((await verifyArchive(database.db)).pending).toBe(1234)
    const errors: unknown[] = []
    const sealer = startArchiveSealer(database.db, 20, (error) => errors.push(error))
    for (let waited = 0; waited < 10_000 && (await verifyArchive(database.db)).pending > 0; waited += 50)
      await new Promise((r) => setTimeout(r, 50))
    await sealer.stop()
    const archive = await verifyArchive(database.db)
    expect(errors).toEqual([])
    expect(archive).toMatchObject({ ok: true, pending: 0, events: 1234 })
    expect(archive.head.position).toBe(1234)
  })
})
