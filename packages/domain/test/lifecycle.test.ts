import { Either } from "effect"
import { describe, expect, it } from "vitest"
import {
  applyHazardEvent,
  checkRecheck,
  type EscalationId,
  type HazardEvent,
  issueNotice,
  type NoticeId,
  noticeDocument,
  type PersonId,
  type RecheckId,
  replayHazard,
  replayTip,
  Tip,
  type TipEvent,
  type TipId,
  tipOpen311Status,
  tipTimeline,
} from "../src/index.ts"
import { d, grids, hazard, notice, recheck, town, unitIn } from "./case-fixtures.ts"

const unit = unitIn("v03")
const h1 = hazard("H-1", unit, "2026-03-05")
const h2 = hazard("H-2", unit, "2026-03-05", {
  category: "electricalMisuse",
  description: "配电箱周围堆放纸箱，电线私拉乱接",
})
const nId = "N-1" as NoticeId
const rId = "R-1" as RecheckId

describe("the hazard lifecycle (H-1..H-3, E-1)", () => {
  const issue: HazardEvent = { _tag: "IssueNotice", on: d("2026-03-05"), noticeId: nId }

  it("runs found → notice issued → rectifying → closed by a passed recheck", () => {
    const state = replayHazard(h1, [
      issue,
      { _tag: "StartRectification", on: d("2026-03-08") },
      { _tag: "PassRecheck", on: d("2026-03-24"), recheckId: rId },
    ])
    expect(state).toEqual(
      Either.right({ _tag: "Closed", since: "2026-03-24", how: "recheckPassed", recheckId: rId }),
    )
  })

  it("runs a failed recheck through escalation, a second notice and a passed recheck to closed (五(三), 五(五))", () => {
    const e1 = "esc:recheckFailed:notice/N-1" as EscalationId
    const e2 = "esc:jointMeetingAgenda:x" as EscalationId
    const state = replayHazard(h2, [
      issue,
      { _tag: "FailRecheck", on: d("2026-03-24"), recheckId: rId },
      { _tag: "Escalate", on: d("2026-03-24"), escalationId: e1 },
      { _tag: "Escalate", on: d("2026-06-11"), escalationId: e2 },
      { _tag: "IssueNotice", on: d("2026-06-18"), noticeId: "N-2" as NoticeId },
      { _tag: "PassRecheck", on: d("2026-06-29"), recheckId: "R-2" as RecheckId },
    ])
    expect(Either.getOrThrow(state)._tag).toBe("Closed")
    const escalated = replayHazard(h2, [
      issue,
      { _tag: "FailRecheck", on: d("2026-03-24"), recheckId: rId },
      { _tag: "Escalate", on: d("2026-03-24"), escalationId: e1 },
      { _tag: "Escalate", on: d("2026-06-11"), escalationId: e2 },
    ])
    expect(Either.getOrThrow(escalated)).toEqual({
      _tag: "Escalated",
      since: "2026-06-11",
      noticeId: nId,
      escalationIds: [e1, e2],
    })
  })

  it("closes a hazard fixed on the spot without a notice (公安部令第120号 Art. 19)", () => {
    expect(
      Either.getOrThrow(replayHazard(h1, [{ _tag: "RectifyOnSpot", on: d("2026-03-05") }])),
    ).toMatchObject({
      _tag: "Closed",
      how: "rectifiedOnSpot",
    })
  })

  it("refuses a recheck before any notice, with a Chinese and English message", () => {
    const result = applyHazardEvent(
      h1.id,
      { _tag: "Found", since: h1.foundOn },
      {
        _tag: "PassRecheck",
        on: d("2026-03-24"),
        recheckId: rId,
      },
    )
    expect(Either.isLeft(result)).toBe(true)
    const error = Either.getLeft(result).pipe((o) => (o._tag === "Some" ? o.value : undefined))!
    expect(error._tag).toBe("InvalidHazardTransition")
    expect(error.message).toContain("尚无整改通知书")
    expect(error.message).toContain("cannot apply PassRecheck in state Found")
  })

  it("refuses events out of date order, a second notice while one runs, and anything after closing but a reopening", () => {
    const closed = { _tag: "Closed", since: d("2026-03-24"), how: "recheckPassed", recheckId: rId } as const
    expect(
      Either.isLeft(replayHazard(h1, [issue, { _tag: "StartRectification", on: d("2026-03-01") }])),
    ).toBe(true)
    expect(Either.isLeft(replayHazard(h1, [issue, { ...issue, noticeId: "N-9" as NoticeId }]))).toBe(true)
    expect(
      Either.isLeft(applyHazardEvent(h1.id, closed, { _tag: "StartRectification", on: d("2026-03-25") })),
    ).toBe(true)
    expect(
      applyHazardEvent(h1.id, closed, { _tag: "Reopen", on: d("2026-04-02"), reason: "举报人反馈未整改" }),
    ).toEqual(Either.right({ _tag: "Found", since: "2026-04-02" }))
  })
})

