import { Either } from "effect"
import {
  Activity,
  type ActivityId,
  assessCompliance,
  chineseDaysCalendar,
  DEFAULT_DUTY_RULES,
  type DepartmentKind,
  type GridId,
  type LocalDate,
  makeDate,
  makeScopeIndex,
  type NoticeId,
  type NoticeIssued,
  planDuties,
  type UnitId,
  type WorkCalendar,
} from "../src/index.ts"
import type { BenchSuite } from "./run.ts"
import { buildSyntheticCounty, makeRng, type SyntheticCounty } from "./synthetic-county.ts"

/**
 * One year (2026) of recorded duty activities for the synthetic county, deterministic. Most duties are
 * done on time; a few are partial, late or missed, so compliance has every status to find:
 * - township sweeps (D-1): one inspection record per unit visited, every unit every month (≈1.2 M);
 *   7 % of township-months are partial, late or missed; 1 % of visits produce a rectification notice;
 * - the 下旬 recheck of those notices (D-2), village weekly rounds (D-3, one record listing the
 *   village's units), the fire brigade's quarterly key-unit visits (D-4, one record per unit), the
 *   police stations' weekly check (D-5), and the trainings, publicity days, joint meetings, letters,
 *   supervision and evaluations of D-7 … D-11.
 */
export const syntheticDutyYear = (
  county: SyntheticCounty,
  calendar: WorkCalendar,
  year = 2026,
): { readonly activities: Activity[]; readonly notices: NoticeIssued[] } => {
  const rng = makeRng(year * 7 + 1)
  const activities: Activity[] = []
  const notices: NoticeIssued[] = []
  let seq = 0
  const add = (props: Omit<ConstructorParameters<typeof Activity>[0], "id">) => {
    // Validation off: the generator builds valid values; the benchmark measures the engine.
    activities.push(new Activity({ id: `a${++seq}` as ActivityId, ...props }, true))
  }
  const townshipUnits = new Map<GridId, UnitId[]>()
  const villageUnits = new Map<GridId, UnitId[]>()
  for (const zoneId of county.zoneIds) {
    const units = county.unitsByZone.get(zoneId) ?? []
    const villageId = zoneId.slice(0, zoneId.lastIndexOf("-")) as GridId
    const townshipId = villageId.slice(0, villageId.indexOf("-")) as GridId
    for (const [map, key] of [
      [townshipUnits, townshipId],
      [villageUnits, villageId],
    ] as const) {
      const list = map.get(key)
      if (list) list.push(...units)
      else map.set(key, [...units])
    }
  }
  const villagesOf = (townshipId: GridId) => county.villageIds.filter((v) => v.startsWith(`${townshipId}-`))
  const zonesOf = (villageId: GridId) => county.zoneIds.filter((z) => z.startsWith(`${villageId}-`))
  const workdays = (from: LocalDate, to: LocalDate) => Either.getOrThrow(calendar.workdaysBetween(from, to))

  for (let month = 1; month <= 12; month++) {
    const sweepDays = workdays(makeDate(year, month, 1), makeDate(year, month, 10))
    for (const townshipId of county.townshipIds) {
      const units = townshipUnits.get(townshipId) ?? []
      const r = rng()
      const mine: NoticeId[] = []
      const visit = (unitIds: ReadonlyArray<UnitId>, day: (i: number) => LocalDate) => {
        unitIds.forEach((unitId, i) => {
          const date = day(i)
          add({ kind: "inspection", gridId: townshipId, date, unitIds: [unitId] })
          if (rng() < 0.01) {
            const id = `N-${townshipId}-${month}-${mine.length + 1}` as NoticeId
            mine.push(id)
            notices.push({ id, issuedBy: townshipId, issuedOn: date })
          }
        })
      }
      const onSweep = (i: number) => sweepDays[i % Math.min(2, sweepDays.length)]!
      if (r < 0.93) visit(units, onSweep)
      else if (r < 0.95) visit(units.slice(0, Math.floor(units.length * 0.8)), onSweep)
      else if (r < 0.98) {
        const cut = Math.floor(units.length * 0.9)
        visit(units.slice(0, cut), onSweep)
        visit(units.slice(cut), () => makeDate(year, month, 15))
      }
      const q = rng()
      if (mine.length > 0 && q < 0.95)
        add({
          kind: "recheck",
          gridId: townshipId,
          date:
            q < 0.9
              ? makeDate(year, month, 24)
              : makeDate(month === 12 ? year + 1 : year, (month % 12) + 1, 5),
          noticeIds: mine,
        })
      add({
        kind: "publicity",
        gridId: townshipId,
        date: makeDate(year, month, 12),
        fiveEnters: ["school", "village"],
      })
    }
  }

  // Village weekly rounds (D-3) and police weekly checks (D-5), Wednesday and Thursday of each ISO week.
  const police = county.departments.filter((d) => d.kind === "police")
  for (let monday = makeDate(year - 1, 12, 29); monday <= makeDate(year, 12, 28); ) {
    const wednesday = addDaysFast(monday, 2)
    for (const villageId of county.villageIds) {
      const units = villageUnits.get(villageId) ?? []
      const r = rng()
      if (r < 0.9) add({ kind: "inspection", gridId: villageId, date: wednesday, unitIds: units })
      else if (r < 0.95)
        add({ kind: "inspection", gridId: villageId, date: wednesday, unitIds: units.slice(0, 100) })
    }
    for (const d of police) {
      const units = townshipUnits.get(d.gridId) ?? []
      if (rng() < 0.97)
        add({
          kind: "inspection",
          gridId: d.gridId,
          departmentId: d.id,
          date: addDaysFast(monday, 3),
          unitIds: [units[Math.floor(rng() * units.length)]!],
        })
    }
    monday = addDaysFast(monday, 7)
  }

  // Quarterly: fire-brigade key-unit visits (D-4), the county's training (D-7), joint meetings (D-9).
  const brigade = county.departments.find((d) => d.kind === "fireBrigade" && d.gridId === county.countyId)
  const keyUnits = county.units.filter((u) => u.flags.key).map((u) => u.id)
  const meetingKinds: DepartmentKind[] = [
    "police",
    "fireBrigade",
    "marketRegulation",
    "workSafety",
    "construction",
  ]
  for (let quarter = 0; quarter < 4; quarter++) {
    const start = makeDate(year, quarter * 3 + 1, 1)
    if (brigade)
      keyUnits.forEach((unitId, i) => {
        add({
          kind: "inspection",
          gridId: brigade.gridId,
          departmentId: brigade.id,
          date: addDaysFast(start, i % 85),
          unitIds: [unitId],
        })
      })
    add({
      kind: "training",
      gridId: county.countyId,
      date: addDaysFast(start, 40),
      gridIds: county.townshipIds,
    })
    for (const townshipId of county.townshipIds)
      if (rng() < 0.95)
        add({
          kind: "jointMeeting",
          gridId: townshipId,
          date: addDaysFast(start, 50),
          departmentKinds: meetingKinds,
        })
  }

  // Yearly: letters level by level (D-10), supervision and evaluations (D-11).
  add({ kind: "letter", gridId: county.countyId, date: makeDate(year, 2, 26), gridIds: county.townshipIds })
  for (const townshipId of county.townshipIds) {
    const villages = villagesOf(townshipId)
    add({ kind: "letter", gridId: townshipId, date: makeDate(year, 3, 2), gridIds: villages })
    for (const villageId of villages) {
      const zones = zonesOf(villageId)
      add({ kind: "letter", gridId: villageId, date: makeDate(year, 3, 10), gridIds: zones })
      for (const zoneId of zones)
        if (rng() < 0.98)
          add({
            kind: "letter",
            gridId: zoneId,
            date: makeDate(year, 3, 16),
            unitIds: county.unitsByZone.get(zoneId) ?? [],
          })
    }
    add({
      kind: "evaluation",
      gridId: townshipId,
      date: makeDate(year, 12, 22),
      gridIds: [...villages, ...villages.flatMap(zonesOf)],
    })
  }
  add({
    kind: "supervision",
    gridId: county.countyId,
    date: makeDate(year, 7, 10),
    gridIds: county.townshipIds,
  })
  add({
    kind: "evaluation",
    gridId: county.countyId,
    date: makeDate(year, 12, 20),
    gridIds: county.townshipIds,
  })

  return { activities, notices }
}

