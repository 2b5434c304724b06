import { type DatabaseHandle, insertAccount, loadCaseFacts, openDatabase, rowsOf, tables } from "@firegrid/db"
import { createScratchDatabase, testEngines } from "@firegrid/db/testing"
import {
  addDays,
  buildDemoCounty,
  defaultEscalationPolicy,
  type LocalDate,
  localDate,
  sweepEscalations,
  workdayPredicateOf,
} from "@firegrid/domain"
import { sql } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { hashPassword } from "../src/auth/password.ts"
import { loadCalendar } from "../src/services/calendar.ts"
import { runSweep } from "../src/services/sweep.ts"
import { type ApiClient, type ApiHarness, failureOf, startApi } from "./harness.ts"

const at = (day: string) => new Date(`${day}T09:00:00+08:00`)
const county = buildDemoCounty()
/** Units of 曲河村 (v03), as the demo county places them. */
const quheUnits = county.placements.filter((p) => p.gridId.startsWith("v03-")).map((p) => p.unitId)
const v04Unit = county.placements.find((p) => p.gridId.startsWith("v04-"))!.unitId

const countRows = async (db: DatabaseHandle["db"], query: ReturnType<typeof sql>) =>
  Number(rowsOf<{ n: number | string }>(await db.execute(query))[0]!.n)

/** A 曲河村 neighbour's village admin, to show that one village does not see another's cases. */
const addV04Account = async (db: DatabaseHandle["db"]) =>
  insertAccount(
    db,
    {
      id: "acct-v04",
      username: "v04-admin",
      displayName: "第四村村委会",
      role: "villageAdmin",
      gridId: "v04",
      passwordHash: await hashPassword("firegrid-demo"),
    },
    at("2026-03-01"),
    "test",
  )

/**
 * The seed's loop, end to end through the real router (五(三), H-1..H-3, E-1): 告成镇's inspection day finds
 * two hazards at a unit in 曲河村, the 安监办 issues a notice, the 下旬 recheck finds one not rectified, and
 * the sweep files one archive entry and one report to the 派出所.
 */
const playSeedScenario = async (api: ApiHarness) => {
  api.clock.now = at("2026-03-05")
  const gaocheng = await api.signIn("gaocheng")
  const unitId = quheUnits[0]!
  const first = await gaocheng.hazard.record.mutate({
    unitId,
    category: "blockedEscape",
    description: "安全出口被货物堵塞",
    source: { _tag: "Inspection" },
  })
  const second = await gaocheng.hazard.record.mutate({
    unitId,
    category: "electricalMisuse",
    description: "仓库内私拉乱接电线",
    source: { _tag: "Inspection" },
  })
  const notice = await gaocheng.notice.issue.mutate({
    hazardIds: [first.id, second.id],
    deadline: "2026-03-15",
  })
  // Sessions last 12 hours: moving the clock weeks ahead means signing in again, as a clerk would.
  api.clock.now = at("2026-03-24")
  const later = await api.signIn("gaocheng")
  await later.recheck.record.mutate({
    noticeId: notice.id,
    results: [
      { hazardId: first.id, rectified: true },
      { hazardId: second.id, rectified: false, note: "电线仍未整改" },
    ],
  })
  return { gaocheng: later, unitId, fixed: first.id, unfixed: second.id, notice }
}

