import {
  assessCompliance,
  type CaseFacts,
  chineseDaysCalendar,
  DEFAULT_DUTY_RULES,
  defaultEscalationPolicy,
  evaluate,
  Hazard,
  type HazardId,
  indexCases,
  indexGrids,
  type JointMeetingFact,
  type LocalDate,
  type MajorHazardFact,
  makeDate,
  Notice,
  type NoticeId,
  planDuties,
  Recheck,
  type RecheckId,
  sweepEscalations,
  type TipId,
  type TipTimeline,
  type UnitId,
  workdayPredicateOf,
  workdaysOf,
} from "../src/index.ts"
import { syntheticDutyYear } from "./duty.bench.ts"
import type { BenchSuite } from "./run.ts"
import { buildSyntheticCounty, makeRng, type SyntheticCounty } from "./synthetic-county.ts"

const addDaysFast = (d: LocalDate, n: number): LocalDate =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10) as LocalDate

const CATEGORIES = [
  "blockedEscape",
  "fireEquipment",
  "electricalMisuse",
  "openFire",
  "eBikeCharging",
] as const

/**
 * One year (2026) of hazards for the synthetic county, deterministic: about two hazards per unit
 * (≈200,000 at 100 %), two per notice on average; 40 % found on the township's inspection day
 * (notice by the 安监办, deadline ten days later, unified recheck on the 24th), 60 % on village weekly
 * rounds (notice by the village group, rechecked a few days after the deadline). Most are fixed; some
 * fail their recheck, some are never rechecked; 0.5 % are determined major; 0.2 tips per unit.
 */
export const syntheticCaseYear = (
  county: SyntheticCounty,
  year = 2026,
): Omit<CaseFacts, "grids" | "departments"> => {
  const rng = makeRng(year * 13 + 5)
  const hazards: Hazard[] = []
  const notices: Notice[] = []
  const rechecks: Recheck[] = []
  const majors: MajorHazardFact[] = []
  const tips: TipTimeline[] = []
  let h = 0
  let n = 0
  let r = 0
  for (const zoneId of county.zoneIds) {
    const villageId = zoneId.slice(0, zoneId.lastIndexOf("-"))
    const townshipId = villageId.slice(0, villageId.indexOf("-"))
    for (const unitId of county.unitsByZone.get(zoneId) ?? []) {
      // Two hazards per unit a year on average, grouped into notices of 1–3.
      let left = Math.floor(rng() * 5)
      while (left > 0) {
        const size = Math.min(left, 1 + Math.floor(rng() * 3))
        left -= size
        const byTown = rng() < 0.4
        const month = 1 + Math.floor(rng() * 12)
        const issuedOn = byTown
          ? makeDate(year, month, 1 + Math.floor(rng() * 10))
          : makeDate(year, month, 1 + Math.floor(rng() * 28))
        const ids: HazardId[] = []
        for (let k = 0; k < size; k++) {
          const id = `h${++h}` as HazardId
          ids.push(id)
          hazards.push(
            new Hazard(
              {
                id,
                unitId: unitId as UnitId,
                gridId: zoneId,
                category: CATEGORIES[h % CATEGORIES.length]!,
                description: "检查发现的火灾隐患",
                photos: [],
                foundOn: issuedOn,
                foundBy: [],
                source: { _tag: "Inspection", byGridId: (byTown ? townshipId : villageId) as never },
                severity: "general",
              },
              true,
            ),
          )
          if (rng() < 0.005)
            majors.push({ hazardId: id, determinedOn: addDaysFast(issuedOn, 2), isMajor: true })
        }
        const notice = new Notice(
          {
            id: `n${++n}` as NoticeId,
            number: `〔${year}〕${n}号`,
            issuer: byTown
              ? { _tag: "TownshipOffice", gridId: townshipId as never }
              : { _tag: "VillageInspectionGroup", gridId: villageId as never },
            unitId,
            gridId: zoneId,
            hazardIds: ids as unknown as Notice["hazardIds"],
            issuedOn,
            deadline: addDaysFast(issuedOn, 10),
          },
          true,
        )
        notices.push(notice)
        const q = rng()
        if (q > 0.95) continue // never rechecked
        const on = byTown
          ? q < 0.85
            ? makeDate(year, month, 24)
            : addDaysFast(makeDate(year, month, 24), 12)
          : addDaysFast(notice.deadline, 1 + Math.floor(rng() * (q < 0.8 ? 3 : 8)))
        rechecks.push(
          new Recheck(
            {
              id: `r${++r}` as RecheckId,
              noticeId: notice.id,
              on,
              byGridId: notice.issuer.gridId,
              inspectors: [],
              results: ids.map((hazardId) => ({
                hazardId,
                rectified: rng() < 0.92,
              })) as unknown as Recheck["results"],
            },
            true,
          ),
        )
      }
      if (rng() < 0.2) {
        const receivedOn = makeDate(year, 1 + Math.floor(rng() * 12), 1 + Math.floor(rng() * 28))
        const t = rng()
        tips.push({
          tipId: `t${tips.length + 1}` as TipId,
          gridId: zoneId,
          receivedOn,
          respondedOn: t < 0.9 ? addDaysFast(receivedOn, Math.floor(t * 4)) : null,
          closedOn: t < 0.8 ? addDaysFast(receivedOn, 5 + Math.floor(t * 40)) : null,
        })
      }
    }
  }
  const jointMeetings: JointMeetingFact[] = []
  for (const townshipId of county.townshipIds)
    for (let quarter = 0; quarter < 4; quarter++)
      jointMeetings.push({ townshipId, on: addDaysFast(makeDate(year, quarter * 3 + 1, 1), 50) })
  return { hazards, notices, rechecks, tips, majorDeterminations: majors, jointMeetings }
}

