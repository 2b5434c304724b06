import { randomUUID } from "node:crypto"
import {
  type AccountRow,
  type Database,
  insertActivity,
  loadDepartments,
  loadGridTree,
  loadPersons,
} from "@firegrid/db"
import {
  ACTIVITY_KIND_LABEL,
  Activity,
  ActivityId,
  type ActivityKind,
  ADMIN_ROLE_LABEL,
  type AdminRole,
  type DepartmentId,
  type DepartmentKind,
  type FiveEnters,
  GRID_LEVEL_LABEL,
  type GridId,
  type GridLevel,
  indexGrids,
  isWithin,
  type LocalDate,
  type PersonId,
  type UnitId,
} from "@firegrid/domain"
import { TRPCError } from "@trpc/server"
import { badFields, type FieldIssue } from "../trpc.ts"

/** The kinds an admin records here; rechecks are recorded with their notice by the hazard side (D-2). */
export const RECORDABLE_KINDS = [
  "inspection",
  "training",
  "publicity",
  "jointMeeting",
  "letter",
  "supervision",
  "evaluation",
] as const satisfies ReadonlyArray<ActivityKind>
export type RecordableKind = (typeof RECORDABLE_KINDS)[number]

/**
 * Who records what, after the seed: the township 安监办 sweeps, holds publicity days and joint meetings and
 * evaluates its grids (五(三)(四)(五), 六(三)); villages check weekly; the fire brigade checks key units and
 * trains (五(三)(四)); the police station checks weekly (五(三)); every level signs letters (六(三)).
 */
const MAY_RECORD: Record<AdminRole, ReadonlyArray<RecordableKind>> = {
  countyAdmin: RECORDABLE_KINDS,
  townshipAdmin: [
    "inspection",
    "training",
    "publicity",
    "jointMeeting",
    "letter",
    "supervision",
    "evaluation",
  ],
  inspector: ["inspection"],
  villageAdmin: ["inspection", "letter"],
  zoneLeader: ["inspection", "letter"],
  fireBrigade: ["inspection", "training"],
  policeStation: ["inspection"],
}

/** The grid levels that hold each kind of activity (the rules' actors, D-1 … D-11). */
const RECORDING_LEVELS: Record<RecordableKind, ReadonlyArray<GridLevel>> = {
  inspection: ["county", "large", "medium", "small"],
  training: ["county", "large"],
  publicity: ["large"],
  jointMeeting: ["large"],
  letter: ["county", "large", "medium", "small"],
  supervision: ["county", "large"],
  evaluation: ["county", "large"],
}

/** A department's account records its inspections as the department's work, not the grid's (D-4, D-5). */
const DEPARTMENT_OF_ROLE: Partial<Record<AdminRole, DepartmentKind>> = {
  fireBrigade: "fireBrigade",
  policeStation: "police",
}

export interface ActivityInput {
  readonly kind: RecordableKind
  readonly gridId: GridId
  readonly date: LocalDate
  readonly unitIds?: ReadonlyArray<string> | undefined
  readonly gridIds?: ReadonlyArray<string> | undefined
  readonly departmentKinds?: ReadonlyArray<DepartmentKind> | undefined
  readonly fiveEnters?: ReadonlyArray<FiveEnters> | undefined
  readonly participants?: ReadonlyArray<string> | undefined
  readonly note?: string | undefined
}

/** What each kind must list, and which lists it must leave empty. */
const CONTENT: Record<
  RecordableKind,
  { readonly needs: ReadonlyArray<keyof ActivityInput>; readonly label: string }
> = {
  inspection: { needs: ["unitIds"], label: "请列出检查的单位" },
  training: { needs: ["gridIds"], label: "请列出参加培训的网格" },
  supervision: { needs: ["gridIds"], label: "请列出督办的网格" },
  evaluation: { needs: ["gridIds"], label: "请列出考评的网格" },
  jointMeeting: { needs: ["departmentKinds"], label: "请列出参会的部门" },
  publicity: { needs: ["fiveEnters"], label: "请选择宣传的“五进”对象" },
  letter: { needs: ["gridIds", "unitIds"], label: "请列出签订责任书的网格或单位" },
}
const LISTS = ["unitIds", "gridIds", "departmentKinds", "fiveEnters"] as const

const listed = (v: ReadonlyArray<unknown> | undefined) => v !== undefined && v.length > 0

/**
 * Checks an activity against the grid tree and the recorder's role, then stores it with its archive event.
 * A role that may not record this kind is FORBIDDEN; content that does not fit the tree is a field error.
 */