describe.each(testEngines())("the closed loop on %s (五(三), H-1..H-6, E-1)", (engine) => {
  let database: DatabaseHandle
  let api: ApiHarness
  let played: Awaited<ReturnType<typeof playSeedScenario>>
  let gaocheng: ApiClient
  let police: ApiClient
  let brigade: ApiClient
  /** Moves the clock to 09:00 on `day` and signs the township, police and brigade clerks in afresh. */
  const moveTo = async (day: string) => {
    api.clock.now = at(day)
    gaocheng = await api.signIn("gaocheng")
    police = await api.signIn("police")
    brigade = await api.signIn("brigade")
  }

  beforeAll(async () => {
    database = await engine.open()
    api = await startApi(database)
    await addV04Account(database.db)
    played = await playSeedScenario(api)
    await moveTo("2026-03-24")
  })
  afterAll(async () => {
    await database?.close()
  })

  it("numbers the township's notice 告成安监改〔2026〕001号 and prints it as one A4 page (H-2)", async () => {
    const notice = await gaocheng.notice.get.query({ noticeId: played.notice.id })
    expect(notice.number).toBe("告成安监改〔2026〕001号")
    expect(notice.issuerName).toBe("告成镇安监办")
    expect(notice.document.paper).toBe("A4")
    expect(notice.document.title).toBe("隐患整改通知书")
    expect(notice.document.items.map((i) => i.description)).toEqual([
      "安全出口被货物堵塞",
      "仓库内私拉乱接电线",
    ])
    expect(notice.document.requirement).toContain("2026年3月15日")
    expect(notice.document.consequence).toContain("派出所")
    expect(notice.rechecks).toHaveLength(1)
  })

  it("closes the rectified hazard and marks the other as failed at the 下旬 recheck (H-3)", async () => {
    const fixed = await gaocheng.hazard.get.query({ hazardId: played.fixed })
    expect(fixed.state).toBe("Closed")
    expect(fixed.history.map((h) => h.event._tag)).toEqual(["IssueNotice", "PassRecheck"])
    const unfixed = await gaocheng.hazard.get.query({ hazardId: played.unfixed })
    expect(unfixed.state).toBe("RecheckFailed")
    expect(unfixed.notices.map((n) => n.number)).toEqual(["告成安监改〔2026〕001号"])
  })

  it("lists the notice as overdue after its deadline, until a recheck closes it", async () => {
    const overdue = await gaocheng.notice.overdue.query({})
    expect(overdue.map((n) => n.id)).toEqual([played.notice.id])
    expect(overdue[0]!.unrectified).toEqual([played.unfixed])
  })

  it("files exactly one archive entry and one report to the 派出所, none for the fixed hazard (五(三))", async () => {
    await moveTo("2026-03-25")
    const sweep = await gaocheng.escalation.sweep.mutate()
    expect(sweep.ran).toBe(true)
    expect(sweep.recorded).toEqual([`esc:recheckFailed:notice/${played.notice.id}`])
    const again = await gaocheng.escalation.sweep.mutate()
    expect(again.recorded).toEqual([])

    const [escalation] = await gaocheng.escalation.list.query({})
    expect(escalation).toMatchObject({
      trigger: "recheckFailed",
      fromGridId: "town-gaocheng",
      to: { _tag: "Department", kind: "police", departmentId: "d-police", forGridId: "town-gaocheng" },
      toName: "告成派出所",
      triggeredOn: "2026-03-24",
      hazardIds: [played.unfixed],
      unitIds: [played.unitId],
      archive: { kind: "unrectifiedUnit", gridId: "town-gaocheng" },
    })
    const archived = await countRows(
      database.db,
      sql`select count(*) as n from audit_events where action like 'escalation.%'`,
    )
    expect(archived).toBe(1)
    const unfixed = await gaocheng.hazard.get.query({ hazardId: played.unfixed })
    expect(unfixed.state).toBe("Escalated")
    expect(unfixed.history.at(-1)).toMatchObject({ event: { _tag: "Escalate", on: "2026-03-24" } })
    const fixed = await gaocheng.hazard.get.query({ hazardId: played.fixed })
    expect(fixed.history.map((h) => h.event._tag)).toEqual(["IssueNotice", "PassRecheck"])
  })

  it("shows the report to the township and the police station, not to another village or the brigade", async () => {
    const id = `esc:recheckFailed:notice/${played.notice.id}`
    expect((await gaocheng.escalation.list.query({})).map((e) => e.id)).toContain(id)
    expect((await police.escalation.list.query({})).map((e) => e.id)).toContain(id)
    const v04 = await api.signIn("v04-admin")
    expect((await v04.escalation.list.query({})).map((e) => e.id)).not.toContain(id)
    expect((await brigade.escalation.list.query({})).map((e) => e.id)).not.toContain(id)
    const otherVillage = await failureOf(v04.hazard.get.query({ hazardId: played.unfixed }))
    expect(otherVillage.data?.code).toBe("FORBIDDEN")
  })

  it("sends a major hazard (a direct element of GB 35181) to the fire brigade at once (H-6)", async () => {
    await moveTo("2026-03-26")
    const hazard = await gaocheng.hazard.record.mutate({
      unitId: quheUnits[1]!,
      category: "flammableStorage",
      description: "液化气储存间与宿舍设在同一建筑内",
      source: { _tag: "Inspection" },
    })
    const determination = await gaocheng.hazard.determineMajor.mutate({
      hazardId: hazard.id,
      findings: [{ code: "D6.2" }],
      decidedBy: ["刘国彬", "何聪道", "安检员甲"],
    })
    expect(determination.isMajor).toBe(true)
    expect(determination.verdict).toBe("MajorByDirectElement")
    expect(determination.explanation.join("")).toContain("D6.2")
    const stored = await gaocheng.hazard.get.query({ hazardId: hazard.id })
    expect(stored.severity).toBe("major")
    expect(stored.determination?.verdict).toBe("MajorByDirectElement")
    const toBrigade = await brigade.escalation.list.query({})
    expect(toBrigade.map((e) => e.id)).toContain(`esc:majorHazard:hazard/${hazard.id}`)
    expect(toBrigade.find((e) => e.trigger === "majorHazard")).toMatchObject({
      triggeredOn: "2026-03-26",
      dueOn: "2026-03-26",
      archive: { kind: "majorHazardLedger" },
    })
    expect((await police.escalation.list.query({})).map((e) => e.trigger)).not.toContain("majorHazard")
    const again = await failureOf(
      gaocheng.hazard.determineMajor.mutate({
        hazardId: hazard.id,
        findings: [],
        decidedBy: ["甲", "乙", "丙"],
      }),
    )
    expect(again.data?.code).toBe("CONFLICT")
  })

  it("refuses a village inspection group's notice for the township's inspection-day findings (H-2)", async () => {
    const hazard = await gaocheng.hazard.record.mutate({
      unitId: quheUnits[0]!,
      category: "fireEquipment",
      description: "灭火器过期",
      source: { _tag: "Inspection" },
    })
    const quhe = await api.signIn("quhe")
    const refused = await failureOf(
      quhe.notice.issue.mutate({ hazardIds: [hazard.id], deadline: "2026-04-10" }),
    )
    expect(refused.data?.code).toBe("BAD_REQUEST")
    expect(refused.message).toContain("安监办")
    expect((await gaocheng.hazard.get.query({ hazardId: hazard.id })).state).toBe("Found")
  })

  it("refuses a second notice for a hazard that already has one, in the domain's words", async () => {
    const refused = await failureOf(
      gaocheng.notice.issue.mutate({ hazardIds: [played.fixed], deadline: "2026-04-30" }),
    )
    expect(refused.data?.code).toBe("CONFLICT")
    expect(refused.message).toContain("已销案")
  })

  it("links a verified tip to the hazard it became (H-1, T-3)", async () => {
    const { trackingCode } = await api.client.tip.file.mutate({
      gridId: "v03-z2",
      category: "eBikeCharging",
      description: "楼道里给电动车充电",
    })
    const tip = (await gaocheng.tip.list.query({})).find((t) => t.trackingCode === trackingCode)!
    const early = await failureOf(
      gaocheng.hazard.record.mutate({
        unitId: quheUnits[0]!,
        category: "eBikeCharging",
        description: "楼道内电动车充电",
        source: { _tag: "Tip", tipId: tip.id },
      }),
    )
    expect(early.data?.code).toBe("CONFLICT")
    await gaocheng.tip.act.mutate({ tipId: tip.id, action: { _tag: "Acknowledge" } })
    await gaocheng.tip.act.mutate({ tipId: tip.id, action: { _tag: "Verify" } })
    const hazard = await gaocheng.hazard.record.mutate({
      unitId: quheUnits[0]!,
      category: "eBikeCharging",
      description: "楼道内电动车充电",
      source: { _tag: "Tip", tipId: tip.id },
    })
    expect(hazard.source).toEqual({ _tag: "Tip", tipId: tip.id })
    const status = await api.client.tip.status.query({ trackingCode })
    expect(status.status).toBe("Linked")
  })

  it("sweeping every day for two months records each escalation once, the set a replay of the last day gives", async () => {
    // A village notice nobody rechecks (H-4) and a tip nobody answers (T-3), beside the township's case.
    const quhe = await api.signIn("quhe")
    const villageFinding = await quhe.hazard.record.mutate({
      unitId: quheUnits[2]!,
      category: "fireLane",
      description: "消防车通道被杂物占用",
      source: { _tag: "Inspection" },
    })
    await quhe.notice.issue.mutate({ hazardIds: [villageFinding.id], deadline: "2026-03-31" })
    await api.client.tip.file.mutate({ gridId: "v03-z1", category: "openFire", description: "田间焚烧秸秆" })
    const calendar = await loadCalendar(database.db)
    let day: LocalDate = localDate("2026-03-01")
    for (; day <= "2026-04-30"; day = addDays(day, 1)) await runSweep(database.db, day, at(day))
    const recorded = rowsOf<{ id: string }>(
      await database.db.execute(sql`select id from escalations order by id`),
    )
    const replayed = sweepEscalations(
      await loadCaseFacts(database.db),
      localDate("2026-04-30"),
      defaultEscalationPolicy,
      workdayPredicateOf(calendar),
    )
      .map((e) => e.id as string)
      .sort()
    expect(recorded.map((r) => r.id)).toEqual(replayed)
    const triggers = new Set(replayed.map((id) => id.split(":")[1]))
    expect([...triggers].sort()).toEqual([
      "majorHazard",
      "recheckFailed",
      "tipNotAcknowledged",
      "villageOverdue",
    ])
    const audits = await countRows(
      database.db,
      sql`select count(*) as n from audit_events where action like 'escalation.%'`,
    )
    expect(audits).toBe(replayed.length)
    const escalateEvents = rowsOf<{ hazard_id: string; n: number | string }>(
      await database.db.execute(
        sql`select hazard_id, count(*) as n from hazard_events where event->>'_tag' = 'Escalate' group by hazard_id, event->>'escalationId' having count(*) > 1`,
      ),
    )
    expect(escalateEvents).toEqual([])
  })

  it("records a finding against the inspection it was made at: the inspecting grid and its day (H-1)", async () => {
    const inspection = await gaocheng.activity.record.mutate({
      kind: "inspection",
      gridId: "town-gaocheng",
      date: "2026-03-05",
      unitIds: [quheUnits[3]!],
    })
    const hazard = await gaocheng.hazard.record.mutate({
      unitId: quheUnits[3]!,
      category: "openFire",
      description: "厨房违规使用明火",
      source: { _tag: "Inspection", activityId: inspection.id },
    })
    expect(hazard.foundOn).toBe("2026-03-05")
    expect(hazard.source).toEqual({
      _tag: "Inspection",
      byGridId: "town-gaocheng",
      inspectionId: inspection.id,
    })
    const elsewhere = await failureOf(
      gaocheng.hazard.record.mutate({
        unitId: quheUnits[4]!,
        category: "openFire",
        description: "厨房违规使用明火",
        source: { _tag: "Inspection", activityId: inspection.id },
      }),
    )
    expect(elsewhere.data?.code).toBe("BAD_REQUEST")
    expect(elsewhere.data?.issues?.[0]).toMatchObject({ path: ["source"], message: "该次检查未检查此单位" })
  })

  it("gives notices issued at the same moment consecutive numbers of the issuer's year (H-2)", async () => {
    const found = await Promise.all(
      [5, 6, 7].map((i) =>
        gaocheng.hazard.record.mutate({
          unitId: quheUnits[i % quheUnits.length]!,
          category: "fireEquipment",
          description: `灭火器压力不足（${i}）`,
          source: { _tag: "Inspection" },
        }),
      ),
    )
    const issued = await Promise.all(
      found.map((h) => gaocheng.notice.issue.mutate({ hazardIds: [h.id], deadline: "2026-04-30" })),
    )
    const numbers = issued.map((n) => n.number).sort()
    expect(new Set(numbers).size).toBe(3)
    for (const n of numbers) expect(n).toMatch(/^告成安监改〔2026〕00[2-4]号$/)
  })

  it("a unit outside my grids cannot get a hazard from me", async () => {
    const quhe = await api.signIn("quhe")
    const refused = await failureOf(
      quhe.hazard.record.mutate({
        unitId: v04Unit,
        category: "other",
        description: "其他隐患",
        source: { _tag: "Inspection" },
      }),
    )
    expect(refused.data?.code).toBe("FORBIDDEN")
  })
})

