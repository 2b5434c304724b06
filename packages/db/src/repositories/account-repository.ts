import type { AdminRole, GridId } from "@firegrid/domain"
import { and, eq, gt, lt } from "drizzle-orm"
import { appendAudit } from "../archive.ts"
import type { Database } from "../database.ts"
import { accounts, sessions } from "../schema.ts"

export interface AccountRow {
  readonly id: string
  readonly username: string
  readonly displayName: string
  readonly role: AdminRole
  readonly gridId: GridId
  readonly passwordHash: string
  readonly failedLogins: number
  readonly lockedUntil: Date | null
}

const toAccount = (row: typeof accounts.$inferSelect): AccountRow => ({
  ...row,
  gridId: row.gridId as GridId,
})

export const findAccountByUsername = async (
  db: Database,
  username: string,
): Promise<AccountRow | undefined> => {
  const [row] = await db.select().from(accounts).where(eq(accounts.username, username))
  return row && toAccount(row)
}

export const findAccountById = async (db: Database, id: string): Promise<AccountRow | undefined> => {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id))
  return row && toAccount(row)
}

export interface NewAccount {
  readonly id: string
  readonly username: string
  readonly displayName: string
  readonly role: AdminRole
  readonly gridId: string
  readonly passwordHash: string
}

/** Creates an account and archives who created it; the password hash never enters the archive. */
export const insertAccount = async (
  db: Database,
  account: NewAccount,
  at: Date,
  actor: string,
): Promise<void> =>
  db.transaction(async (tx) => {
    await tx.insert(accounts).values(account)
    const { passwordHash: _hash, ...archived } = account
    await appendAudit(tx, {
      at,
      actor,
      action: "account.create",
      subjectType: "account",
      subjectId: account.id,
      gridId: account.gridId,
      after: archived,
    })
  })

export const listAccounts = async (db: Database): Promise<ReadonlyArray<AccountRow>> =>
  (await db.select().from(accounts).orderBy(accounts.username)).map(toAccount)

export const recordFailedLogin = async (
  db: Database,
  id: string,
  failedLogins: number,
  lockedUntil: Date | null,
) => db.update(accounts).set({ failedLogins, lockedUntil }).where(eq(accounts.id, id))

export const clearFailedLogins = async (db: Database, id: string) =>
  db.update(accounts).set({ failedLogins: 0, lockedUntil: null }).where(eq(accounts.id, id))

export const insertSession = async (
  db: Database,
  session: { tokenHash: string; accountId: string; createdAt: Date; expiresAt: Date },
) => db.insert(sessions).values(session)

/** The account behind a live session, or nothing when the session is unknown or expired. */
export const findSessionAccount = async (
  db: Database,
  tokenHash: string,
  now: Date,
): Promise<AccountRow | undefined> => {
  const [row] = await db
    .select({ account: accounts })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)))
  return row && toAccount(row.account)
}

export const deleteSession = async (db: Database, tokenHash: string) =>
  db.delete(sessions).where(eq(sessions.tokenHash, tokenHash))

export const deleteExpiredSessions = async (db: Database, now: Date) =>
  db.delete(sessions).where(lt(sessions.expiresAt, now))
