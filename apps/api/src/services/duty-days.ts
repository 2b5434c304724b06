import { type Database, saveFixedDay } from "@firegrid/db"
import { addDays, fixDutyDayInPlan, type GridId, type LocalDate, makeDate } from "@firegrid/domain"
import { Either } from "effect"
import { badField } from "../trpc.ts"
import { loadDutyRules } from "./duty-rules.ts"
import { loadDutyWorld, planWorld } from "./duty-world.ts"

/**
 * A township fixes its inspection (or publicity) day for a period (D-1, D-8): the domain checks the day
 * against the rule's window and the official calendar; a refused day comes back on the `date` field with
 * the domain's reason and the workdays it could pick instead.
 */
export const fixDay = async (
  db: Database,
  input: {
    readonly gridId: GridId
    readonly ruleId: string
    readonly period: string
    readonly date: LocalDate
  },
  at: Date,
  actor: string,
) => {
  const rule = (await loadDutyRules(db)).find((r) => r.id === input.ruleId)
  if (!rule) throw badField("ruleId", `没有编号为 ${input.ruleId} 的职责规则`)
  if (!rule.enabled) throw badField("ruleId", `职责规则 ${rule.id} 已停用`)
  if (!rule.oneWorkday) throw badField("ruleId", `职责规则 ${rule.id}「${rule.title}」不需要确定具体日期`)
  // Every period label of a year lies within that year, give or take the ISO weeks at its edges.
  const year = Number(input.period.slice(0, 4))
  const from = addDays(makeDate(year, 1, 1), -7)
  const to = addDays(makeDate(year, 12, 31), 7)
  const world = await loadDutyWorld(db, input.gridId, from, to)
  const plan = await planWorld(db, world, from, to, [rule])
  const checked = fixDutyDayInPlan(
    plan,
    { ruleId: rule.id, gridId: input.gridId, period: input.period, date: input.date },
    world.calendar,
  )
  if (Either.isLeft(checked)) {
    const rejected = checked.left
    if (rejected.reason === "noSuchOccurrence")
      throw badField(
        "period",
        `${world.names.grid(input.gridId)}在 ${input.period} 没有「${rule.title}」任务（该规则由${rule.who._tag === "Grid" ? rule.who.office : "部门"}承担）`,
      )
    throw badField("date", rejected.messageZh)
  }
  const { before } = await saveFixedDay(db, checked.right, at, actor)
  return { ...checked.right, replaced: before }
}
