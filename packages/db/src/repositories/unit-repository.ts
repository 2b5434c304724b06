import { type GridId, Unit, type UnitFlags, UnitId, type UnitKind } from "@firegrid/domain"
import { and, asc, count, eq, inArray, sql } from "drizzle-orm"
import { appendAudit } from "../archive.ts"
import type { Database } from "../database.ts"
import { units } from "../schema.ts"

/** A unit as stored: the domain's Unit and the one zone (small grid) whose ledger lists it (G-1). */
export interface StoredUnit {
  readonly unit: Unit
  readonly gridId: GridId | null
}

export interface UnitRecord {
  readonly id: string
  readonly name: string
  readonly kind: UnitKind
  readonly flags: UnitFlags
  readonly address: string | null
  readonly location: readonly [number, number] | null
  readonly gridId: string
}

type UnitRow = typeof units.$inferSelect

const toStored = (row: UnitRow): StoredUnit => ({
  unit: Unit.make({
    id: UnitId.make(row.id),
    name: row.name,
    kind: row.kind,
    flags: row.flags,
    ...(row.address === null ? {} : { address: row.address }),
    ...(row.location === null ? {} : { location: [row.location[0], row.location[1]] as const }),
  }),
  gridId: row.gridId as GridId | null,
})

/** The archive's picture of a unit: every field, so before/after shows exactly what changed. */
const archived = (u: UnitRecord | UnitRow) => ({
  name: u.name,
  kind: u.kind,
  flags: u.flags,
  address: u.address,
  location: u.location,
  gridId: u.gridId,
})

export const findUnit = async (db: Database, id: string): Promise<StoredUnit | undefined> => {
  const [row] = await db.select().from(units).where(eq(units.id, id))
  return row && toStored(row)
}

/** Creates one unit with its archive event. */
export const insertUnit = async (db: Database, unit: UnitRecord, at: Date, actor: string): Promise<void> =>
  db.transaction(async (tx) => {
    await tx.insert(units).values(unit)
    await appendAudit(tx, {
      at,
      actor,
      action: "unit.create",
      subjectType: "unit",
      subjectId: unit.id,
      gridId: unit.gridId,
      after: archived(unit),
    })
  })

/**
 * A whole import in one transaction with one archive event (the file is one act by one person): either
 * every row is in the ledger or none is.
 */
export const importUnits = async (
  db: Database,
  batch: ReadonlyArray<UnitRecord>,
  scopeGridId: string,
  at: Date,
  actor: string,
  source: string,
): Promise<void> =>
  db.transaction(async (tx) => {
    for (let i = 0; i < batch.length; i += 500) await tx.insert(units).values(batch.slice(i, i + 500))
    await appendAudit(tx, {
      at,
      actor,
      action: "unit.import",
      subjectType: "grid",
      subjectId: scopeGridId,
      gridId: scopeGridId,
      after: { source, count: batch.length, units: batch.map((u) => ({ id: u.id, ...archived(u) })) },
    })
  })

/**
 * Changes a unit, archiving before and after. `expectedGridId` is the zone the caller checked its scope
 * against; if someone moved the unit in between, nothing is written and false comes back.
 */
export const updateUnit = async (
  db: Database,
  next: UnitRecord,
  expectedGridId: string | null,
  at: Date,
  actor: string,
): Promise<boolean> =>
  db.transaction(async (tx) => {
    const [before] = await tx.select().from(units).where(eq(units.id, next.id)).for("update")
    if (!before || before.gridId !== expectedGridId) return false
    await tx.update(units).set(next).where(eq(units.id, next.id))
    await appendAudit(tx, {
      at,
      actor,
      action: before.gridId === next.gridId ? "unit.update" : "unit.move",
      subjectType: "unit",
      subjectId: next.id,
      gridId: next.gridId,
      before: archived(before),
      after: archived(next),
    })
    return true
  })

export interface UnitFilter {
  readonly gridIds: ReadonlyArray<string>
  readonly kind?: UnitKind | undefined
  /** Only units with each of these flags set as given. */
  readonly flags?: Partial<UnitFlags> | undefined
  readonly nameContains?: string | undefined
  readonly offset: number
  readonly limit: number
}

/** A page of the units listed by the given zones, by name, with how many match in all. */
export const listUnits = async (
  db: Database,
  filter: UnitFilter,
): Promise<{ readonly total: number; readonly units: ReadonlyArray<StoredUnit> }> => {
  if (filter.gridIds.length === 0) return { total: 0, units: [] }
  const flagConditions = Object.entries(filter.flags ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([flag, value]) => sql`(${units.flags} ->> ${flag})::boolean = ${value}`)
  const where = and(
    inArray(units.gridId, [...filter.gridIds]),
    filter.kind ? eq(units.kind, filter.kind) : undefined,
    filter.nameContains ? sql`strpos(${units.name}, ${filter.nameContains}) > 0` : undefined,
    ...flagConditions,
  )
  const [total] = await db.select({ n: count() }).from(units).where(where)
  const rows = await db
    .select()
    .from(units)
    .where(where)
    .orderBy(asc(units.name), asc(units.id))
    .offset(filter.offset)
    .limit(filter.limit)
  return { total: total?.n ?? 0, units: rows.map(toStored) }
}

/** Unit names already listed in each of the given zones, to refuse a second unit of the same name. */
export const unitNamesByZone = async (
  db: Database,
  gridIds: ReadonlyArray<string>,
): Promise<ReadonlyMap<string, ReadonlySet<string>>> => {
  const byZone = new Map<string, Set<string>>()
  if (gridIds.length === 0) return byZone
  const rows = await db
    .select({ gridId: units.gridId, name: units.name })
    .from(units)
    .where(inArray(units.gridId, [...gridIds]))
  for (const { gridId, name } of rows) {
    const names = byZone.get(gridId!) ?? new Set<string>()
    names.add(name)
    byZone.set(gridId!, names)
  }
  return byZone
}
