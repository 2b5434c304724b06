import { type AccountRow, type DatabaseHandle, findSessionAccount } from "@firegrid/db"
import { type LocalDate, localDateAt } from "@firegrid/domain"
import { hashToken, readSessionToken } from "./auth/session.ts"

/** What the whole process shares: the database and the clock, both injected so tests can fix them. */
export interface AppServices {
  readonly database: DatabaseHandle
  readonly now: () => Date
  /** Today in Asia/Shanghai, the date every domain rule is asked about. */
  readonly today: () => LocalDate
}

/** What one request adds: who is asking, and a way to answer with cookies. */
export interface AppContext extends AppServices {
  readonly account: AccountRow | null
  readonly sessionTokenHash: string | null
  readonly secure: boolean
  readonly setCookie: (cookie: string) => void
}

export interface AppDependencies {
  readonly database: DatabaseHandle
  readonly now?: () => Date
}

export const makeServices = ({ database, now = () => new Date() }: AppDependencies): AppServices => ({
  database,
  now,
  today: () => localDateAt(now()),
})

export const makeRequestContext = async (
  services: AppServices,
  request: Request,
  resHeaders: Headers,
): Promise<AppContext> => {
  const token = readSessionToken(request.headers.get("cookie"))
  const sessionTokenHash = token ? hashToken(token) : null
  const account = sessionTokenHash
    ? ((await findSessionAccount(services.database.db, sessionTokenHash, services.now())) ?? null)
    : null
  return {
    ...services,
    account,
    sessionTokenHash,
    secure: new URL(request.url).protocol === "https:",
    setCookie: (cookie) => resHeaders.append("Set-Cookie", cookie),
  }
}
