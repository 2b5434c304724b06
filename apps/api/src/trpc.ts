import { ADMIN_ROLE_LABEL, type AdminRole } from "@firegrid/domain"
import { initTRPC, StandardSchemaV1Error, TRPCError } from "@trpc/server"
import type { AppContext } from "./context.ts"
import { classifyError } from "./errors.ts"

/** A problem with one input field, shown next to that field on the page. */
export interface FieldIssue {
  readonly path: ReadonlyArray<string | number>
  readonly message: string
}

/** Raised by procedures for a domain refusal that belongs to a field (e.g. an unknown grid). */
export class FieldError extends Error {
  constructor(readonly issues: ReadonlyArray<FieldIssue>) {
    super(issues.map((i) => i.message).join("；"))
  }
}

export const badFields = (issues: ReadonlyArray<FieldIssue>): TRPCError =>
  new TRPCError({
    code: "BAD_REQUEST",
    message: issues.map((i) => i.message).join("；"),
    cause: new FieldError(issues),
  })

export const badField = (path: string, message: string): TRPCError => badFields([{ path: [path], message }])

const pathOf = (path: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined) =>
  (path ?? []).map((p) => {
    const key = typeof p === "object" ? p.key : p
    return typeof key === "number" ? key : String(key)
  })

/** Field issues anywhere in the cause chain (tRPC wraps a throwing input parser once more). */
const issuesOf = (cause: unknown): ReadonlyArray<FieldIssue> | null => {
  for (let e = cause, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof StandardSchemaV1Error)
      return e.issues.map((i) => ({ path: pathOf(i.path), message: i.message }))
    if (e instanceof FieldError) return e.issues
  }
  return null
}

const t = initTRPC.context<AppContext>().create({
  errorFormatter({ shape, error }) {
    const issues = issuesOf(error.cause)
    return {
      ...shape,
      message: issues ? issues.map((i) => i.message).join("；") : shape.message,
      data: { ...shape.data, stack: undefined, issues },
    }
  },
})

export const router = t.router

/** Every procedure starts here, so no database outage ever surfaces as a 500. */
export const publicProcedure = t.procedure.use(async ({ next }) => {
  const result = await next()
  if (!result.ok) {
    const classified = classifyError(result.error)
    if (classified !== result.error) throw classified
  }
  return result
})

/** Public filing: each client address gets so many per window, then 429 with Retry-After. */
export const rateLimitedProcedure = publicProcedure.use(({ ctx, next }) => {
  const decision = ctx.tipLimiter.take(ctx.clientAddress, ctx.now().getTime())
  if (!decision.allowed) {
    ctx.setHeader("Retry-After", String(decision.retryAfterSeconds))
    throw new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message: `提交过于频繁，请 ${Math.ceil(decision.retryAfterSeconds / 60)} 分钟后再试`,
    })
  }
  return next()
})

/** Any signed-in admin; the account is non-null from here on. */
export const signedInProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.account) throw new TRPCError({ code: "UNAUTHORIZED", message: "请先登录" })
  return next({ ctx: { ...ctx, account: ctx.account } })
})
export const createCallerFactory = t.createCallerFactory

/** A signed-in admin holding one of `roles` (SPEC §2: who does which duty); anyone else is FORBIDDEN. */
export const roleProcedure = (...roles: ReadonlyArray<AdminRole>) =>
  signedInProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.account.role))
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `「${ADMIN_ROLE_LABEL[ctx.account.role]}」无权执行此操作`,
      })
    return next()
  })