/** Wall and process CPU time of a phase (CPU includes GC threads; on a shared machine it is the fairer figure). */
const time = <T>(f: () => T): readonly [T, number, number] => {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  const out = f()
  const ms = performance.now() - t0
  const c = process.cpuUsage(c0)
  return [out, ms, (c.user + c.system) / 1000]
}

const suite: BenchSuite = {
  title: "Escalation sweep and half-year evaluation (E-1, H-3..H-6, T-3, S-1), with the duty engine",
  description:
    "The duty benchmark's synthetic county and activity year, plus one year (2026) of cases: ≈200,000 hazards at " +
    "100 % on ≈130,000 notices (40 % township, 60 % village), ≈123,000 rechecks, 0.5 % major hazards, ≈20,000 " +
    "tips and the quarterly joint meetings. Timed, in one process: `planDuties` and `assessCompliance` for 2026 " +
    "(the duty engine the evaluation consumes), the escalation sweep as of 2026-12-31 with the default policy and " +
    "the chinese-days calendar, and `evaluate` for the second half of 2026 (measure every grid, score, rank every " +
    "parent). Building the county and generating activities and cases are not timed. The 2 s budget covers all " +
    "three engines together; the duty engine alone uses most of it (see its own section).",
  factors: [0.1, 0.5, 1],
  target: { factor: 1, ms: 2000, mb: 1024 },
  run: (factor) => {
    const calendar = chineseDaysCalendar()
    const isWorkday = workdayPredicateOf(calendar)
    const [county, buildMs, buildCpu] = time(() => buildSyntheticCounty(factor))
    const [duty, genMs, genCpu] = time(() => syntheticDutyYear(county, calendar))
    const [caseYear, caseGenMs, caseGenCpu] = time(() => syntheticCaseYear(county))
    const asOf = makeDate(2026, 12, 31)
    const dutyFacts = { ...county, notices: duty.notices }
    const [plan, planMs, planCpu] = time(() =>
      planDuties({
        facts: dutyFacts,
        rules: DEFAULT_DUTY_RULES,
        from: makeDate(2026, 1, 1),
        to: asOf,
        calendar,
      }),
    )
    const [compliance, complianceMs, complianceCpu] = time(() =>
      assessCompliance({
        occurrences: plan.occurrences,
        activities: duty.activities,
        facts: dutyFacts,
        asOf,
      }),
    )
    const [{ cases, index }, indexMs, indexCpu] = time(() => {
      const cases: CaseFacts = {
        grids: indexGrids(county.grids),
        departments: county.departments,
        ...caseYear,
      }
      return { cases, index: indexCases(cases, workdaysOf(isWorkday)) }
    })
    const [escalations, sweepMs, sweepCpu] = time(() =>
      sweepEscalations(cases, asOf, defaultEscalationPolicy, index.workdays, index),
    )
    const [evaluation, evalMs, evalCpu] = time(() =>
      evaluate({
        period: { _tag: "HalfYear", year: 2026, half: 2 },
        asOf,
        cases,
        escalations,
        duties: compliance.occurrences,
        placements: county.placements,
        activities: duty.activities,
        incidents: [],
        policy: defaultEscalationPolicy,
        workdays: index.workdays,
        index,
      }),
    )
    const byTrigger = (t: string) => escalations.filter((e) => e.trigger === t).length
    const rankings = evaluation.rankings
    return {
      phases: [
        { name: "build county", ms: buildMs, cpuMs: buildCpu, timed: false },
        {
          name: "generate activities + cases",
          ms: genMs + caseGenMs,
          cpuMs: genCpu + caseGenCpu,
          timed: false,
        },
        {
          name: "duty plan + compliance",
          ms: planMs + complianceMs,
          cpuMs: planCpu + complianceCpu,
          timed: true,
        },
        { name: "index cases", ms: indexMs, cpuMs: indexCpu, timed: true },
        { name: "escalation sweep", ms: sweepMs, cpuMs: sweepCpu, timed: true },
        { name: "half-year evaluation", ms: evalMs, cpuMs: evalCpu, timed: true },
      ],
      facts: {
        units: county.units.length,
        hazards: caseYear.hazards.length,
        notices: caseYear.notices.length,
        rechecks: caseYear.rechecks.length,
        tips: caseYear.tips.length,
        escalations: escalations.length,
        "→ 派出所": byTrigger("recheckFailed"),
        "→ township (village reports)": byTrigger("villageOverdue"),
        "→ fire brigade": byTrigger("majorHazard"),
        "tip steps": byTrigger("tipNotAcknowledged"),
        "joint-meeting items": byTrigger("jointMeetingAgenda"),
        scores: evaluation.scores.size,
        "not rankable": rankings.reduce((s, r) => s + r.notRankable.length, 0),
      },
    }
  },
}

export default suite
