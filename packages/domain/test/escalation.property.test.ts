import { Schema } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  addDays,
  type CaseFacts,
  defaultEscalationPolicy,
  Escalation,
  type EscalationId,
  type GridId,
  type Hazard,
  indexCases,
  type LocalDate,
  mondayToFriday,
  type Notice,
  newEscalations,
  noticeProgress,
  type Recheck,
  sweepEscalations,
  workdaysOf,
} from "../src/index.ts"
import { county, d, facts, hazard, notice, recheck, tip, town, zoneOf } from "./case-fixtures.ts"

const start = d("2026-01-01")
const day = (n: number): LocalDate => addDays(start, n)
const sweep = (f: CaseFacts, asOf: LocalDate) =>
  sweepEscalations(f, asOf, defaultEscalationPolicy, mondayToFriday)
const units = county.units.slice(0, 40)
const zones = county.grids.filter((g) => g.level === "small").slice(0, 30)

/** Random cases over the demo county: notices by the town or a village, rechecks, tips, major hazards, meetings. */
const arbitraryFacts: fc.Arbitrary<CaseFacts> = fc
  .record({
    notices: fc.array(
      fc.record({
        unit: fc.nat(units.length - 1),
        byVillage: fc.boolean(),
        issued: fc.nat(150),
        span: fc.integer({ min: 1, max: 20 }),
        hazards: fc.integer({ min: 1, max: 3 }),
        rechecks: fc.array(
          fc.record({ after: fc.nat(60), ok: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }) }),
          {
            maxLength: 3,
          },
        ),
        major: fc.option(fc.nat(30), { nil: undefined }),
      }),
      { maxLength: 12 },
    ),
    tips: fc.array(
      fc.record({
        zone: fc.nat(zones.length - 1),
        received: fc.nat(180),
        answer: fc.option(fc.nat(6), { nil: null }),
      }),
      { maxLength: 8 },
    ),
    meetings: fc.array(fc.nat(200), { maxLength: 3 }),
  })
  .map(({ notices, tips, meetings }) => {
    const hazards: Hazard[] = []
    const ns: Notice[] = []
    const rs: Recheck[] = []
    const majors: Array<{ hazardId: Hazard["id"]; determinedOn: LocalDate; isMajor: boolean }> = []
    notices.forEach((spec, i) => {
      const unitId = units[spec.unit]!.id
      const village = zoneOf(unitId).slice(0, 3) as GridId
      const by = spec.byVillage ? village : town
      const hs = Array.from({ length: spec.hazards }, (_, k) =>
        hazard(`H${i}-${k}`, unitId, day(spec.issued), { by }),
      )
      hazards.push(...hs)
      const n = notice(
        `N${i}`,
        hs,
        day(spec.issued),
        day(spec.issued + spec.span),
        spec.byVillage ? { village } : "town",
      )
      ns.push(n)
      spec.rechecks.forEach((r, j) => {
        rs.push(
          recheck(
            `R${i}-${j}`,
            n,
            day(spec.issued + r.after),
            Object.fromEntries(hs.map((h, k) => [h.id, r.ok[k]!])),
            by,
          ),
        )
      })
      if (spec.major !== undefined)
        majors.push({ hazardId: hs[0]!.id, determinedOn: day(spec.issued + spec.major), isMajor: true })
    })
    return facts({
      hazards,
      notices: ns,
      rechecks: rs,
      tips: tips.map((t, i) =>
        tip(
          `T${i}`,
          zones[t.zone]!.id,
          day(t.received),
          t.answer === null ? null : day(t.received + t.answer),
        ),
      ),
      majorDeterminations: majors,
      jointMeetings: meetings.map((m) => ({ townshipId: town, on: day(m) })),
    })
  })

const reversed = (f: CaseFacts): CaseFacts => ({
  ...f,
  hazards: [...f.hazards].reverse(),
  notices: [...f.notices].reverse(),
  rechecks: [...f.rechecks].reverse(),
  tips: [...f.tips].reverse(),
  majorDeterminations: [...f.majorDeterminations].reverse(),
  jointMeetings: [...f.jointMeetings].reverse(),
})

