import { buildDemoCounty } from "@firegrid/domain"
import type { Database } from "./database.ts"
import { insertCounty, isEmpty } from "./repositories/grid-repository.ts"

/** Loads the 告成镇 demo county into an empty database; a database with any grid is left alone. */
export const loadDemoCountyIfEmpty = async (db: Database, at: Date = new Date()): Promise<boolean> => {
  if (!(await isEmpty(db))) return false
  await insertCounty(db, buildDemoCounty(), at, "system:demo")
  return true
}