describe("the tip lifecycle (T-3, FixMyStreet #897 #285 #368)", () => {
  const t = Tip.make({
    id: "T-1" as TipId,
    trackingCode: "GC-7Q4K",
    receivedOn: d("2026-03-06"),
    gridId: "v05-z1" as never,
    category: "eBikeCharging",
    description: "楼道里给电动车充电",
    photos: [],
    anonymous: true,
  })
  const by = "p-v05-z1-leader" as PersonId
  const fixedRun: TipEvent[] = [
    { _tag: "Acknowledge", on: d("2026-03-09"), by },
    { _tag: "Verify", on: d("2026-03-10") },
    { _tag: "LinkHazard", on: d("2026-03-10"), hazardId: h1.id },
    { _tag: "MarkFixed", on: d("2026-03-20") },
  ]

  it("runs received → acknowledged → verified → linked → fixed, and lets the filer reopen it as not fixed", () => {
    expect(Either.getOrThrow(replayTip(t, fixedRun))).toMatchObject({ _tag: "Fixed", hazardId: h1.id })
    const reopened = Either.getOrThrow(
      replayTip(t, [...fixedRun, { _tag: "ReopenByFiler", on: d("2026-03-22"), note: "充电线还在楼道里" }]),
    )
    expect(reopened).toMatchObject({ _tag: "Reopened", hazardId: h1.id })
    expect(tipOpen311Status(reopened)).toBe("open")
  })

  it("links a duplicate to the tip it repeats instead of losing it", () => {
    const dup = Either.getOrThrow(
      replayTip(t, [{ _tag: "MarkDuplicate", on: d("2026-03-06"), of: "T-0" as TipId }]),
    )
    expect(dup).toEqual({ _tag: "Duplicate", since: "2026-03-06", of: "T-0" })
    expect(tipOpen311Status(dup)).toBe("closed")
  })

  it("refuses to mark fixed a tip that was never linked to a hazard", () => {
    const result = replayTip(t, [
      { _tag: "Acknowledge", on: d("2026-03-09"), by },
      { _tag: "MarkFixed", on: d("2026-03-10") },
    ])
    expect(Either.isLeft(result)).toBe(true)
    if (Either.isLeft(result)) expect(result.left.message).toContain("不能标记已整改")
  })

  it("measures the first answer and the closing date, and reopening clears the closing", () => {
    expect(tipTimeline(t, fixedRun)).toMatchObject({ respondedOn: "2026-03-09", closedOn: "2026-03-20" })
    expect(
      tipTimeline(t, [...fixedRun, { _tag: "ReopenByFiler", on: d("2026-03-22"), note: "" }]).closedOn,
    ).toBeNull()
  })
})

describe("rectification notices (H-2, 五(三))", () => {
  const input = {
    id: nId,
    number: "告成安监改〔2026〕001号",
    issuer: { _tag: "TownshipOffice", gridId: town } as const,
    hazards: [h1, h2],
    issuedOn: d("2026-03-05"),
    deadline: d("2026-03-15"),
  }

  it("issues the township's notice for its inspection day's findings", () => {
    const n = Either.getOrThrow(issueNotice(grids, input))
    expect(n).toMatchObject({ unitId: unit, hazardIds: ["H-1", "H-2"], deadline: "2026-03-15" })
  })

  it("refuses a village group issuing for the township's inspection day, a deadline before issue, and an empty notice", () => {
    const asVillage = issueNotice(grids, {
      ...input,
      issuer: { _tag: "VillageInspectionGroup", gridId: "v03" as never },
    })
    expect(Either.isLeft(asVillage) && asVillage.left.message).toContain("安监办下发通知书")
    const backwards = issueNotice(grids, { ...input, deadline: d("2026-03-05") })
    expect(Either.isLeft(backwards) && backwards.left.reason).toContain("须晚于下发日期")
    expect(Either.isLeft(issueNotice(grids, { ...input, hazards: [] }))).toBe(true)
    const elsewhere = issueNotice(grids, {
      ...input,
      hazards: [h1, hazard("H-X", unitIn("v07"), "2026-03-05")],
    })
    expect(Either.isLeft(elsewhere) && elsewhere.left.reasonEn).toBe(
      "all hazards of a notice must be at one unit",
    )
  })

  it("prints as a one-page document with the items, the deadline and the seed's consequence", () => {
    const n = notice("001", [h1, h2], "2026-03-05", "2026-03-15")
    const doc = noticeDocument(n, {
      unitName: "曲河村星空网吧",
      issuerName: "告成镇安监办",
      hazards: [h1, h2],
    })
    expect(doc.paper).toBe("A4")
    expect(doc.title).toBe("隐患整改通知书")
    expect(doc.items.map((i) => i.no)).toEqual([1, 2])
    expect(doc.items[1]!.description).toBe("配电箱周围堆放纸箱，电线私拉乱接")
    expect(doc.requirement).toContain("2026年3月15日前")
    expect(doc.consequence).toContain("上报辖区派出所")
  })

  it("accepts a recheck of the notice's own hazards only", () => {
    const n = notice("001", [h1, h2], "2026-03-05", "2026-03-15")
    expect(Either.isRight(checkRecheck(n, recheck("R", n, "2026-03-24", { "H-1": true })))).toBe(true)
    expect(Either.isLeft(checkRecheck(n, recheck("R", n, "2026-03-24", { "H-9": true })))).toBe(true)
    expect(Either.isLeft(checkRecheck(n, recheck("R", n, "2026-03-01", { "H-1": true })))).toBe(true)
  })
})