export const recordActivity = async (
  db: Database,
  account: AccountRow,
  input: ActivityInput,
  today: LocalDate,
  at: Date,
): Promise<Activity> => {
  if (!MAY_RECORD[account.role].includes(input.kind))
    throw new TRPCError({
      code: "FORBIDDEN",
      message: `「${ADMIN_ROLE_LABEL[account.role]}」不能登记${ACTIVITY_KIND_LABEL[input.kind]}`,
    })
  const [tree, departments, persons] = await Promise.all([
    loadGridTree(db),
    loadDepartments(db),
    loadPersons(db),
  ])
  const index = indexGrids(tree.grids)
  const grid = index.byId.get(input.gridId)!
  const issues: FieldIssue[] = []
  const issue = (path: string, message: string) => issues.push({ path: [path], message })

  if (input.date > today) issue("date", `日期 ${input.date} 晚于今天（${today}），不能登记尚未开展的工作`)
  if (!RECORDING_LEVELS[input.kind].includes(grid.level))
    issue(
      "gridId",
      `${ACTIVITY_KIND_LABEL[input.kind]}应由${RECORDING_LEVELS[input.kind].map((l) => GRID_LEVEL_LABEL[l]).join("或")}登记，${grid.name}是${GRID_LEVEL_LABEL[grid.level]}`,
    )
  const needs = CONTENT[input.kind].needs
  if (!needs.some((k) => listed(input[k] as ReadonlyArray<unknown> | undefined)))
    issue(needs[0]!, CONTENT[input.kind].label)
  for (const k of LISTS)
    if (!needs.includes(k) && listed(input[k])) issue(k, `${ACTIVITY_KIND_LABEL[input.kind]}不填写此项`)

  const zoneOf = new Map<string, string>(tree.placements.map((p) => [p.unitId, p.gridId]))
  const unitName = new Map<string, string>(tree.units.map((u) => [u.id, u.name]))
  for (const [i, unitId] of (input.unitIds ?? []).entries()) {
    const zone = zoneOf.get(unitId)
    if (!unitName.has(unitId)) issues.push({ path: ["unitIds", i], message: `单位 ${unitId} 不存在` })
    else if (zone === undefined || !isWithin(index, zone as GridId, grid.id))
      issues.push({ path: ["unitIds", i], message: `单位「${unitName.get(unitId)}」不在${grid.name}辖区内` })
    else if (input.kind === "letter" && zone !== grid.id)
      issues.push({
        path: ["unitIds", i],
        message: `单位「${unitName.get(unitId)}」应与其所在责任片区签订责任书，而不是${grid.name}`,
      })
  }
  for (const [i, gridId] of (input.gridIds ?? []).entries()) {
    const other = index.byId.get(gridId as GridId)
    if (!other) issues.push({ path: ["gridIds", i], message: `网格 ${gridId} 不存在` })
    else if (other.id === grid.id || !isWithin(index, other.id, grid.id))
      issues.push({ path: ["gridIds", i], message: `「${other.name}」不是${grid.name}的下级网格` })
    else if (input.kind === "letter" && other.parentId !== grid.id)
      issues.push({
        path: ["gridIds", i],
        message: `「${other.name}」应与其上一级网格签订责任书，而不是${grid.name}`,
      })
  }
  const people = new Set<string>(persons.map((p) => p.id))
  for (const [i, personId] of (input.participants ?? []).entries())
    if (!people.has(personId)) issues.push({ path: ["participants", i], message: `人员 ${personId} 不存在` })

  let departmentId: DepartmentId | undefined
  const departmentKind = input.kind === "inspection" ? DEPARTMENT_OF_ROLE[account.role] : undefined
  if (departmentKind !== undefined) {
    // The department serving the recording grid: the nearest one of the account's kind up the tree.
    const chain = [grid, ...index.ancestors(grid.id)].map((g) => g.id as string)
    const serving = departments
      .filter((d) => d.kind === departmentKind && chain.includes(d.gridId))
      .sort((a, b) => chain.indexOf(a.gridId) - chain.indexOf(b.gridId))[0]
    if (!serving)
      issue("gridId", `${grid.name}没有登记「${ADMIN_ROLE_LABEL[account.role]}」部门，无法记入部门工作`)
    else departmentId = serving.id
  }
  if (issues.length > 0) throw badFields(issues)

  const dedupe = <T extends string>(list: ReadonlyArray<string> | undefined) =>
    list === undefined || list.length === 0 ? undefined : ([...new Set(list)] as T[])
  const unitIds = dedupe<UnitId>(input.unitIds)
  const gridIds = dedupe<GridId>(input.gridIds)
  const departmentKinds = dedupe<DepartmentKind>(input.departmentKinds)
  const fiveEnters = dedupe<FiveEnters>(input.fiveEnters)
  const participants = dedupe<PersonId>(input.participants)
  const note = input.note?.trim()
  const activity = Activity.make({
    id: ActivityId.make(`act-${input.date}-${randomUUID().slice(0, 8)}`),
    kind: input.kind,
    gridId: grid.id,
    date: input.date,
    ...(departmentId === undefined ? {} : { departmentId }),
    ...(unitIds ? { unitIds } : {}),
    ...(gridIds ? { gridIds } : {}),
    ...(departmentKinds ? { departmentKinds } : {}),
    ...(fiveEnters ? { fiveEnters } : {}),
    ...(participants ? { participants } : {}),
    ...(note ? { note } : {}),
  })
  await insertActivity(db, activity, at, account.id)
  return activity
}
