import { sql } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { appendAudit, type DatabaseHandle, sealArchive, tables, verifyArchive } from "../src/index.ts"
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
  const seqOfPosition = async (pos: number) =>
    (await handle.db.select().from(tables.auditEvents)).find((e) => e.chainPos === pos)!.seq

  beforeAll(async () => {
    handle = await engine.open()
  })
  afterAll(async () => {
    await handle?.close()
  })

  it("seals written events into a gapless chain and verifies an untouched archive", async () => {
    for (let n = 1; n <= 6; n++) await append(n)
    expect(await verifyArchive(handle.db)).toMatchObject({ ok: true, events: 0, pending: 6 })
    expect(await sealArchive(handle.db)).toEqual({ sealed: 6, refused: [], ran: true })
    const result = await verifyArchive(handle.db)
    expect(result).toMatchObject({ ok: true, events: 6, pending: 0, problems: [] })
    expect(result.head.position).toBe(6)
    expect(await sealArchive(handle.db)).toMatchObject({ sealed: 0 })
  })

  it("lets concurrent writers append without waiting for each other, and seals them all", async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) => append(100 + i)))
    await sealArchive(handle.db)
    expect(await verifyArchive(handle.db)).toMatchObject({ ok: true, events: 14, pending: 0 })
  })

  it("names an altered event", async () => {
    const seq = await seqOfPosition(3)
    await handle.db.execute(sql`update audit_events set after = '{"status":"passed"}' where seq = ${seq}`)
    const result = await verifyArchive(handle.db)
    expect(result.ok).toBe(false)
    expect(result.problems).toEqual([expect.objectContaining({ kind: "altered", seq })])
    expect(result.problems[0]?.message).toContain(`#${seq}`)
  })

  it("names removed events", async () => {
    const seq = await seqOfPosition(6)
    await handle.db.execute(sql`delete from audit_events where chain_pos in (5, 6)`)
    const problems = (await verifyArchive(handle.db)).problems
    expect(problems.map((p) => p.kind)).toContain("removed")
    expect(problems.find((p) => p.kind === "removed")?.message).toContain("5–6")
    expect(seq).toBeGreaterThan(0)
  })

  it("names events moved out of order", async () => {
    // Swap the places of two events in the chain: the links no longer hold.
    await handle.db.execute(sql`update audit_events set chain_pos = -1 where chain_pos = 8`)
    await handle.db.execute(sql`update audit_events set chain_pos = 8 where chain_pos = 9`)
    await handle.db.execute(sql`update audit_events set chain_pos = 9 where chain_pos = -1`)
    const problems = (await verifyArchive(handle.db)).problems
    expect(problems.some((p) => p.kind === "reordered")).toBe(true)
  })

  it("refuses to seal, and names, an event altered before it was sealed", async () => {
    await append(200)
    const [row] = await handle.db
      .execute(sql`select max(seq)::int as seq from audit_events`)
      .then((r) => (r as { rows: { seq: number }[] }).rows)
    await handle.db.execute(sql`update audit_events set actor = 'someone-else' where seq = ${row!.seq}`)
    expect((await verifyArchive(handle.db)).problems).toContainEqual(
      expect.objectContaining({ kind: "altered", seq: row!.seq }),
    )
    expect((await sealArchive(handle.db)).refused).toEqual([row!.seq])
  })

  it("catches a truncated archive against a recorded head", async () => {
    const before = await verifyArchive(handle.db)
    await handle.db.execute(sql`delete from audit_events where chain_pos = ${before.head.position}`)
    const result = await verifyArchive(handle.db, { expectedHead: before.head })
    expect(result.problems).toContainEqual(expect.objectContaining({ kind: "truncated" }))
  })
})
