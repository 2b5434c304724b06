/**
 * Scope lists known to hold each id once. Internal to the duty engine (not exported from the package):
 * `makeScopeIndex` marks the unit and grid lists it proves distinct, and compliance then numbers such a
 * list's ids by their position instead of hashing every id of it up front.
 */
const distinct = new WeakSet<ReadonlyArray<string>>()

export const markDistinct = <T extends ReadonlyArray<string>>(list: T): T => {
  distinct.add(list)
  return list
}

export const isDistinct = (list: ReadonlyArray<string>): boolean => distinct.has(list)
