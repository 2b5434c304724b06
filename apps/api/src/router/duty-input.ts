import { daysBetween, GridId, LocalDate } from "@firegrid/domain"
import { Schema } from "effect"
import { required, Text } from "./input.ts"

/** Inputs shared by the duty procedures (SPEC §2), with Chinese messages that name the field. */

export const DateField = (label: string) =>
  LocalDate.annotations({
    message: () => ({ message: `${label}应为有效日期，格式 YYYY-MM-DD`, override: true }),
  })

export const GridField = (label: string) =>
  required(Text(label, 64).pipe(Schema.compose(GridId, { strict: false })), `请选择${label}`)

/** A period of at most one year: plans and reports over longer spans belong to evaluations, not pages. */
export const periodFields = {
  from: required(DateField("开始日期"), "请填写开始日期"),
  to: required(DateField("结束日期"), "请填写结束日期"),
}

export const withinAYear = <A extends { readonly from: LocalDate; readonly to: LocalDate }>(p: A) =>
  p.to < p.from
    ? { path: ["to"], message: "结束日期不能早于开始日期" }
    : daysBetween(p.from, p.to) > 365
      ? { path: ["to"], message: "查询时段不能超过一年" }
      : true

export const GridPeriod = Schema.Struct({ gridId: GridField("网格"), ...periodFields }).pipe(
  Schema.filter(withinAYear),
)
