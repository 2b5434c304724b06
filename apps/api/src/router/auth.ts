import {
  clearFailedLogins,
  deleteSession,
  findAccountByUsername,
  insertSession,
  recordFailedLogin,
} from "@firegrid/db"
import { ADMIN_ROLE_LABEL } from "@firegrid/domain"
import { TRPCError } from "@trpc/server"
import { Schema } from "effect"
import { verifyPassword } from "../auth/password.ts"
import {
  clearedSessionCookie,
  hashToken,
  LOCKOUT_MS,
  MAX_FAILED_LOGINS,
  newSessionToken,
  SESSION_TTL_MS,
  sessionCookie,
} from "../auth/session.ts"
import { publicProcedure, router } from "../trpc.ts"
import { required, standard, Text } from "./input.ts"

export const Login = Schema.Struct({
  username: required(Text("用户名", 64), "请输入用户名"),
  password: required(Text("密码", 200), "请输入密码"),
})

// Spent on unknown usernames too, so response time does not tell which usernames exist.
const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
const WRONG = "用户名或密码错误"

const whoAmI = (account: {
  username: string
  displayName: string
  role: keyof typeof ADMIN_ROLE_LABEL
  gridId: string
}) => ({
  username: account.username,
  displayName: account.displayName,
  role: account.role,
  roleLabel: ADMIN_ROLE_LABEL[account.role],
  gridId: account.gridId,
})

export const authRouter = router({
  login: publicProcedure.input(standard(Login)).mutation(async ({ ctx, input }) => {
    const db = ctx.database.db
    const now = ctx.now()
    const account = await findAccountByUsername(db, input.username.trim())
    if (!account) {
      await verifyPassword(input.password, DUMMY_HASH)
      throw new TRPCError({ code: "UNAUTHORIZED", message: WRONG })
    }
    if (account.lockedUntil && account.lockedUntil > now) {
      const minutes = Math.ceil((account.lockedUntil.getTime() - now.getTime()) / 60_000)
      throw new TRPCError({
        code: "TOO_MANY_REQUESTS",
        message: `登录失败次数过多，账号已锁定，请 ${minutes} 分钟后再试`,
      })
    }
    if (!(await verifyPassword(input.password, account.passwordHash))) {
      const failed = account.failedLogins + 1
      const locked = failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCKOUT_MS) : null
      await recordFailedLogin(db, account.id, locked ? 0 : failed, locked)
      throw new TRPCError({
        code: locked ? "TOO_MANY_REQUESTS" : "UNAUTHORIZED",
        message: locked ? `连续 ${MAX_FAILED_LOGINS} 次密码错误，账号已锁定 15 分钟` : WRONG,
      })
    }
    await clearFailedLogins(db, account.id)
    const token = newSessionToken()
    await insertSession(db, {
      tokenHash: hashToken(token),
      accountId: account.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
    })
    ctx.setCookie(sessionCookie(token, ctx.secure))
    return whoAmI(account)
  }),

  logout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionTokenHash) await deleteSession(ctx.database.db, ctx.sessionTokenHash)
    ctx.setCookie(clearedSessionCookie(ctx.secure))
    return { ok: true }
  }),

  /** The signed-in admin, or null: pages use it to decide between the login form and the app. */
  me: publicProcedure.query(({ ctx }) => (ctx.account ? whoAmI(ctx.account) : null)),
})
