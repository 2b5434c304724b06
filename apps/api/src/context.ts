import { type AccountRow, type DatabaseHandle, findSessionAccount } from "@firegrid/db"
import { type LocalDate, localDateAt } from "@firegrid/domain"
import { hashToken, readSessionToken } from "./auth/session.ts"
import { classifyError } from "./errors.ts"
import { createRateLimiter, type RateLimit, type RateLimiter } from "./rate-limit.ts"
import { createTipDesk, type TipDesk } from "./services/tips.ts"

/** What the whole process shares: the database and the clock, both injected so tests can fix them. */
export interface AppServices {
  readonly database: DatabaseHandle
  readonly now: () => Date
  /** Limits public filing per client address (T-1: open to anyone, so open to floods too). */
  readonly tipLimiter: RateLimiter
  /** Today in Asia/Shanghai, the date every domain rule is asked about. */
  readonly today: () => LocalDate
  /** Public filing (page and Open311), grouping concurrent tips into shared transactions. */
  readonly tipDesk: TipDesk
}

/** What one request adds: who is asking, and a way to answer with cookies. */
export interface AppContext extends AppServices {
  readonly account: AccountRow | null
  readonly sessionTokenHash: string | null
  readonly secure: boolean
  /** The caller's address, for rate limits; behind a proxy only when told to trust it. */
  readonly clientAddress: string
  readonly setCookie: (cookie: string) => void
  readonly setHeader: (name: string, value: string) => void
}

export interface AppDependencies {
  readonly database: DatabaseHandle
  readonly now?: () => Date
  readonly tipRateLimit?: RateLimit
}

/** Ten tips per address per ten minutes: a person reporting what they see never gets near it. */
export const DEFAULT_TIP_RATE_LIMIT: RateLimit = { limit: 10, windowMs: 10 * 60_000 }

export const makeServices = ({
  database,
  now = () => new Date(),
  tipRateLimit = DEFAULT_TIP_RATE_LIMIT,
}: AppDependencies): AppServices => ({
  database,
  now,
  today: () => localDateAt(now()),
  tipLimiter: createRateLimiter(tipRateLimit),
  tipDesk: createTipDesk(database.db),
})

export const makeRequestContext = async (
  services: AppServices,
  request: Request,
  resHeaders: Headers,
  clientAddress: string,
): Promise<AppContext> => {
  const token = readSessionToken(request.headers.get("cookie"))
  const sessionTokenHash = token ? hashToken(token) : null
  let account: AccountRow | null = null
  try {
    if (sessionTokenHash)
      account = (await findSessionAccount(services.database.db, sessionTokenHash, services.now())) ?? null
  } catch (error) {
    throw classifyError(error)
  }
  // Spelled out rather than spread: one fixed shape for every request's context.
  return {
    database: services.database,
    now: services.now,
    today: services.today,
    tipLimiter: services.tipLimiter,
    tipDesk: services.tipDesk,
    account,
    sessionTokenHash,
    secure: request.url.startsWith("https:"),
    clientAddress,
    setCookie: (cookie) => resHeaders.append("Set-Cookie", cookie),
    setHeader: (name, value) => resHeaders.set(name, value),
  }
}
