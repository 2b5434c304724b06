import type { DatabaseHandle } from "@firegrid/db"
import { type LocalDate, localDateAt } from "@firegrid/domain"

/** What every procedure gets: the database and the clock, both injected so tests can fix them. */
export interface AppContext {
  readonly database: DatabaseHandle
  readonly now: () => Date
  /** Today in Asia/Shanghai, the date every domain rule is asked about. */
  readonly today: () => LocalDate
}

export interface AppDependencies {
  readonly database: DatabaseHandle
  readonly now?: () => Date
}

export const makeContext = ({ database, now = () => new Date() }: AppDependencies): AppContext => ({
  database,
  now,
  today: () => localDateAt(now()),
})
