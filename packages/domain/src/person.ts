import { Schema } from "effect"
import { DepartmentId, GridId, PersonId } from "./ids.ts"
import { LocalDate } from "./local-date.ts"

export class Person extends Schema.Class<Person>("Person")({
  id: PersonId,
  name: Schema.NonEmptyTrimmedString,
  /** 职务, e.g. 镇长, 村委会主任, 村民小组长. */
  title: Schema.optional(Schema.String),
  phone: Schema.optional(Schema.String),
}) {}

/**
 * What a person is for a grid (五(一), G二(二)): the first responsible person 第一责任人, the
 * leader in charge of fire safety 分管领导, full-time safety inspectors 专职安检员, village fire-safety
 * administrators 消防安全管理员, the main responsible person 主要负责人 and the small grid's work group 工作组.
 */
export const GridRole = Schema.Literal(
  "firstResponsible",
  "leader",
  "inspector",
  "administrator",
  "mainResponsible",
  "workGroup",
)
export type GridRole = typeof GridRole.Type

export const GRID_ROLE_LABEL: Record<GridRole, string> = {
  firstResponsible: "第一责任人",
  leader: "分管领导",
  inspector: "专职安检员",
  administrator: "消防安全管理员",
  mainResponsible: "主要负责人",
  workGroup: "工作组成员",
}

/** A person holding a role for a grid over a period; `until` null means still holding it. History is kept. */
export class Assignment extends Schema.Class<Assignment>("Assignment")({
  gridId: GridId,
  personId: PersonId,
  role: GridRole,
  since: LocalDate,
  until: Schema.NullOr(LocalDate),
}) {}

export const isActiveOn = (a: Assignment, date: LocalDate): boolean =>
  a.since <= date && (a.until === null || date <= a.until)

/** The people holding `role` for `gridId` on `date`. */
export const holdersOn = (
  assignments: ReadonlyArray<Assignment>,
  gridId: GridId,
  role: GridRole,
  date: LocalDate,
): ReadonlyArray<PersonId> =>
  assignments
    .filter((a) => a.gridId === gridId && a.role === role && isActiveOn(a, date))
    .map((a) => a.personId)

/** 部门 that join a township's leading organization (五(一)). */
export const DepartmentKind = Schema.Literal(
  "police",
  "fireBrigade",
  "construction",
  "education",
  "commerce",
  "workSafety",
  "culture",
  "marketRegulation",
  "health",
)
export type DepartmentKind = typeof DepartmentKind.Type

export const DEPARTMENT_KIND_LABEL: Record<DepartmentKind, string> = {
  police: "公安（派出所）",
  fireBrigade: "消防",
  construction: "建设",
  education: "教育",
  commerce: "商务",
  workSafety: "安监",
  culture: "文化",
  marketRegulation: "工商（市场监管）",
  health: "卫生",
}

export class Department extends Schema.Class<Department>("Department")({
  id: DepartmentId,
  kind: DepartmentKind,
  name: Schema.NonEmptyTrimmedString,
  /** The grid whose area the department serves (e.g. a police station's township). */
  gridId: GridId,
}) {}
