import type { Database } from "@firegrid/db"
import { addDays, type DutyRule, type LocalDate } from "@firegrid/domain"
import { calendarNotes, complianceView, countsView, occurrenceView } from "./duty-views.ts"
import { assessWorld, loadDutyWorld, planWorld } from "./duty-world.ts"

const rulesById = (rules: ReadonlyArray<DutyRule>) => new Map(rules.map((r) => [r.id as string, r]))

/** The plan of a subtree for a period, with the calendar's gaps said in words. */
export const planFor = async (db: Database, gridId: string, from: LocalDate, to: LocalDate) => {
  const world = await loadDutyWorld(db, gridId, from, to)
  const plan = await planWorld(db, world, from, to)
  const rules = rulesById(world.rules)
  return {
    gridId,
    from,
    to,
    ...calendarNotes(plan),
    occurrences: plan.occurrences.map((o) => occurrenceView(o, rules, world.names)),
  }
}

/** Compliance of a subtree's occurrences in a period as of `asOf`, with per-grid, per-department and per-rule counts. */
export const reportFor = async (
  db: Database,
  gridId: string,
  from: LocalDate,
  to: LocalDate,
  asOf: LocalDate,
) => {
  const world = await loadDutyWorld(db, gridId, from, to)
  const plan = await planWorld(db, world, from, to)
  const report = await assessWorld(db, world, plan, asOf)
  const rules = rulesById(world.rules)
  return {
    gridId,
    from,
    to,
    asOf,
    ...calendarNotes(plan),
    occurrences: report.occurrences.map((c) => complianceView(c, rules, world.names)),
    byGrid: report.byGrid.map((g) => ({
      ...countsView(g),
      gridId: g.gridId,
      gridName: world.names.grid(g.gridId),
    })),
    byDepartment: report.byDepartment.map((d) => ({
      ...countsView(d),
      departmentId: d.departmentId,
      departmentName: world.names.department(d.departmentId),
      gridId: d.gridId,
    })),
    byRule: report.byRule.map((r) => ({
      ...countsView(r),
      ruleId: r.ruleId,
      title: rules.get(r.ruleId)?.title ?? r.ruleId,
    })),
    totals: countsView(report.totals),
  }
}

/** How far back "overdue" reaches: five weeks covers the last monthly window and every week since. */
export const DUE_SOON_LOOKBACK_DAYS = 35

/**
 * Open and overdue occurrences of a subtree, most urgent first: the date each needs action by is the
 * window's end while it is open, and for an overdue one the last day it can still be done late (or its
 * window's end, already past, when it no longer can).
 */
export const dueSoon = async (db: Database, gridId: string, today: LocalDate) => {
  const from = addDays(today, -DUE_SOON_LOOKBACK_DAYS)
  const world = await loadDutyWorld(db, gridId, from, today)
  const plan = await planWorld(db, world, from, today)
  const report = await assessWorld(db, world, plan, today)
  const rules = rulesById(world.rules)
  const urgent = report.occurrences
    .filter((c) => c.status._tag === "Open" || c.status._tag === "Missed" || c.status._tag === "Partial")
    .map((c) => {
      const s = c.status
      const actBy =
        s._tag === "Open"
          ? c.occurrence.windowEnd
          : ((s._tag === "Missed" || s._tag === "Partial") && s.lateUntil) || c.occurrence.windowEnd
      return { actBy, overdue: s._tag !== "Open", ...complianceView(c, rules, world.names) }
    })
    .sort((a, b) =>
      a.actBy < b.actBy ? -1 : a.actBy > b.actBy ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
    )
  return { gridId, asOf: today, from, ...calendarNotes(plan), occurrences: urgent }
}
