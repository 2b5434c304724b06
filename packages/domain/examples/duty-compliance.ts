/**
 * Runnable example for the README: plan October 2026's duties for the 告成镇 demo county, fix the
 * town's inspection day, record a sweep that missed some units, and read the compliance report.
 *
 *   cd packages/domain && npx tsx --conditions=@firegrid/source examples/duty-compliance.ts
 */
import { Either } from "effect"
import {
  Activity,
  ActivityId,
  assessCompliance,
  buildDemoCounty,
  chineseDaysCalendar,
  DEFAULT_DUTY_RULES,
  describeStatus,
  fixDutyDay,
  localDate,
  planDuties,
} from "../src/index.ts"

export const main = (log: (line: string) => void = console.log) => {
  const county = buildDemoCounty()
  const calendar = chineseDaysCalendar()

  // 1. Plan: every duty due in October 2026.
  const plan = planDuties({
    facts: county,
    rules: DEFAULT_DUTY_RULES,
    from: localDate("2026-10-01"),
    to: localDate("2026-10-31"),
    calendar,
  })
  const sweep = plan.occurrences.find((o) => o.ruleId === "D-1" && o.gridId === county.townId)!
  log(`D-1 window ${sweep.windowStart}…${sweep.windowEnd}, workdays ${sweep.workdays.join(", ")}`)

  // 2. The town tries to fix its inspection day on a holiday, then on the make-up Saturday.
  const holiday = fixDutyDay(sweep, localDate("2026-10-03"), calendar)
  if (Either.isLeft(holiday)) log(holiday.left.message)
  const saturday = fixDutyDay(sweep, localDate("2026-10-10"), calendar)
  if (Either.isRight(saturday)) log(`fixed: ${saturday.right.date}`)

  // 3. Record what was done: the sweep visited 416 of the 520 units.
  const visited = county.units.slice(0, 416).map((u) => u.id)
  const activities = [
    Activity.make({
      id: ActivityId.make("a-2026-10-10-sweep"),
      kind: "inspection",
      gridId: county.townId,
      date: localDate("2026-10-10"),
      unitIds: visited,
    }),
  ]

  // 4. Compliance as of 20 October.
  const report = assessCompliance({
    occurrences: plan.occurrences,
    activities,
    facts: county,
    asOf: localDate("2026-10-20"),
  })
  const d1 = report.occurrences.find((c) => c.occurrence.key === sweep.key)!
  log(`D-1: ${describeStatus(d1.status)}`)
  const town = report.byGrid.find((g) => g.gridId === county.townId)!
  log(
    `告成镇: due ${town.due}, on time ${town.doneOnTime}, partial ${town.partial}, missed ${town.missed}, open ${town.open}`,
  )
  return { plan, report }
}

if (import.meta.url === `file://${process.argv[1]}`) main()
