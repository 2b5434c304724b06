import { createHash, randomBytes } from "node:crypto"

export const SESSION_COOKIE = "firegrid_session"
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000
export const MAX_FAILED_LOGINS = 5
export const LOCKOUT_MS = 15 * 60 * 1000

export const newSessionToken = (): string => randomBytes(32).toString("base64url")
export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex")

const cookieAttributes = (secure: boolean) => `Path=/; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`

export const sessionCookie = (token: string, secure: boolean): string =>
  `${SESSION_COOKIE}=${token}; ${cookieAttributes(secure)}; Max-Age=${SESSION_TTL_MS / 1000}`

export const clearedSessionCookie = (secure: boolean): string =>
  `${SESSION_COOKIE}=; ${cookieAttributes(secure)}; Max-Age=0`

export const readSessionToken = (cookieHeader: string | null): string | undefined => {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=")
    if (name === SESSION_COOKIE) return value.join("=") || undefined
  }
  return undefined
}