describe("escalation is a pure function of facts and date (E-1)", () => {
  it("replays: the same facts and date give the same escalations, whatever order the facts come in", () => {
    fc.assert(
      fc.property(arbitraryFacts, fc.nat(220), (f, n) => {
        const first = sweep(f, day(n))
        expect(sweep(f, day(n))).toEqual(first)
        expect(sweep(reversed(f), day(n))).toEqual(first)
        expect(new Set(first.map((e) => e.id)).size).toBe(first.length)
        // Listed by trigger date, then id.
        const keys = first.map((e) => `${e.triggeredOn} ${e.id}`)
        expect(keys).toEqual([...keys].sort())
      }),
      { numRuns: 150 },
    )
  })

  it("is monotone: what had to exist yesterday still exists today, unchanged", () => {
    fc.assert(
      fc.property(arbitraryFacts, fc.nat(220), fc.nat(60), (f, a, gap) => {
        const earlier = sweep(f, day(a))
        const later = new Map(sweep(f, day(a + gap)).map((e) => [e.id, e] as const))
        for (const e of earlier) expect(later.get(e.id)).toEqual(e)
      }),
      { numRuns: 150 },
    )
  })

  it("is idempotent: a sweep run every day records each escalation once, and ends where one sweep on the last day ends", () => {
    fc.assert(
      fc.property(arbitraryFacts, (f) => {
        const recorded = new Map<EscalationId, Escalation>()
        const index = indexCases(f, mondayToFriday)
        const daily = (n: number) =>
          sweepEscalations(f, day(n), defaultEscalationPolicy, mondayToFriday, index)
        let inserts = 0
        for (let n = 0; n <= 240; n += 1) {
          const fresh = newEscalations(daily(n), new Set(recorded.keys()))
          for (const e of fresh) {
            inserts++
            recorded.set(e.id, e)
          }
          // Running the same day twice adds nothing.
          expect(newEscalations(daily(n), new Set(recorded.keys()))).toEqual([])
        }
        const once = sweep(f, day(240))
        expect(inserts).toBe(once.length)
        expect([...recorded.values()].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(
          [...once].sort((a, b) => (a.id < b.id ? -1 : 1)),
        )
      }),
      { numRuns: 15 },
    )
  }, 60_000)

  it("gives every notice the same progress by position, by object and computed afresh", () => {
    fc.assert(
      fc.property(arbitraryFacts, fc.nat(220), (f, n) => {
        const index = indexCases(f, mondayToFriday)
        const asOf = day(n)
        expect(index.notices).toBe(f.notices)
        f.notices.forEach((notice, i) => {
          const fresh = noticeProgress(
            notice,
            f.rechecks,
            asOf,
            defaultEscalationPolicy,
            workdaysOf(mondayToFriday),
          )
          const byPosition = index.progressAt(i, asOf, defaultEscalationPolicy)
          expect(byPosition).toEqual(fresh)
          expect(index.progress(notice, asOf, defaultEscalationPolicy)).toBe(byPosition)
          // A copy with the same id is not the indexed notice: computed afresh, not taken from the memo.
          const copy = { ...notice } as Notice
          expect(index.progress(copy, asOf, defaultEscalationPolicy)).toEqual({ ...fresh, notice: copy })
        })
      }),
      { numRuns: 100 },
    )
  })

  it("tells when each hazard was first found rectified, like a map built from the rechecks in date order", () => {
    fc.assert(
      fc.property(arbitraryFacts, fc.nat(220), (f, n) => {
        const asOf = day(n)
        for (const notice of f.notices) {
          const { rectifiedOn } = noticeProgress(
            notice,
            f.rechecks,
            asOf,
            defaultEscalationPolicy,
            workdaysOf(mondayToFriday),
          )
          const expected = new Map<string, LocalDate>()
          const mine = f.rechecks
            .filter((r) => r.noticeId === notice.id && r.on <= asOf)
            .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.id < b.id ? -1 : 1))
          for (const r of mine)
            for (const x of r.results)
              if (x.rectified && !expected.has(x.hazardId)) expected.set(x.hazardId, r.on)
          expect([...rectifiedOn]).toEqual([...expected])
          expect(rectifiedOn.size).toBe(expected.size)
          for (const h of notice.hazardIds) {
            expect(rectifiedOn.get(h)).toBe(expected.get(h))
            expect(rectifiedOn.has(h)).toBe(expected.has(h))
          }
          // Serialised like a Map, so the API's JSON does not change.
          expect(JSON.stringify(rectifiedOn)).toBe("{}")
        }
      }),
      { numRuns: 100 },
    )
  })

  it("never dates an escalation after the sweep day, and every escalation archives in the grid it comes from (A-1)", () => {
    fc.assert(
      fc.property(arbitraryFacts, fc.nat(220), (f, n) => {
        for (const e of sweep(f, day(n))) {
          expect(e.triggeredOn <= day(n)).toBe(true)
          expect(e.dueOn >= e.triggeredOn || e.trigger === "jointMeetingAgenda").toBe(true)
          expect(e.archive.gridId).toBe(e.fromGridId)
          expect(e.archive.escalationId).toBe(e.id)
          // The sweep builds plain values without re-validating: they must still decode as the schema says.
          expect(Schema.decodeUnknownSync(Escalation)(e)).toEqual(e)
        }
      }),
      { numRuns: 100 },
    )
  })
})
