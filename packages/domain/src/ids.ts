import { Schema } from "effect"

/** A non-empty id string branded so that a grid id cannot be passed where a unit id is expected. */
export const Id = <B extends string>(brand: B) => Schema.NonEmptyTrimmedString.pipe(Schema.brand(brand))

export const GridId = Id("GridId")
export type GridId = typeof GridId.Type
export const UnitId = Id("UnitId")
export type UnitId = typeof UnitId.Type
export const PersonId = Id("PersonId")
export type PersonId = typeof PersonId.Type
export const DepartmentId = Id("DepartmentId")
export type DepartmentId = typeof DepartmentId.Type
