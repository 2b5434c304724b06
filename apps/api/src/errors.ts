import { TRPCError } from "@trpc/server"

// Socket errors and the Postgres SQLSTATE classes that mean "the server is not there right now".
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
])

const causes = function* (error: unknown): Generator<unknown> {
  for (let e: unknown = error, depth = 0; e && depth < 8; depth++) {
    yield e
    e = (e as { cause?: unknown }).cause
  }
}

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown }).code
  return typeof code === "string" ? code : undefined
}

/** True when an error says the database cannot be reached, rather than that a query was wrong. */
export const isDatabaseUnavailable = (error: unknown): boolean => {
  for (const e of causes(error)) {
    const code = codeOf(e)
    if (code && UNAVAILABLE_CODES.has(code)) return true
    const message = e instanceof Error ? e.message : ""
    if (/Connection terminated|connection timeout|Client has encountered a connection error/i.test(message))
      return true
  }
  return false
}

export const databaseUnavailable = (cause: unknown) =>
  new TRPCError({ code: "SERVICE_UNAVAILABLE", message: "数据库暂时无法访问，请稍后再试", cause })

/**
 * Turns what escaped a procedure into an answer the caller can act on: an unreachable database is 503,
 * a unique-key clash is CONFLICT; anything else stays an internal error (a bug to fix, not to hide).
 */
/** A row pointed at something that is no longer there (PostgreSQL 23503), e.g. a zone deleted meanwhile. */
export const isForeignKeyViolation = (error: unknown): boolean => {
  for (const e of causes(error)) if (codeOf(e) === "23503") return true
  return false
}

export const classifyError = (error: unknown): unknown => {
  // tRPC wraps whatever a procedure threw as an INTERNAL_SERVER_ERROR whose cause is the original.
  if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") return error
  if (isDatabaseUnavailable(error)) return databaseUnavailable(error)
  for (const e of causes(error)) {
    if (codeOf(e) === "23505") return new TRPCError({ code: "CONFLICT", message: "记录已存在", cause: error })
  }
  return error
}
