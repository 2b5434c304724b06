import { describe, expect, it } from "vitest"
import {
  Activity,
  ActivityId,
  Assignment,
  assessRollout,
  buildDemoCounty,
  type GridId,
  localDate,
  PilotAcceptance,
  PilotStatus,
  READINESS_ITEMS,
  ReadinessCheck,
  seedRolloutPlan,
  unsignedLetters,
} from "../src/index.ts"

const county = buildDemoCounty()
const town = county.townId
const villages = county.grids.filter((g) => g.level === "medium").map((g) => g.id)
const zones = county.grids.filter((g) => g.level === "small")

const letter = (
  id: string,
  gridId: GridId,
  date: string,
  gridIds: GridId[],
  unitIds: Activity["unitIds"] = [],
) =>
  Activity.make({ id: ActivityId.make(id), kind: "letter", gridId, date: localDate(date), gridIds, unitIds })

describe("responsibility letters signed level by level every year (六(三), D-10)", () => {
  const signed = [
    letter("l1", county.countyId, "2026-02-20", [town]),
    letter("l2", town, "2026-03-02", villages.slice(1)),
    ...zones.map((z, i) => letter(`l-z${i}`, z.parentId!, "2026-03-10", [z.id])),
    ...zones.map((z, i) =>
      letter(
        `l-u${i}`,
        z.id,
        "2026-03-15",
        [],
        county.placements.filter((p) => p.gridId === z.id && !p.unitId.endsWith("7")).map((p) => p.unitId),
      ),
    ),
  ]

  it("lists the one village that did not sign with the town, and the units that did not sign with their zone", () => {
    const report = unsignedLetters(county, signed, 2026)
    expect(report.grids).toEqual([{ gridId: villages[0], level: "medium", withGridId: town }])
    expect(report.gridsDue).toBe(1 + 24 + 200)
    expect(report.gridsSigned).toBe(224)
    expect(report.units.every((u) => u.unitId.endsWith("7"))).toBe(true)
    expect(report.units.length).toBe(county.units.filter((u) => u.id.endsWith("7")).length)
    expect(report.unitsSigned + report.units.length).toBe(county.units.length)
  })

  it("does not count last year's letters for this year", () => {
    const report = unsignedLetters(county, signed, 2027)
    expect(report.gridsSigned).toBe(0)
    expect(report.unitsSigned).toBe(0)
  })

  it("does not count a letter signed with the wrong level (the county directly with a village)", () => {
    const report = unsignedLetters(county, [letter("x", county.countyId, "2026-02-20", [villages[0]!])], 2026)
    expect(report.grids.some((g) => g.gridId === villages[0])).toBe(true)
  })
})

describe("rollout: a pilot village per township, the work standards of 三, acceptance (四, D-13)", () => {
  const pilot = villages[0]!
  const plan = seedRolloutPlan(2023, [
    { townshipId: town, villageId: pilot, chosenOn: localDate("2023-02-01") },
  ])
  const check = (
    item: (typeof READINESS_ITEMS)[number],
    met: boolean,
    on = "2023-05-20",
    gridId: GridId = pilot,
  ) => ReadinessCheck.make({ gridId, item, met, checkedOn: localDate(on), checkedBy: "县消防大队" })
  const allMet = READINESS_ITEMS.map((i) => check(i, true))
  const tree = {
    ...county,
    assignments: county.assignments.map((a) => Assignment.make({ ...a, since: localDate("2020-01-01") })),
  }
  const run = (checks: ReadinessCheck[], asOf: string, acceptances: PilotAcceptance[] = [], t = tree) =>
    assessRollout({ plan, tree: t, checks, acceptances, asOf: localDate(asOf) })[0]!

  it("uses the seed's deadlines: pilots by the end of June 2023, everywhere by the end of the year", () => {
    expect(plan.pilotDeadline).toBe("2023-06-30")
    expect(plan.fullRolloutDeadline).toBe("2023-12-31")
  })

  it("has ten checklist items from 三, including 工作秩序标准", () => {
    expect(READINESS_ITEMS).toHaveLength(10)
    expect(READINESS_ITEMS).toContain("workOrder")
  })

  it("shows a pilot in progress, then ready for acceptance, then accepted", () => {
    expect(run(allMet.slice(0, 6), "2023-05-31").pilot).toEqual(PilotStatus.InProgress({ met: 6, total: 10 }))
    expect(run(allMet, "2023-05-31").pilot).toEqual(PilotStatus.ReadyForAcceptance())
    const accepted = PilotAcceptance.make({
      townshipId: town,
      villageId: pilot,
      date: localDate("2023-06-25"),
      passed: true,
      by: "县政府",
    })
    expect(run(allMet, "2023-07-01", [accepted]).pilot).toEqual(
      PilotStatus.Accepted({ date: localDate("2023-06-25") }),
    )
  })

  it("shows a pilot overdue after 30 June 2023 without acceptance, and a township without a pilot as overdue", () => {
    expect(run(allMet.slice(0, 9), "2023-07-01").pilot).toEqual(PilotStatus.Overdue({ met: 9, total: 10 }))
    const none = assessRollout({
      plan: seedRolloutPlan(2023, []),
      tree,
      checks: [],
      acceptances: [],
      asOf: localDate("2023-07-01"),
    })[0]!
    expect(none.pilot).toEqual(PilotStatus.NoPilot({ overdue: true }))
  })

  it("takes the latest finding per item: a later 'not met' undoes an earlier 'met'", () => {
    const r = run([...allMet, check("funding", false, "2023-06-01")], "2023-06-10")
    expect(r.readiness.funding).toBe("notMet")
    expect(r.pilot._tag).toBe("InProgress")
  })

  it("does not take grid division on trust: a zone without a work group fails it (G-1)", () => {
    const broken = {
      ...tree,
      assignments: tree.assignments.filter((a) => !(a.gridId === `${pilot}-z1` && a.role === "workGroup")),
    }
    const r = run(allMet, "2023-06-10", [], broken)
    expect(r.readiness.gridDivision).toBe("notMet")
  })

  it("counts villages meeting every standard for the full rollout by year end (四(三))", () => {
    const everywhere = villages.flatMap((v) => READINESS_ITEMS.map((i) => check(i, true, "2023-11-01", v)))
    const r = run(everywhere, "2023-12-31")
    expect(r).toMatchObject({
      villagesReady: 24,
      villages: 24,
      fullRolloutDone: true,
      fullRolloutOverdue: false,
    })
    const late = run(everywhere.slice(10), "2024-01-01")
    expect(late).toMatchObject({ villagesReady: 23, fullRolloutDone: false, fullRolloutOverdue: true })
  })
})
