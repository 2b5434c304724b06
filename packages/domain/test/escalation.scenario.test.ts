import { describe, expect, it } from "vitest"
import {
  defaultEscalationPolicy,
  type Escalation,
  mondayToFriday,
  noticeProgress,
  noticeStatus,
  sweepEscalations,
  workdaysOf,
} from "../src/index.ts"
import { county, d, facts, hazard, notice, recheck, tip, town, unitIn } from "./case-fixtures.ts"

const policy = defaultEscalationPolicy
const sweep = (f: Parameters<typeof sweepEscalations>[0], asOf: string) =>
  sweepEscalations(f, d(asOf), policy, mondayToFriday)
const byTrigger = (es: ReadonlyArray<Escalation>, trigger: Escalation["trigger"]) =>
  es.filter((e) => e.trigger === trigger)

describe("the township inspection day and the 下旬 recheck (五(三), H-2, H-3)", () => {
  // 5 March 2026, the 上旬 inspection day: two hazards at a unit of 曲河村 (v03).
  const unit = unitIn("v03")
  const blocked = hazard("H-1", unit, "2026-03-05", { category: "blockedEscape" })
  const wiring = hazard("H-2", unit, "2026-03-05", { category: "electricalMisuse" })
  const n = notice("N-001", [blocked, wiring], "2026-03-05", "2026-03-15")
  // 24 March, the unified recheck: the exit is cleared, the wiring is not.
  const r = recheck("R-1", n, "2026-03-24", { "H-1": true, "H-2": false })
  const f = facts({ hazards: [blocked, wiring], notices: [n], rechecks: [r] })

  it("raises nothing while the notice runs and before the recheck", () => {
    expect(sweep(f, "2026-03-05")).toEqual([])
    expect(sweep(f, "2026-03-16")).toEqual([])
    expect(sweep(f, "2026-03-23")).toEqual([])
  })

  it("counts the notice overdue once the 15 March deadline has passed without a passed recheck (H-3)", () => {
    const w = workdaysOf(mondayToFriday)
    expect(noticeStatus(noticeProgress(n, [], d("2026-03-15"), policy, w), d("2026-03-15"))._tag).toBe("Open")
    const overdue = noticeStatus(noticeProgress(n, [r], d("2026-03-24"), policy, w), d("2026-03-24"))
    expect(overdue).toMatchObject({ _tag: "Overdue", daysOverdue: 9, unrectified: ["H-2"] })
    // The 下旬 window for a 15 March deadline: 21–31 March.
    expect(noticeProgress(n, [], d("2026-03-24"), policy, w)).toMatchObject({
      recheckFrom: "2026-03-21",
      recheckDue: "2026-03-31",
    })
  })

  it("archives the unit and reports to the police station at the 24 March recheck — once, and only for the unfixed hazard (五(三))", () => {
    const es = sweep(f, "2026-03-24")
    expect(es).toHaveLength(1)
    const [e] = es
    expect(e).toMatchObject({
      trigger: "recheckFailed",
      fromGridId: town,
      to: { _tag: "Department", kind: "police", departmentId: "d-police", forGridId: town },
      triggeredOn: "2026-03-24",
      dueOn: "2026-03-25",
      unitIds: [unit],
      hazardIds: ["H-2"],
      noticeIds: ["N-001"],
      clause: "五(三)",
    })
    expect(e!.archive).toMatchObject({
      gridId: town,
      on: "2026-03-24",
      kind: "unrectifiedUnit",
      hazardIds: ["H-2"],
    })
    expect(es.flatMap((x) => x.hazardIds)).not.toContain("H-1")
  })

  it("gives the same single escalation on every later day of March (idempotent, E-1)", () => {
    const first = sweep(f, "2026-03-24")
    for (const day of ["2026-03-25", "2026-03-31"]) expect(sweep(f, day)).toEqual(first)
  })

  it("puts the still-open case on the agenda of the Q2 joint meeting, with only the unfixed hazard (五(五), H-5)", () => {
    const es = sweep({ ...f, jointMeetings: [{ townshipId: town, on: d("2026-06-18") }] }, "2026-06-30")
    const agenda = byTrigger(es, "jointMeetingAgenda")
    expect(agenda).toHaveLength(1)
    expect(agenda[0]).toMatchObject({
      to: { _tag: "JointMeeting", townshipId: town, meetingOn: "2026-06-18" },
      triggeredOn: "2026-06-11",
      hazardIds: ["H-2"],
    })
    // The Q1 meeting (assumed on 31 March) came too soon after the police report for it to be a hard case.
    expect(agenda.some((e) => e.dueOn === "2026-03-31")).toBe(false)
  })

  it("keeps a case fixed before the meeting off the agenda", () => {
    const fixed = recheck("R-2", n, "2026-05-20", { "H-2": true })
    const es = sweep(
      { ...f, rechecks: [r, fixed], jointMeetings: [{ townshipId: town, on: d("2026-06-18") }] },
      "2026-06-30",
    )
    expect(byTrigger(es, "jointMeetingAgenda")).toEqual([])
    expect(byTrigger(es, "recheckFailed")).toHaveLength(1)
  })

  it("closes a notice whose every hazard passed the recheck, and raises nothing (H-3)", () => {
    const passed = recheck("R-3", n, "2026-03-24", { "H-1": true, "H-2": true })
    const g = facts({ hazards: [blocked, wiring], notices: [n], rechecks: [passed] })
    expect(sweep(g, "2026-12-31")).toEqual([])
    const w = workdaysOf(mondayToFriday)
    expect(noticeStatus(noticeProgress(n, [passed], d("2026-04-01"), policy, w), d("2026-04-01"))).toEqual({
      _tag: "Closed",
      on: "2026-03-24",
      onTime: true,
    })
  })

  it("reports a township notice never rechecked in 下旬 to the county the day after the window [design]", () => {
    const g = facts({ hazards: [blocked, wiring], notices: [n] })
    expect(sweep(g, "2026-03-31")).toEqual([])
    const [e] = sweep(g, "2026-04-01")
    expect(e).toMatchObject({
      trigger: "recheckMissed",
      to: { _tag: "Grid", gridId: county.countyId, level: "county" },
      triggeredOn: "2026-04-01",
    })
  })
})

