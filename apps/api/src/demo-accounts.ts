import { type Database, findAccountByUsername, insertAccount, listAccounts } from "@firegrid/db"
import { ADMIN_ROLE_LABEL, type AdminRole } from "@firegrid/domain"
import { hashPassword, verifyPassword } from "./auth/password.ts"

/** One login per role for the demo county, all with the same password, printed by `npm start`. */
export const DEMO_PASSWORD = "firegrid-demo"

export const DEMO_ACCOUNTS: ReadonlyArray<{
  readonly username: string
  readonly displayName: string
  readonly role: AdminRole
  readonly gridId: string
}> = [
  { username: "county", displayName: "县防火安全委员会办公室", role: "countyAdmin", gridId: "county" },
  { username: "gaocheng", displayName: "告成镇安监办", role: "townshipAdmin", gridId: "town-gaocheng" },
  { username: "quhe", displayName: "曲河村村委会", role: "villageAdmin", gridId: "v03" },
  { username: "quhe-2", displayName: "曲河村第二村民小组", role: "zoneLeader", gridId: "v03-z2" },
  { username: "inspector", displayName: "告成镇专职安检员", role: "inspector", gridId: "town-gaocheng" },
  { username: "brigade", displayName: "县消防救援大队", role: "fireBrigade", gridId: "county" },
  { username: "police", displayName: "告成派出所", role: "policeStation", gridId: "town-gaocheng" },
]

/** Creates the demo logins in a database that has no account yet; returns whether it did. */
export const createDemoAccountsIfNone = async (db: Database, at: Date): Promise<boolean> => {
  if ((await listAccounts(db)).length > 0) return false
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  for (const account of DEMO_ACCOUNTS)
    await insertAccount(db, { id: `acct-${account.username}`, passwordHash, ...account }, at, "system:demo")
  return true
}

/** The demo logins that still exist with the demo password, so `npm start` never prints a stale one. */
export const demoLoginsStillValid = async (db: Database) => {
  const out: Array<(typeof DEMO_ACCOUNTS)[number] & { roleLabel: string }> = []
  for (const demo of DEMO_ACCOUNTS) {
    const account = await findAccountByUsername(db, demo.username)
    if (account && (await verifyPassword(DEMO_PASSWORD, account.passwordHash)))
      out.push({ ...demo, roleLabel: ADMIN_ROLE_LABEL[demo.role] })
  }
  return out
}
