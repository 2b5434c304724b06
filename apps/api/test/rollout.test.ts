import { type DatabaseHandle, tables } from "@firegrid/db"
import { testEngines } from "@firegrid/db/testing"
import { READINESS_ITEMS } from "@firegrid/domain"
import { like } from "drizzle-orm"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { addSecondTownship } from "./fixtures.ts"
import { type ApiHarness, failureOf, startApi } from "./harness.ts"

const at = (day: string) => new Date(`${day}T09:00:00+08:00`)

describe.each(testEngines())(
  "the rollout on %s: pilot village, work standards, acceptance (四, D-13)",
  (engine) => {
    let database: DatabaseHandle
    let api: ApiHarness
    let gaocheng: Awaited<ReturnType<ApiHarness["signIn"]>>
    let county: Awaited<ReturnType<ApiHarness["signIn"]>>

    const rolloutAudit = () =>
      database.db
        .select({
          action: tables.auditEvents.action,
          before: tables.auditEvents.before,
          after: tables.auditEvents.after,
        })
        .from(tables.auditEvents)
        .where(like(tables.auditEvents.action, "rollout.%"))
    const gaochengStatus = async () =>
      (await gaocheng.rollout.status.query({ gridId: "town-gaocheng" })).townships[0]!

    /** Moves the clock and signs in again: a session does not outlive months of test time. */
    const moveTo = async (day: string) => {
      api.clock.now = at(day)
      gaocheng = await api.signIn("gaocheng")
      county = await api.signIn("county")
    }

    beforeAll(async () => {
      database = await engine.open()
      api = await startApi(database)
      await addSecondTownship(database.db)
      await moveTo("2023-02-01")
    })
    afterAll(async () => {
      await database?.close()
    })

    it("告成镇 picks 曲河村 as its pilot, with the seed's deadlines (四(一): 2023 年 6 月底)", async () => {
      const result = await gaocheng.rollout.record.mutate({
        townshipId: "town-gaocheng",
        action: { _tag: "ChoosePilot", villageId: "v03" },
      })
      const town = result.townships[0]!
      expect(town).toMatchObject({
        townshipName: "告成镇",
        year: 2023,
        pilotDeadline: "2023-06-30",
        fullRolloutDeadline: "2023-12-31",
        pilot: { villageId: "v03", villageName: "曲河村", chosenOn: "2023-02-01" },
        statusLabel: "试点建设中",
        pilotOverdue: false,
      })
      expect(town.checklist.map((c) => c.state)).toEqual(READINESS_ITEMS.map(() => "notChecked"))
      const audit = await rolloutAudit()
      expect(audit).toHaveLength(1)
      expect(audit[0]).toMatchObject({ action: "rollout.choosePilot", before: null })
    })

    it("records the findings of the checklist (三), the latest per item counting", async () => {
      await moveTo("2023-05-20")
      for (const item of READINESS_ITEMS)
        await gaocheng.rollout.record.mutate({
          townshipId: "town-gaocheng",
          action: {
            _tag: "RecordFinding",
            villageId: "v03",
            item,
            met: item !== "funding",
            checkedOn: "2023-05-20",
          },
        })
      await gaocheng.rollout.record.mutate({
        townshipId: "town-gaocheng",
        action: {
          _tag: "RecordFinding",
          villageId: "v03",
          item: "funding",
          met: true,
          checkedOn: "2023-05-20",
          note: "镇财政已拨付消防经费",
        },
      })
      const town = await gaochengStatus()
      const funding = town.checklist.find((c) => c.item === "funding")!
      expect(funding).toMatchObject({
        label: "经费保障有力",
        state: "met",
        finding: { met: true, checkedOn: "2023-05-20", note: "镇财政已拨付消防经费" },
      })
      expect(town.checklist.find((c) => c.item === "workOrder")).toMatchObject({
        label: "工作秩序标准",
        state: "met",
      })
      // Grid division is not taken on trust: its state follows the coverage check (G-1), the finding is shown.
      expect(town.checklist.find((c) => c.item === "gridDivision")!.finding).toMatchObject({ met: true })
      expect((await rolloutAudit()).filter((e) => e.action === "rollout.recordFinding")).toHaveLength(11)
    })

    it("refuses a finding dated after today on its field, and changes nothing", async () => {
      const before = (await rolloutAudit()).length
      const failure = await failureOf(
        gaocheng.rollout.record.mutate({
          townshipId: "town-gaocheng",
          action: {
            _tag: "RecordFinding",
            villageId: "v03",
            item: "team",
            met: false,
            checkedOn: "2023-05-21",
          },
        }),
      )
      expect(failure.data?.code).toBe("BAD_REQUEST")
      expect(failure.data?.issues).toEqual([
        { path: ["action", "checkedOn"], message: "检查日期不能晚于今天" },
      ])
      expect((await rolloutAudit()).length).toBe(before)
    })

    it("shows the pilot overdue after 30 June 2023 without acceptance, and a township without a pilot too", async () => {
      await moveTo("2023-07-01")
      const town = await gaochengStatus()
      expect(town.status._tag).toBe("Overdue")
      expect(town.pilotOverdue).toBe(true)
      expect(town.acceptance).toBeNull()
      const all = await county.rollout.status.query({})
      const xuzhuang = all.townships.find((t) => t.townshipId === "town-xuzhuang")!
      expect(xuzhuang).toMatchObject({ pilot: null, statusLabel: "未选定试点村", pilotOverdue: true })
      expect(all.county).toMatchObject({ townships: 2, pilotsAccepted: 0, pilotsOverdue: 2, villages: 25 })
    })

    it("lets only the county accept a pilot (四(二) 检查验收), then shows it accepted", async () => {
      await moveTo("2023-07-05")
      const acceptance = {
        _tag: "RecordAcceptance",
        passed: true,
        date: "2023-07-05",
        note: "各项标准达到",
      } as const
      const refused = await failureOf(
        gaocheng.rollout.record.mutate({ townshipId: "town-gaocheng", action: acceptance }),
      )
      expect(refused.data?.code).toBe("FORBIDDEN")
      const result = await county.rollout.record.mutate({ townshipId: "town-gaocheng", action: acceptance })
      expect(result.townships[0]).toMatchObject({
        status: { _tag: "Accepted", date: "2023-07-05" },
        statusLabel: "已通过验收",
        pilotOverdue: false,
        acceptance: { date: "2023-07-05", passed: true, note: "各项标准达到" },
      })
      const last = (await rolloutAudit()).find((e) => e.action === "rollout.recordAcceptance")
      expect(last?.before).toBeTruthy()
      expect(last?.after).toMatchObject({ acceptances: [{ villageId: "v03", passed: true }] })
      const all = await county.rollout.status.query({ gridId: "county" })
      expect(all.county).toMatchObject({ pilotsAccepted: 1, pilotsOverdue: 1 })
    })

    it("refuses a village admin: recording is for the township and the county", async () => {
      const quhe = await api.signIn("quhe")
      const failure = await failureOf(
        quhe.rollout.record.mutate({
          townshipId: "town-gaocheng",
          action: {
            _tag: "RecordFinding",
            villageId: "v03",
            item: "team",
            met: true,
            checkedOn: "2023-07-05",
          },
        }),
      )
      expect(failure.data?.code).toBe("FORBIDDEN")
      // A village admin still sees its own township's rollout (its own grid by default).
      const own = await quhe.rollout.status.query({})
      expect(own.townships.map((t) => t.townshipId)).toEqual(["town-gaocheng"])
      expect(own.county).toBeNull()
    })

    it("does not let another township take a 告成镇 village as its pilot, and changes nothing", async () => {
      const before = (await rolloutAudit()).length
      const failure = await failureOf(
        county.rollout.record.mutate({
          townshipId: "town-xuzhuang",
          action: { _tag: "ChoosePilot", villageId: "v03" },
        }),
      )
      expect(failure.data?.code).toBe("BAD_REQUEST")
      expect(failure.data?.issues).toEqual([
        { path: ["action", "villageId"], message: "试点村应为徐庄镇的行政村或社区" },
      ])
      expect((await rolloutAudit()).length).toBe(before)
      const xuzhuang = (await county.rollout.status.query({ gridId: "town-xuzhuang" })).townships[0]!
      expect(xuzhuang.pilot).toBeNull()
      // 徐庄镇's own village is accepted.
      const ok = await county.rollout.record.mutate({
        townshipId: "town-xuzhuang",
        action: { _tag: "ChoosePilot", villageId: "x01" },
      })
      expect(ok.townships[0]!.pilot).toMatchObject({ villageId: "x01", villageName: "徐庄村" })
    })

    it("refuses a 告成镇 account on 徐庄镇, and a village given as a township", async () => {
      const outside = await failureOf(
        gaocheng.rollout.record.mutate({
          townshipId: "town-xuzhuang",
          action: { _tag: "ChoosePilot", villageId: "x01" },
        }),
      )
      expect(outside.data?.code).toBe("FORBIDDEN")
      const notTownship = await failureOf(
        gaocheng.rollout.record.mutate({
          townshipId: "v03",
          action: { _tag: "ChoosePilot", villageId: "v03" },
        }),
      )
      expect(notTownship.data?.issues).toEqual([{ path: ["townshipId"], message: "请选择乡镇（大网格）" }])
    })
  },
)
