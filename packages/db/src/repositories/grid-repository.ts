import {
  Assignment,
  type Boundary,
  type DemoCounty,
  Grid,
  type GridTree,
  Person,
  Placement,
  Unit,
  type UnitFlags,
} from "@firegrid/domain"
import { and, asc, eq, inArray, isNotNull, or, sql } from "drizzle-orm"
import { appendAudit } from "../archive.ts"
import { type Database, rowsOf } from "../database.ts"
import { assignments, departments, grids, persons, units } from "../schema.ts"

const optional = <T>(value: T | null): T | undefined => value ?? undefined

const toGrid = (row: typeof grids.$inferSelect): Grid =>
  Grid.make({
    id: row.id as Grid["id"],
    parentId: row.parentId as Grid["parentId"],
    level: row.level,
    name: row.name,
    code: row.code,
    ...(row.location === null ? {} : { location: row.location }),
    ...(row.boundary === null ? {} : { boundary: row.boundary as Boundary }),
  })

export const loadGrids = async (db: Database): Promise<ReadonlyArray<Grid>> =>
  (await db.select().from(grids)).map(toGrid)

/** The grids with these ids (unknown ids are simply absent), in one query. */
export const loadGridsById = async (
  db: Database,
  ids: ReadonlyArray<string>,
): Promise<ReadonlyArray<Grid>> =>
  ids.length === 0
    ? []
    : (
        await db
          .select()
          .from(grids)
          .where(inArray(grids.id, [...ids]))
      ).map(toGrid)

/**
 * Only the grids a tip could be routed to: the picked one, and — when the filer gave a point — the small
 * grids that have a boundary. Public filing is the hot path; it should not read the whole tree.
 */
export const loadRoutingCandidates = async (
  db: Database,
  place: { readonly gridId?: string | undefined; readonly withBoundaries: boolean },
): Promise<ReadonlyArray<Grid>> => {
  const picked = place.gridId === undefined ? undefined : eq(grids.id, place.gridId)
  const mapped = place.withBoundaries ? and(eq(grids.level, "small"), isNotNull(grids.boundary)) : undefined
  if (!picked && !mapped) return []
  return (await db.select().from(grids).where(or(picked, mapped))).map(toGrid)
}

export const loadPersons = async (db: Database): Promise<ReadonlyArray<Person>> =>
  (await db.select().from(persons)).map((row) =>
    Person.make({
      id: row.id as Person["id"],
      name: row.name,
      ...(row.title === null ? {} : { title: row.title }),
      ...(row.phone === null ? {} : { phone: row.phone }),
    }),
  )

export const loadAssignments = async (db: Database): Promise<ReadonlyArray<Assignment>> =>
  (await db.select().from(assignments)).map((row) =>
    Assignment.make({
      gridId: row.gridId as Assignment["gridId"],
      personId: row.personId as Assignment["personId"],
      role: row.role,
      since: row.since as Assignment["since"],
      until: row.until as Assignment["until"],
    }),
  )

/** Everything `checkCoverage` needs, read in one go. */
export const loadGridTree = async (db: Database): Promise<GridTree> => {
  const [gridList, assignmentList, unitRows] = await Promise.all([
    loadGrids(db),
    loadAssignments(db),
    // In id order: the engines then know the unit list repeats no id without hashing every id.
    db.select().from(units).orderBy(asc(units.id)),
  ])
  const unitList = unitRows.map((row) =>
    Unit.make({
      id: row.id as Unit["id"],
      name: row.name,
      kind: row.kind,
      flags: row.flags as UnitFlags,
      ...(row.address === null ? {} : { address: row.address }),
      ...(optional(row.location) === undefined ? {} : { location: row.location as [number, number] }),
    }),
  )
  const placements = unitRows
    .filter((row) => row.gridId !== null)
    .map((row) => Placement.make({ unitId: row.id as Unit["id"], gridId: row.gridId as Grid["id"] }))
  return { grids: gridList, units: unitList, placements, assignments: assignmentList }
}

/** Unit counts per small grid, for the tree page. */
export const countUnitsByGrid = async (db: Database): Promise<ReadonlyMap<string, number>> => {
  const rows = await db.select({ gridId: units.gridId }).from(units).where(isNotNull(units.gridId))
  const counts = new Map<string, number>()
  for (const { gridId } of rows) counts.set(gridId!, (counts.get(gridId!) ?? 0) + 1)
  return counts
}

export const isEmpty = async (db: Database): Promise<boolean> =>
  (await db.select({ id: grids.id }).from(grids).limit(1)).length === 0

const CHUNK = 500
const chunks = <T>(rows: ReadonlyArray<T>): T[][] => {
  const out: T[][] = []
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK))
  return out
}

/** Writes a whole county (grids top-down, people, roles, departments, units) in one transaction. */
export const insertCounty = async (
  db: Database,
  county: DemoCounty,
  at: Date,
  actor: string,
): Promise<void> => {
  const zoneOf = new Map(county.placements.map((p) => [p.unitId, p.gridId]))
  await db.transaction(async (tx) => {
    for (const part of chunks(county.grids))
      await tx.insert(grids).values(
        part.map((g) => ({
          id: g.id,
          parentId: g.parentId,
          level: g.level,
          name: g.name,
          code: g.code,
          location: g.location ?? null,
          boundary: g.boundary ?? null,
        })),
      )
    for (const part of chunks(county.persons))
      await tx
        .insert(persons)
        .values(part.map((p) => ({ id: p.id, name: p.name, title: p.title ?? null, phone: p.phone ?? null })))
    for (const part of chunks(county.assignments))
      await tx.insert(assignments).values(
        part.map((a) => ({
          gridId: a.gridId,
          personId: a.personId,
          role: a.role,
          since: a.since,
          until: a.until,
        })),
      )
    if (county.departments.length > 0)
      await tx
        .insert(departments)
        .values(county.departments.map((d) => ({ id: d.id, kind: d.kind, name: d.name, gridId: d.gridId })))
    for (const part of chunks(county.units))
      await tx.insert(units).values(
        part.map((u) => ({
          id: u.id,
          name: u.name,
          kind: u.kind,
          flags: u.flags,
          address: u.address ?? null,
          location: u.location ?? null,
          gridId: zoneOf.get(u.id) ?? null,
        })),
      )
    await appendAudit(tx, {
      at,
      actor,
      action: "county.import",
      subjectType: "grid",
      subjectId: county.countyId,
      gridId: county.countyId,
      after: { grids: county.grids.length, units: county.units.length, persons: county.persons.length },
    })
  })
}

/** The grid and its ancestors' ids, nearest first; empty when the grid does not exist. */
export const gridAncestry = async (db: Database, gridId: string): Promise<ReadonlyArray<string>> => {
  const result = await db.execute(sql`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from grids where id = ${gridId}
      union all
      select g.id, g.parent_id, up.depth + 1 from grids g join up on g.id = up.parent_id where up.depth < 16
    )
    select id from up order by depth`)
  return rowsOf<{ id: string }>(result).map((r) => r.id)
}

/** The grid and every grid below it. */
export const gridSubtree = async (db: Database, gridId: string): Promise<ReadonlyArray<string>> => {
  const result = await db.execute(sql`
    with recursive down(id, depth) as (
      select id, 0 from grids where id = ${gridId}
      union all
      select g.id, down.depth + 1 from grids g join down on g.parent_id = down.id where down.depth < 16
    )
    select id from down`)
  return rowsOf<{ id: string }>(result).map((r) => r.id)
}
