import {
  ACTIVITY_KIND_LABEL,
  type Activity,
  DEPARTMENT_KIND_LABEL,
  DUTY_KIND_LABEL,
  DUTY_STATUS_LABEL,
  type DutyCounts,
  type DutyOccurrence,
  type DutyPlan,
  type DutyRule,
  describeCadence,
  describeStatus,
  FIVE_ENTERS_LABEL,
  type OccurrenceCompliance,
  type PlannedDay,
} from "@firegrid/domain"
import type { Names } from "./duty-world.ts"

/** Plans and compliance reports as plain JSON for pages: ids with names, tags with Chinese labels. */

export const ruleView = (rule: DutyRule) => ({
  id: rule.id,
  spec: rule.spec,
  title: rule.title,
  kind: rule.kind,
  kindLabel: DUTY_KIND_LABEL[rule.kind],
  who: rule.who,
  cadence: rule.cadence,
  cadenceLabel: describeCadence(rule.cadence),
  oneWorkday: rule.oneWorkday,
  scope: rule.scope,
  lateGraceDays: rule.lateGraceDays ?? null,
  enabled: rule.enabled,
  source: rule.source,
})

const dayView = (day: PlannedDay) => {
  switch (day._tag) {
    case "NoDayToFix":
      return { tag: day._tag, date: null, label: null }
    case "Proposed":
      return { tag: day._tag, date: day.date, label: `建议 ${day.date}（尚未确定）` }
    case "Fixed":
      return { tag: day._tag, date: day.date, label: `已确定 ${day.date}` }
    case "CalendarUnknown":
      return {
        tag: day._tag,
        date: null,
        label: `${day.year} 年节假日安排尚未录入，无法确定工作日，请先补录该年日历`,
      }
    case "NoWorkdayInWindow":
      return { tag: day._tag, date: null, label: "规定时段内没有工作日，请调整职责规则" }
  }
}

export const occurrenceView = (o: DutyOccurrence, rules: ReadonlyMap<string, DutyRule>, names: Names) => ({
  key: o.key,
  ruleId: o.ruleId,
  title: rules.get(o.ruleId)?.title ?? o.ruleId,
  kind: o.kind,
  kindLabel: DUTY_KIND_LABEL[o.kind],
  activityKind: o.activityKind,
  period: o.period,
  gridId: o.gridId,
  gridName: names.grid(o.gridId),
  departmentId: o.departmentId,
  departmentName: o.departmentId === null ? null : names.department(o.departmentId),
  personId: o.personId,
  personName: o.personId === null ? null : names.person(o.personId),
  windowStart: o.windowStart,
  windowEnd: o.windowEnd,
  lateUntil: o.lateUntil,
  day: dayView(o.day),
  workdays: o.workdays,
  scopeSize: o.scopeSize,
  required: o.required,
})

/** The calendar's gaps and provisional years in words, so a plan never silently guesses (D-12). */
export const calendarNotes = (plan: DutyPlan) => ({
  calendarGaps: plan.calendarGaps.map((gap) => ({ year: gap.year, message: gap.message })),
  provisionalYears: plan.provisionalYears.map((year) => ({
    year,
    message: `${year} 年日历为暂定数据（仅按双休日安排），待国务院办公厅通知发布后更新`,
  })),
  rejectedDays: plan.rejectedDays.map((r) => ({
    ruleId: r.ruleId,
    gridId: r.gridId,
    period: r.period,
    date: r.date,
    message: `已确定的日期不再有效：${r.messageZh}`,
  })),
})

const nameOfItem = (o: DutyOccurrence, id: string, names: Names): string => {
  switch (o.scope._tag) {
    case "Units":
      return names.unit(id)
    case "Grids":
      return names.grid(id)
    case "Departments":
      return DEPARTMENT_KIND_LABEL[id as keyof typeof DEPARTMENT_KIND_LABEL] ?? id
    case "Notices":
    case "Occasions":
      return id
  }
}

export const complianceView = (
  c: OccurrenceCompliance,
  rules: ReadonlyMap<string, DutyRule>,
  names: Names,
) => {
  const s = c.status
  const missing =
    s._tag === "Open" || s._tag === "Partial"
      ? s.missing.map((id) => ({ id, name: nameOfItem(c.occurrence, id, names) }))
      : []
  return {
    ...occurrenceView(c.occurrence, rules, names),
    status: {
      tag: s._tag,
      label: DUTY_STATUS_LABEL[s._tag],
      description: describeStatus(s),
      covered: s._tag === "Open" || s._tag === "Partial" ? s.covered : null,
      on: s._tag === "DoneOnTime" || s._tag === "DoneLate" ? s.on : null,
      daysLate: s._tag === "DoneLate" ? s.daysLate : null,
      canStillBeDoneUntil: s._tag === "Partial" || s._tag === "Missed" ? s.lateUntil : null,
      missing,
    },
    activityIds: c.activityIds,
    satisfiedBy: c.satisfiedBy,
  }
}

export const countsView = (c: DutyCounts) => ({ ...c })

export const activityView = (a: Activity, names: Names) => ({
  id: a.id,
  kind: a.kind,
  kindLabel: ACTIVITY_KIND_LABEL[a.kind],
  gridId: a.gridId,
  gridName: names.grid(a.gridId),
  departmentId: a.departmentId ?? null,
  departmentName: a.departmentId === undefined ? null : names.department(a.departmentId),
  date: a.date,
  units: (a.unitIds ?? []).map((id) => ({ id, name: names.unit(id) })),
  grids: (a.gridIds ?? []).map((id) => ({ id, name: names.grid(id) })),
  noticeIds: a.noticeIds ?? [],
  departmentKinds: (a.departmentKinds ?? []).map((k) => ({ kind: k, label: DEPARTMENT_KIND_LABEL[k] })),
  fiveEnters: (a.fiveEnters ?? []).map((k) => ({ kind: k, label: FIVE_ENTERS_LABEL[k] })),
  participants: (a.participants ?? []).map((id) => ({ id, name: names.person(id) })),
  note: a.note ?? null,
})