describe("village weekly checks and the aggregation to the township (五(三), H-4)", () => {
  const group = { village: "v03" }
  const h1 = hazard("VH-1", unitIn("v03", 1), "2026-03-02", { by: "v03" as never })
  const h2 = hazard("VH-2", unitIn("v03", 2), "2026-03-03", { by: "v03" as never })
  const h3 = hazard("VH-3", unitIn("v03", 3), "2026-03-03", { by: "v03" as never })
  // Weekly check on Monday 2 and Tuesday 3 March, deadlines a week later.
  const n1 = notice("VN-1", [h1], "2026-03-02", "2026-03-09", group)
  const n2 = notice("VN-2", [h2], "2026-03-03", "2026-03-10", group)
  const n3 = notice("VN-3", [h3], "2026-03-03", "2026-03-10", group)
  // The next weekly check (11 March) finds VN-3 fixed; VN-1 and VN-2 are not.
  const rechecks = [
    recheck("VR-1", n1, "2026-03-11", { "VH-1": false }, "v03" as never),
    recheck("VR-3", n3, "2026-03-11", { "VH-3": true }, "v03" as never),
  ]
  const f = facts({ hazards: [h1, h2, h3], notices: [n1, n2, n3], rechecks })

  it("does not report a village's failed recheck to the police directly: that rung is the township's", () => {
    expect(byTrigger(sweep(f, "2026-03-31"), "recheckFailed")).toEqual([])
  })

  it("sends one report per village and week, listing only the cases not fixed in time (五(三))", () => {
    // Recheck due 3 workdays after the deadline: 12 and 13 March, both in ISO week 11.
    expect(sweep(f, "2026-03-15")).toEqual([])
    const es = sweep(f, "2026-03-16")
    expect(es).toHaveLength(1)
    expect(es[0]).toMatchObject({
      trigger: "villageOverdue",
      subject: "v03/2026-W11",
      fromGridId: "v03",
      to: { _tag: "Grid", gridId: town, level: "large" },
      triggeredOn: "2026-03-16",
      dueOn: "2026-03-16",
      noticeIds: ["VN-1", "VN-2"],
      hazardIds: ["VH-1", "VH-2"],
    })
    expect(es[0]!.archive).toMatchObject({ gridId: "v03", kind: "villageOverdueReport" })
    expect(sweep(f, "2026-03-20")).toEqual(es)
  })

  it("keeps villages apart: another village's late case is its own report", () => {
    const other = hazard("VH-9", unitIn("v07"), "2026-03-03", { by: "v07" as never })
    const n9 = notice("VN-9", [other], "2026-03-03", "2026-03-10", { village: "v07" })
    const es = sweep({ ...f, hazards: [...f.hazards, other], notices: [...f.notices, n9] }, "2026-03-16")
    expect(es.map((e) => e.subject).sort()).toEqual(["v03/2026-W11", "v07/2026-W11"])
  })
})

