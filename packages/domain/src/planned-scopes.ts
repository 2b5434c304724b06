import type { DutyFacts, DutyOccurrence, ScopeIndex } from "./duty-plan.ts"

/**
 * The scope index a plan's occurrences were planned with. Internal to the duty engine (not exported
 * from the package): `planDuties` notes it by the occurrences array it returns, with the facts it was
 * built over, and `assessCompliance` reuses it for those occurrences over the same facts object when
 * the caller passes no `scopes`. The occurrences' scope sizes were counted with it, and building it
 * again (every unit and placement hashed) was a tenth of assessing a county's year.
 */
const planned = new WeakMap<ReadonlyArray<DutyOccurrence>, { facts: DutyFacts; scopes: ScopeIndex }>()

export const notePlannedScopes = (
  occurrences: ReadonlyArray<DutyOccurrence>,
  facts: DutyFacts,
  scopes: ScopeIndex,
): void => {
  planned.set(occurrences, { facts, scopes })
}

/** The scope index `planDuties` used for these occurrences, if they are its output over these facts. */
export const scopesPlannedFor = (
  occurrences: ReadonlyArray<DutyOccurrence>,
  facts: DutyFacts,
): ScopeIndex | undefined => {
  const entry = planned.get(occurrences)
  return entry !== undefined && entry.facts === facts ? entry.scopes : undefined
}