const addDaysFast = (d: LocalDate, n: number): LocalDate =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10) as LocalDate

const time = <T>(f: () => T): readonly [T, number, number] => {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  const out = f()
  const c = process.cpuUsage(c0)
  return [out, performance.now() - t0, (c.user + c.system) / 1000]
}

const suite: BenchSuite = {
  title: "Duty planning and compliance (D-1 … D-11)",
  description:
    "A synthetic county (at 100 %: 20 townships, 500 villages, 4,000 zones, 100,000 units, ~20 % key units) and one " +
    "year of recorded activities (2026: ≈1.2 M per-unit township-sweep inspections plus village rounds, rechecks, " +
    "fire-brigade key-unit visits, trainings, meetings, letters …). Timed: `planDuties` for the whole year with the " +
    "default rules and the chinese-days calendar, then `assessCompliance` as of 2026-12-31 with per-grid, " +
    "per-department and per-rule summaries. Building the county and generating the activities are not timed.",
  factors: [0.1, 1, 10],
  target: { factor: 1, ms: 2000, mb: 1024 },
  run: (factor) => {
    const calendar = chineseDaysCalendar()
    const [county, buildMs, buildCpu] = time(() => buildSyntheticCounty(factor))
    const [{ activities, notices }, genMs, genCpu] = time(() => syntheticDutyYear(county, calendar))
    const facts = { ...county, notices }
    // One scope index (who owns which units and grids) serves both steps, as it would in the API.
    const [{ plan, scopes }, planMs, planCpu] = time(() => {
      const scopes = makeScopeIndex(facts)
      const from = makeDate(2026, 1, 1)
      const to = makeDate(2026, 12, 31)
      return { plan: planDuties({ facts, rules: DEFAULT_DUTY_RULES, from, to, calendar, scopes }), scopes }
    })
    const [report, complianceMs, complianceCpu] = time(() =>
      assessCompliance({
        occurrences: plan.occurrences,
        activities,
        facts,
        asOf: makeDate(2026, 12, 31),
        scopes,
      }),
    )
    const unitVisits = activities.reduce(
      (s, a) => s + (a.kind === "inspection" ? (a.unitIds?.length ?? 0) : 0),
      0,
    )
    const t = report.totals
    return {
      phases: [
        { name: "build county", ms: buildMs, cpuMs: buildCpu, timed: false },
        { name: "generate activities", ms: genMs, cpuMs: genCpu, timed: false },
        { name: "plan", ms: planMs, cpuMs: planCpu, timed: true },
        { name: "compliance", ms: complianceMs, cpuMs: complianceCpu, timed: true },
      ],
      facts: {
        units: county.units.length,
        activities: activities.length,
        "inspection records": activities.filter((a) => a.kind === "inspection").length,
        "unit visits": unitVisits,
        occurrences: plan.occurrences.length,
        "on time": t.doneOnTime,
        late: t.doneLate,
        partial: t.partial,
        missed: t.missed,
        open: t.open,
      },
    }
  },
}

export default suite
