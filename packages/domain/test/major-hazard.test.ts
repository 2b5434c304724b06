import { Either, Schema } from "effect"
import { describe, expect, it } from "vitest"
import {
  defaultEscalationPolicy,
  determineMajorHazard,
  GB35181_2025,
  Gb35181Rules,
  type HazardId,
  judgeMajorHazard,
  mondayToFriday,
  type PersonId,
  placeTypesOf,
  sweepEscalations,
} from "../src/index.ts"
import { county, d, facts, hazard } from "./case-fixtures.ts"

const rules = GB35181_2025
const judge = (placeTypes: Parameters<typeof placeTypesOf>[0], codes: string[], exclusions: never[] = []) =>
  Either.getOrThrow(
    judgeMajorHazard(rules, {
      placeTypes: placeTypesOf(placeTypes),
      findings: codes.map((code) => ({ code })),
      exclusions,
    }),
  )
const crowded = { crowded: true, flammable: false }
const flammable = { crowded: false, flammable: true }
const other = { crowded: false, flammable: false }

describe("GB 35181 as data (H-6)", () => {
  it("names the 2025 edition, in force 1 November 2025, replacing 2017, and decodes as rules", () => {
    expect(rules.edition).toBe("GB 35181-2025")
    expect(rules.effectiveFrom).toBe("2025-11-01")
    expect(rules.replaces).toContain("GB 35181-2017")
    expect(Either.isRight(Schema.decodeUnknownEither(Gb35181Rules)(rules))).toBe(true)
  })

  it("keeps codes unique, thresholds pointing at existing comprehensive elements, and marks what is not checked", () => {
    const codes = rules.elements.map((e) => e.code)
    expect(new Set(codes).size).toBe(codes.length)
    for (const t of rules.thresholds)
      if (t.elements !== "any")
        for (const c of t.elements)
          expect(rules.elements.find((e) => e.code === c)?.kind).toBe("comprehensive")
    // No 2025 clause number is claimed until someone checks the official text.
    expect(rules.elements.filter((e) => e.clause2025 !== null && e.confidence === "unconfirmed")).toEqual([])
    expect(rules.elements.some((e) => e.confidence === "unconfirmed")).toBe(true)
  })
})

describe("judging a place (GB 35181: direct elements, comprehensive elements by place type, exclusions)", () => {
  it("judges any one direct element major, and explains it", () => {
    const v = judge(flammable, ["D6.3"])
    expect(v._tag).toBe("MajorByDirectElement")
    expect(v.explanation.join("\n")).toContain("D6.3")
    expect(v.explanation.join("\n")).toContain("待核对原文")
  })

  it("judges a crowded place with 3 evacuation elements major, but not with 3 elements outside that subset", () => {
    expect(judge(crowded, ["C7.3.3", "C7.3.6", "C7.3.9"])).toMatchObject({
      _tag: "MajorByComprehensiveElements",
      threshold: { id: "crowded-subset" },
    })
    expect(judge(crowded, ["C7.4.1", "C7.6.1", "C7.8.2"])._tag).toBe("NotMajor")
    expect(judge(crowded, ["C7.4.1", "C7.6.1", "C7.8.2", "C7.7.2"])).toMatchObject({
      threshold: { id: "crowded-or-flammable-any", atLeast: 4 },
    })
  })

  it("needs 6 comprehensive elements for other places", () => {
    const five = ["C7.1.1", "C7.2.2", "C7.3.3", "C7.4.3", "C7.6.2"]
    expect(judge(other, five)._tag).toBe("NotMajor")
    expect(judge(other, [...five, "C7.9.3"])).toMatchObject({
      _tag: "MajorByComprehensiveElements",
      threshold: { id: "other-any" },
    })
  })

  it("excludes a place out of use or under expert-approved measures, even with a direct element", () => {
    const v = Either.getOrThrow(
      judgeMajorHazard(rules, {
        placeTypes: ["flammable"],
        findings: [{ code: "D6.4" }],
        exclusions: ["outOfUse"],
      }),
    )
    expect(v._tag).toBe("Excluded")
    expect(v.explanation[0]).toContain("停止使用")
  })

  it("does not count what was fixed on the spot", () => {
    const v = Either.getOrThrow(
      judgeMajorHazard(rules, {
        placeTypes: ["other"],
        findings: [{ code: "D6.5", fixedOnSpot: true }],
        exclusions: [],
      }),
    )
    expect(v._tag).toBe("NotMajor")
    expect(v.explanation.join("\n")).toContain("当场改正")
  })

  it("refuses an element code the edition does not have", () => {
    const r = judgeMajorHazard(rules, { placeTypes: ["other"], findings: [{ code: "X9.9" }], exclusions: [] })
    expect(Either.isLeft(r) && r.left.message).toContain("X9.9")
  })

  it("stops flagging a verdict once its entries are confirmed against the official text", () => {
    const corrected: Gb35181Rules = {
      ...rules,
      elements: rules.elements.map((e) =>
        e.code === "D6.4" ? { ...e, confidence: "confirmed", clause2025: "5.x" } : e,
      ),
    }
    const v = Either.getOrThrow(
      judgeMajorHazard(corrected, {
        placeTypes: ["flammable"],
        findings: [{ code: "D6.4" }],
        exclusions: [],
      }),
    )
    expect(v).toMatchObject({ _tag: "MajorByDirectElement", reliesOnUnconfirmed: false })
  })
})

describe("determination procedure and the fire brigade (H-6, 公安部令第120号 Art. 21)", () => {
  const station = county.units.find((u) => u.kind === "gasStation")!
  const found = hazard("MH-1", station.id, "2026-03-05", {
    category: "flammableStorage",
    description: "加油站储罐区违规堆放油桶",
  })
  const three = ["p-town-head", "p-town-office", "p-town-inspector-1"] as PersonId[]
  const input = {
    hazardId: found.id,
    unitId: station.id,
    determinedOn: d("2026-03-06"),
    placeTypes: placeTypesOf(station.flags),
    findings: [{ code: "D6.3" }],
    exclusions: [],
    decidedBy: three,
  }

  it("needs a collective discussion of at least 3 people and two thirds of at least 7 experts", () => {
    expect(Either.isLeft(determineMajorHazard({ ...input, decidedBy: three.slice(0, 2) }))).toBe(true)
    expect(Either.isLeft(determineMajorHazard({ ...input, expertReview: { experts: 5, agreeing: 5 } }))).toBe(
      true,
    )
    expect(Either.isLeft(determineMajorHazard({ ...input, expertReview: { experts: 7, agreeing: 4 } }))).toBe(
      true,
    )
    expect(
      Either.isRight(determineMajorHazard({ ...input, expertReview: { experts: 7, agreeing: 5 } })),
    ).toBe(true)
  })

  it("sends a hazard judged major by a direct element to the fire brigade the same day", () => {
    const det = Either.getOrThrow(determineMajorHazard(input))
    expect(det).toMatchObject({ isMajor: true, verdict: "MajorByDirectElement", edition: "GB 35181-2025" })
    const es = sweepEscalations(
      facts({ hazards: [found], majorDeterminations: [det] }),
      d("2026-03-06"),
      defaultEscalationPolicy,
      mondayToFriday,
    )
    expect(es).toHaveLength(1)
    expect(es[0]).toMatchObject({
      trigger: "majorHazard",
      to: { kind: "fireBrigade", departmentId: "d-fireBrigade" },
      dueOn: "2026-03-06",
      hazardIds: ["MH-1" as HazardId],
    })
  })
})
