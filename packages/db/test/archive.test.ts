import { sql } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { appendAudit, type DatabaseHandle, tables, verifyArchive } from "../src/index.ts"
import { testEngines } from "../src/testing.ts"

const at = new Date("2026-03-24T08:00:00Z")

describe.each(testEngines())("the archive's hash chain on $name (A-1: 经得起各级的考证与检验)", (engine) => {
  let handle: DatabaseHandle
  const append = (n: number) =>
    handle.db.transaction((tx) =>
      appendAudit(tx, {
        at,
        actor: "acct-town",
        action: "recheck.record",
        subjectType: "notice",
        subjectId: `N-${n}`,
        gridId: "v03",
        before: { status: "rectifying", items: [1, 2] },
        after: { status: n % 2 ? "passed" : "failed", note: `复查 ${n}`, nested: { b: 1, a: [true, null] } },
      }),
    )

  beforeAll(async () => {
    handle = await engine.open()
  })
  afterAll(async () => {
    await handle?.close()
  })

  it("chains events with no gaps and verifies an untouched archive", async () => {
    for (let n = 1; n <= 6; n++) await append(n)
    const result = await verifyArchive(handle.db)
    expect(result).toMatchObject({ ok: true, events: 6, problems: [] })
  })

  it("takes turns under concurrent appends: sequence stays gapless and the chain stays valid", async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) => append(100 + i)))
    expect(await verifyArchive(handle.db)).toMatchObject({ ok: true, events: 14 })
  })

  it("names an altered event", async () => {
    await handle.db.execute(sql`update audit_events set after = '{"status":"passed"}' where seq = 3`)
    const result = await verifyArchive(handle.db)
    expect(result.ok).toBe(false)
    expect(result.problems).toEqual([expect.objectContaining({ kind: "altered", seq: 3 })])
    expect(result.problems[0]?.message).toContain("第 3 条")
  })

  it("names removed events", async () => {
    await handle.db.execute(sql`delete from audit_events where seq in (5, 6)`)
    const kinds = (await verifyArchive(handle.db)).problems.map((p) => [p.kind, p.seq])
    expect(kinds).toContainEqual(["removed", 5])
  })

  it("names events moved out of order", async () => {
    // Swap the content of two events, keeping their sequence numbers: the links no longer hold.
    await handle.db.execute(sql`update audit_events set seq = -1 where seq = 8`)
    await handle.db.execute(sql`update audit_events set seq = 8 where seq = 9`)
    await handle.db.execute(sql`update audit_events set seq = 9 where seq = -1`)
    const problems = (await verifyArchive(handle.db)).problems
    expect(problems.some((p) => p.kind === "reordered" && p.seq === 8)).toBe(true)
  })

  it("catches a truncated archive against a recorded head", async () => {
    const rows = await handle.db.select().from(tables.auditEvents)
    const last = rows.reduce((a, b) => (a.seq > b.seq ? a : b))
    await handle.db.execute(sql`delete from audit_events where seq = ${last.seq}`)
    const result = await verifyArchive(handle.db, { expectedHead: { seq: last.seq, hash: last.hash } })
    expect(result.problems).toContainEqual(expect.objectContaining({ kind: "truncated", seq: last.seq }))
  })
})