// Two API instances share one Postgres database: the advisory lock lets one sweep at a time, and the
// derived ids would refuse a second recording anyway.
describe.runIf(process.env.DATABASE_URL)("two API instances sweeping one Postgres database", () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>
  let first: DatabaseHandle
  let second: DatabaseHandle

  beforeAll(async () => {
    scratch = await createScratchDatabase(process.env.DATABASE_URL!)
    first = await openDatabase({ url: scratch.url })
    second = await openDatabase({ url: scratch.url })
  })
  afterAll(async () => {
    await first?.close()
    await second?.close()
    await scratch?.drop()
  })

  it("records each escalation once when both sweep at the same moment", async () => {
    const one = await startApi(first)
    const two = await startApi(second)
    const played = await playSeedScenario(one)
    two.clock.now = at("2026-03-25")
    one.clock.now = at("2026-03-25")
    const [mine, other] = await Promise.all([one.signIn("gaocheng"), two.signIn("county")])
    const results = await Promise.all([
      mine.escalation.sweep.mutate(),
      other.escalation.sweep.mutate(),
      ...Array.from({ length: 6 }, (_, i) =>
        runSweep(i % 2 === 0 ? first.db : second.db, localDate("2026-03-25"), at("2026-03-25")),
      ),
    ])
    const recorded = results.flatMap((r) =>
      "recorded" in r ? r.recorded.map((e) => (typeof e === "string" ? e : e.id)) : [],
    )
    expect(recorded).toEqual([`esc:recheckFailed:notice/${played.notice.id}`])
    expect(await countRows(first.db, sql`select count(*) as n from escalations`)).toBe(1)
    expect(
      await countRows(first.db, sql`select count(*) as n from audit_events where action like 'escalation.%'`),
    ).toBe(1)
    expect(
      await countRows(
        first.db,
        sql`select count(*) as n from hazard_events where event->>'_tag' = 'Escalate'`,
      ),
    ).toBe(1)
    const rows = await first.db.select().from(tables.escalations)
    expect(rows).toHaveLength(1)
  })
})
