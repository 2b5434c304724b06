import { addDays, type GridRole, type LocalDate } from "@firegrid/domain"
import { and, asc, eq, inArray, isNull } from "drizzle-orm"
import { appendAudit, type Transaction } from "../archive.ts"
import type { Database } from "../database.ts"
import { assignments, persons } from "../schema.ts"

export interface PersonRecord {
  readonly id: string
  readonly name: string
  readonly title: string | null
  readonly phone: string | null
}

export interface NewAssignment {
  readonly gridId: string
  readonly personId: string
  readonly role: GridRole
  readonly since: LocalDate
  /**
   * For a role one person holds at a time (a grid's first-responsible person, G-4): end every current
   * holder's term the day before `since`. History is kept, never deleted.
   */
  readonly replacesHolders: boolean
}

/** An assignment with the person holding it, as a grid's roster shows it. */
export interface AssignmentRow {
  readonly id: number
  readonly gridId: string
  readonly role: GridRole
  readonly since: string
  readonly until: string | null
  readonly person: PersonRecord
}

/** Why an assignment was not recorded. */
export type AssignRefusal =
  | { readonly _tag: "AlreadyHolds" }
  | { readonly _tag: "HolderSinceLater"; readonly holderSince: string }

export const findPerson = async (db: Database, id: string): Promise<PersonRecord | undefined> => {
  const [row] = await db.select().from(persons).where(eq(persons.id, id))
  return row
}

const assignIn = async (
  tx: Transaction,
  a: NewAssignment,
  at: Date,
  actor: string,
): Promise<AssignRefusal | { readonly id: number }> => {
  const open = await tx
    .select()
    .from(assignments)
    .where(and(eq(assignments.gridId, a.gridId), eq(assignments.role, a.role), isNull(assignments.until)))
    .for("update")
  if (open.some((o) => o.personId === a.personId)) return { _tag: "AlreadyHolds" }
  const ended = a.replacesHolders ? open : []
  const later = ended.find((o) => o.since >= a.since)
  if (later) return { _tag: "HolderSinceLater", holderSince: later.since }
  const until = addDays(a.since, -1)
  if (ended.length > 0)
    await tx
      .update(assignments)
      .set({ until })
      .where(
        inArray(
          assignments.id,
          ended.map((o) => o.id),
        ),
      )
  const [inserted] = await tx
    .insert(assignments)
    .values({ gridId: a.gridId, personId: a.personId, role: a.role, since: a.since })
    .returning({ id: assignments.id })
  await appendAudit(tx, {
    at,
    actor,
    action: "grid.assign",
    subjectType: "grid",
    subjectId: a.gridId,
    gridId: a.gridId,
    before: ended.map((o) => ({ personId: o.personId, role: o.role, since: o.since, until: null })),
    after: {
      assigned: { personId: a.personId, role: a.role, since: a.since },
      ended: ended.map((o) => ({ personId: o.personId, until })),
    },
  })
  return { id: inserted!.id }
}

/** Carries a refusal out of a transaction, so that the transaction rolls back whatever it did. */
class Refused extends Error {
  constructor(readonly refusal: AssignRefusal) {
    super(refusal._tag)
  }
}

const refusing = async (
  work: Promise<{ readonly id: number }>,
): Promise<AssignRefusal | { readonly id: number }> => {
  try {
    return await work
  } catch (error) {
    if (error instanceof Refused) return error.refusal
    throw error
  }
}

const orRefuse = (result: AssignRefusal | { readonly id: number }) => {
  if ("_tag" in result) throw new Refused(result)
  return result
}

/** Gives a person a role at a grid from a date (五(一), G-3, G-4), ending the previous holder's term if asked. */
export const assignRole = (
  db: Database,
  assignment: NewAssignment,
  at: Date,
  actor: string,
): Promise<AssignRefusal | { readonly id: number }> =>
  refusing(db.transaction(async (tx) => orRefuse(await assignIn(tx, assignment, at, actor))))

/** Creates a person together with the role they come in for: nobody is on the roster of no grid. */
export const insertPerson = (
  db: Database,
  person: PersonRecord,
  assignment: Omit<NewAssignment, "personId">,
  at: Date,
  actor: string,
): Promise<AssignRefusal | { readonly id: number }> =>
  refusing(
    db.transaction(async (tx) => {
      await tx.insert(persons).values(person)
      await appendAudit(tx, {
        at,
        actor,
        action: "person.create",
        subjectType: "person",
        subjectId: person.id,
        gridId: assignment.gridId,
        after: person,
      })
      return orRefuse(await assignIn(tx, { ...assignment, personId: person.id }, at, actor))
    }),
  )

/** Every assignment, current and past, at the given grids, with the person holding it. */
export const listRoster = async (
  db: Database,
  gridIds: ReadonlyArray<string>,
): Promise<ReadonlyArray<AssignmentRow>> => {
  if (gridIds.length === 0) return []
  const rows = await db
    .select({
      id: assignments.id,
      gridId: assignments.gridId,
      role: assignments.role,
      since: assignments.since,
      until: assignments.until,
      person: { id: persons.id, name: persons.name, title: persons.title, phone: persons.phone },
    })
    .from(assignments)
    .innerJoin(persons, eq(persons.id, assignments.personId))
    .where(inArray(assignments.gridId, [...gridIds]))
    .orderBy(asc(assignments.gridId), asc(assignments.role), asc(assignments.since), asc(assignments.id))
  return rows
}
