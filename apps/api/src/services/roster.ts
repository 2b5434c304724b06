import { randomUUID } from "node:crypto"
import {
  type AccountRow,
  type AssignmentRow,
  type AssignRefusal,
  assignRole,
  type Database,
  findGridRecord,
  findPerson,
  insertPerson,
} from "@firegrid/db"
import { GRID_ROLE_LABEL, type GridRole, type LocalDate } from "@firegrid/domain"
import { TRPCError } from "@trpc/server"
import { requireGridInScope } from "../auth/scope.ts"

/**
 * Roles one person holds at a time: the first-responsible person (G-4: exactly one, history kept), the
 * main responsible person of a village or zone (G-3), the leader in charge of a township (G-2). Assigning
 * a new holder ends the previous one's term the day before. Inspectors, administrators and work-group
 * members are many at once.
 */
export const SINGLE_HOLDER_ROLES: ReadonlySet<GridRole> = new Set([
  "firstResponsible",
  "mainResponsible",
  "leader",
])

const refused = (refusal: AssignRefusal, role: GridRole) =>
  new TRPCError({
    code: "CONFLICT",
    message:
      refusal._tag === "AlreadyHolds"
        ? `此人已是该网格的${GRID_ROLE_LABEL[role]}`
        : `现任${GRID_ROLE_LABEL[role]}自 ${refusal.holderSince} 起任职，新任日期须晚于该日期`,
  })

const requireGrid = async (db: Database, account: AccountRow, gridId: string) => {
  await requireGridInScope(db, account, gridId)
  if (!(await findGridRecord(db, gridId)))
    throw new TRPCError({ code: "NOT_FOUND", message: `网格 ${gridId} 不存在` })
}

/** Gives an existing person a role at a grid of mine from a date (五(一), G二(二)). */
export const assign = async (
  db: Database,
  account: AccountRow,
  input: { gridId: string; personId: string; role: GridRole; since: LocalDate },
  at: Date,
) => {
  await requireGrid(db, account, input.gridId)
  if (!(await findPerson(db, input.personId)))
    throw new TRPCError({ code: "NOT_FOUND", message: "人员不存在" })
  const result = await assignRole(
    db,
    { ...input, replacesHolders: SINGLE_HOLDER_ROLES.has(input.role) },
    at,
    account.id,
  )
  if ("_tag" in result) throw refused(result, input.role)
  return result
}

/** Registers a person together with the role at a grid of mine they come in for. */
export const createPerson = async (
  db: Database,
  account: AccountRow,
  input: {
    name: string
    title: string | null
    phone: string | null
    gridId: string
    role: GridRole
    since: LocalDate
  },
  at: Date,
) => {
  await requireGrid(db, account, input.gridId)
  const person = { id: `p-${randomUUID()}`, name: input.name, title: input.title, phone: input.phone }
  const result = await insertPerson(
    db,
    person,
    {
      gridId: input.gridId,
      role: input.role,
      since: input.since,
      replacesHolders: SINGLE_HOLDER_ROLES.has(input.role),
    },
    at,
    account.id,
  )
  if ("_tag" in result) throw refused(result, input.role)
  return person
}

/** An assignment as the roster shows it, current when it has not ended by `today`. */
export const assignmentView = (a: AssignmentRow, today: LocalDate) => ({
  id: a.id,
  gridId: a.gridId,
  role: a.role,
  roleLabel: GRID_ROLE_LABEL[a.role],
  since: a.since,
  until: a.until,
  current: a.since <= today && (a.until === null || today <= a.until),
  person: a.person,
})