describe("a major hazard goes straight to the fire brigade (H-6)", () => {
  const station = county.units.find((u) => u.kind === "gasStation")!.id
  const major = hazard("MH-1", station, "2026-03-05", { category: "flammableStorage" })

  it("escalates on the day of the determination, before any notice or recheck", () => {
    const f = facts({
      hazards: [major],
      majorDeterminations: [{ hazardId: major.id, determinedOn: d("2026-03-06"), isMajor: true }],
    })
    expect(sweep(f, "2026-03-05")).toEqual([])
    const es = sweep(f, "2026-03-06")
    expect(es).toHaveLength(1)
    expect(es[0]).toMatchObject({
      trigger: "majorHazard",
      to: { _tag: "Department", kind: "fireBrigade", departmentId: "d-fireBrigade" },
      triggeredOn: "2026-03-06",
      dueOn: "2026-03-06",
      hazardIds: ["MH-1"],
    })
    expect(es[0]!.archive.kind).toBe("majorHazardLedger")
  })

  it("does not escalate a determination that found the hazard not major", () => {
    const f = facts({
      hazards: [major],
      majorDeterminations: [{ hazardId: major.id, determinedOn: d("2026-03-06"), isMajor: false }],
    })
    expect(sweep(f, "2026-06-30")).toEqual([])
  })
})

describe("a tip not acknowledged within one workday goes to the level above (T-3)", () => {
  // Friday 6 March: the 1-workday limit ends on Monday 9 March.
  it("climbs to the village, then to the township, one workday at a time", () => {
    const f = facts({ tips: [tip("T-1", "v05-z1", "2026-03-06")] })
    expect(sweep(f, "2026-03-09")).toEqual([])
    const tuesday = sweep(f, "2026-03-10")
    expect(tuesday).toHaveLength(1)
    expect(tuesday[0]).toMatchObject({
      fromGridId: "v05-z1",
      to: { gridId: "v05" },
      triggeredOn: "2026-03-10",
    })
    const wednesday = sweep(f, "2026-03-11")
    expect(wednesday.map((e) => e.to)).toEqual([
      { _tag: "Grid", gridId: "v05", level: "medium" },
      { _tag: "Grid", gridId: town, level: "large" },
    ])
    expect(sweep(f, "2026-04-30")).toEqual(wednesday)
  })

  it("stays quiet when the zone acknowledges on the first workday", () => {
    expect(sweep(facts({ tips: [tip("T-2", "v05-z1", "2026-03-06", "2026-03-09")] }), "2026-04-30")).toEqual(
      [],
    )
  })

  it("keeps the first step when the answer came late", () => {
    const es = sweep(facts({ tips: [tip("T-3", "v05-z1", "2026-03-06", "2026-03-10")] }), "2026-04-30")
    expect(es.map((e) => e.subject)).toEqual(["tip/T-3/1"])
  })
})
