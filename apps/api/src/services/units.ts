import { randomUUID } from "node:crypto"
import {
  type AccountRow,
  type Database,
  findGridRecord,
  findUnit,
  insertUnit,
  type StoredUnit,
  type UnitRecord,
  unitNamesByZone,
  updateUnit,
} from "@firegrid/db"
import { UNIT_FLAG_LABEL, UNIT_KIND_LABEL, type UnitFlags, type UnitKind } from "@firegrid/domain"
import { TRPCError } from "@trpc/server"
import { requireGridInScope } from "../auth/scope.ts"
import { badField } from "../trpc.ts"
import { duplicateNameMessage, locationProblem } from "./unit-rules.ts"

export interface UnitFields {
  readonly name: string
  readonly kind: UnitKind
  readonly flags: UnitFlags
  readonly address: string | null
  readonly location: readonly [number, number] | null
  readonly gridId: string
}

/** The zone a unit goes in must be a small grid in my scope (G-1: every unit in exactly one zone). */
const requireZone = async (db: Database, account: AccountRow, gridId: string) => {
  await requireGridInScope(db, account, gridId)
  const zone = await findGridRecord(db, gridId)
  if (!zone) throw new TRPCError({ code: "NOT_FOUND", message: `网格 ${gridId} 不存在` })
  if (zone.level !== "small") throw badField("gridId", "单位只能登记到责任片区（小网格）")
  return zone
}

const checkFields = async (db: Database, fields: UnitFields, zoneName: string, exceptUnitId?: string) => {
  if (fields.location) {
    const problem = locationProblem(fields.location[0], fields.location[1])
    if (problem) throw badField("location", problem.message)
  }
  const taken = (await unitNamesByZone(db, [fields.gridId])).get(fields.gridId)
  if (taken?.has(fields.name) && exceptUnitId === undefined)
    throw new TRPCError({ code: "CONFLICT", message: duplicateNameMessage(fields.name, zoneName) })
  return taken
}

/** A new unit in a zone of mine, archived (G-9: its kind and focus flags). */
export const createUnit = async (
  db: Database,
  account: AccountRow,
  fields: UnitFields,
  at: Date,
): Promise<UnitRecord> => {
  const zone = await requireZone(db, account, fields.gridId)
  await checkFields(db, fields, zone.name)
  const record: UnitRecord = { id: `u-${randomUUID()}`, ...fields }
  await insertUnit(db, record, at, account.id)
  return record
}

export const requireUnit = async (db: Database, account: AccountRow, unitId: string): Promise<StoredUnit> => {
  const stored = await findUnit(db, unitId)
  if (!stored) throw new TRPCError({ code: "NOT_FOUND", message: "单位不存在" })
  // A unit in no zone belongs to nobody below the county (G-1 coverage): only the root's accounts see it.
  if (stored.gridId === null) {
    if ((await findGridRecord(db, account.gridId))?.parentId !== null)
      throw new TRPCError({ code: "FORBIDDEN", message: "该单位不在您的管辖范围内" })
  } else await requireGridInScope(db, account, stored.gridId)
  return stored
}

export type UnitPatch = {
  readonly [K in Exclude<keyof UnitFields, "flags">]?: UnitFields[K] | undefined
} & { readonly flags?: Partial<UnitFlags> | undefined }

/** Changes a unit of mine; moving it to another zone needs that zone to be mine too. */
export const changeUnit = async (
  db: Database,
  account: AccountRow,
  unitId: string,
  patch: UnitPatch,
  at: Date,
): Promise<UnitRecord> => {
  const stored = await requireUnit(db, account, unitId)
  const { unit } = stored
  const next: UnitRecord = {
    id: unit.id,
    name: patch.name ?? unit.name,
    kind: patch.kind ?? unit.kind,
    flags: { ...unit.flags, ...stripUndefined(patch.flags ?? {}) },
    address: patch.address === undefined ? (unit.address ?? null) : patch.address,
    location: patch.location === undefined ? (unit.location ?? null) : patch.location,
    gridId: patch.gridId ?? stored.gridId ?? "",
  }
  if (next.gridId === "") throw badField("gridId", "请选择单位所在的责任片区")
  const zone = await requireZone(db, account, next.gridId)
  const renamedOrMoved = next.name !== unit.name || next.gridId !== stored.gridId
  const taken = await checkFields(db, next, zone.name, unit.id)
  if (renamedOrMoved && taken?.has(next.name))
    throw new TRPCError({ code: "CONFLICT", message: duplicateNameMessage(next.name, zone.name) })
  if (!(await updateUnit(db, next, stored.gridId, at, account.id)))
    throw new TRPCError({ code: "CONFLICT", message: "该单位刚被他人修改，请刷新后重试" })
  return next
}

const stripUndefined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>

/** A unit as the ledger pages show it, with the Chinese labels of its kind and flags. */
export const unitView = (u: UnitRecord, zoneName: string | null) => ({
  id: u.id,
  name: u.name,
  kind: u.kind,
  kindLabel: UNIT_KIND_LABEL[u.kind],
  flags: u.flags,
  flagLabels: (Object.keys(UNIT_FLAG_LABEL) as Array<keyof UnitFlags>)
    .filter((f) => u.flags[f])
    .map((f) => UNIT_FLAG_LABEL[f]),
  address: u.address,
  location: u.location,
  gridId: u.gridId === "" ? null : u.gridId,
  zoneName,
})

export const recordOf = (stored: StoredUnit): UnitRecord => ({
  id: stored.unit.id,
  name: stored.unit.name,
  kind: stored.unit.kind,
  flags: stored.unit.flags,
  address: stored.unit.address ?? null,
  location: stored.unit.location ?? null,
  gridId: stored.gridId ?? "",
})
