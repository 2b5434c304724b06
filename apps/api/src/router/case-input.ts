import { LocalDate } from "@firegrid/domain"
import { Schema } from "effect"
import { required, Text } from "./input.ts"

/** Inputs shared by the closed-loop procedures (SPEC §3), with Chinese messages that name the field. */

export const Day = (label: string) =>
  LocalDate.annotations({
    message: () => ({ message: `${label}应为有效日期，格式 YYYY-MM-DD`, override: true }),
  })

/** An id picked from a list on the page: hazards, notices, units, tips. */
export const IdField = (label: string) => required(Text(label, 64), `请选择${label}`)

/** An optional grid to look at instead of the account's own (it must lie in the account's subtree). */
export const OptionalGrid = Schema.optional(Text("网格", 64))
