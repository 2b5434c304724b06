import type { Place } from "./trpc.ts"

export interface Option {
  readonly value: string
  readonly label: string
}

/** The places of one level under one parent, as picker options in the API's order. */
export const optionsUnder = (
  places: ReadonlyArray<Place>,
  level: Place["level"],
  parentId: string | null | undefined,
): Option[] =>
  places
    .filter((p) => p.level === level && (level === "large" || (parentId != null && p.parentId === parentId)))
    .map((p) => ({ value: p.id, label: p.name }))
