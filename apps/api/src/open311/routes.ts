import { findTipByCode, loadGrids, searchTips } from "@firegrid/db"
import { replayTip, tipOpen311Status } from "@firegrid/domain"
import { TRPCError } from "@trpc/server"
import { Either } from "effect"
import type { Context, Hono } from "hono"
import { bodyLimit } from "hono/body-limit"
import { cors } from "hono/cors"
import type { AppServices } from "../context.ts"
import { classifyError } from "../errors.ts"
import { normalizeTrackingCode } from "../tracking-code.ts"
import { FieldError } from "../trpc.ts"
import { decodeServiceRequest, flattenFields, type Open311Problem } from "./request-input.ts"
import { decodeRequestQuery } from "./request-query.ts"
import { serviceRequestView } from "./request-view.ts"
import { isServiceCode, serviceDefinition, serviceList } from "./services.ts"

export const OPEN311_BASE = "/open311/v2"
/** When this endpoint's behaviour last changed, for discovery's `changeset`. */
const CHANGESET = "2026-03-01T00:00:00+08:00"
/** The most requests one list answer carries (the spec lets a server cap it). */
const MAX_LISTED = 1000
const SCANNED = 20_000

/** Which of our fields an Open311 client knows under which name, for error descriptions. */
const PARAMETER: Record<string, string> = {
  gridId: "attribute[zone]",
  point: "lat/long",
  category: "service_code",
  description: "description",
  contact: "email/phone",
}

type Status = 400 | 404 | 429 | 503

class Open311Failure extends Error {
  constructor(
    readonly status: Status,
    readonly problems: ReadonlyArray<Open311Problem>,
  ) {
    super(problems.map((p) => p.description).join("; "))
  }
}

const fail = (status: Status, description: string): never => {
  throw new Open311Failure(status, [{ code: status, description }])
}

/** `name.json` → name; `.xml` is optional in GeoReport v2 and not offered here. */
const resource = (file: string | undefined): string => {
  const match = /^(.+?)(?:\.(json|xml))?$/.exec(file ?? "")
  if (match?.[2] === "xml") fail(400, "仅支持 JSON 格式，请使用 .json")
  return match?.[1] ?? ""
}

/** Turns what went wrong into GeoReport's `[{ code, description }]` with the matching HTTP status. */
const answerFailure = (c: Context, error: unknown) => {
  if (error instanceof Open311Failure) return c.json(error.problems, error.status)
  const classified = classifyError(error)
  if (classified instanceof TRPCError) {
    const cause = classified.cause
    if (classified.code === "BAD_REQUEST" && cause instanceof FieldError)
      return c.json(
        cause.issues.map((i) => ({
          code: 400,
          description: `${PARAMETER[String(i.path[0])] ?? String(i.path[0] ?? "")}：${i.message}`,
        })),
        400,
      )
    const status = ({ BAD_REQUEST: 400, NOT_FOUND: 404, SERVICE_UNAVAILABLE: 503 } as const)[
      classified.code as "BAD_REQUEST"
    ]
    if (status) return c.json([{ code: status, description: classified.message }], status)
  }
  throw error
}

const guarded =
  (handler: (c: Context) => Promise<Response>) =>
  async (c: Context): Promise<Response> => {
    try {
      return await handler(c)
    } catch (error) {
      return answerFailure(c, error)
    }
  }

const readBody = async (c: Context): Promise<unknown> => {
  if ((c.req.header("content-type") ?? "").includes("application/json")) {
    try {
      return await c.req.json()
    } catch {
      return fail(400, "请求体不是有效的 JSON")
    }
  }
  return c.req.parseBody({ all: true })
}

const openStatusOf = (stored: Parameters<typeof serviceRequestView>[0]) =>
  Either.match(replayTip(stored.tip, stored.events), {
    onLeft: () => "open" as const,
    onRight: tipOpen311Status,
  })

/**
 * Open311 GeoReport v2 (STYLE §3, SPEC §4): the same filing path as the public page — routing, the
 * rate limit, the archive — spoken in the standard an existing 311 app already speaks.
 */
export const mountOpen311 = (http: Hono, services: AppServices, addressOf: (c: Context) => string) => {
  const db = services.database.db
  http.use(`${OPEN311_BASE}/*`, cors({ origin: "*", allowMethods: ["GET", "POST"] }))

  http.get(
    `${OPEN311_BASE}/:file`,
    guarded(async (c) => {
      const name = resource(c.req.param("file"))
      if (name === "discovery")
        return c.json({
          changeset: CHANGESET,
          contact: "县防火安全委员会办公室",
          key_service: "公众举报无需 api_key",
          endpoints: [
            {
              specification: "http://wiki.open311.org/GeoReport_v2",
              url: `${new URL(c.req.url).origin}${OPEN311_BASE}`,
              changeset: CHANGESET,
              type: "production",
              formats: ["application/json"],
            },
          ],
        })
      if (name === "services") return c.json(serviceList())
      if (name === "requests") {
        const query = decodeRequestQuery(c.req.query(), services.now())
        if (Either.isLeft(query)) throw new Open311Failure(400, query.left)
        const { search, statuses } = query.right
        const found = await searchTips(db, search, SCANNED)
        const listed = found.filter((t) => statuses === null || statuses.has(openStatusOf(t)))
        return c.json(listed.slice(0, MAX_LISTED).map(serviceRequestView))
      }
      return fail(404, `没有 ${name} 这一资源`)
    }),
  )

  http.get(
    `${OPEN311_BASE}/services/:file`,
    guarded(async (c) => {
      const code = resource(c.req.param("file"))
      if (!isServiceCode(code)) return fail(404, `没有服务代码为 ${code} 的服务`)
      return c.json(serviceDefinition(code, await loadGrids(db)))
    }),
  )

  http.get(
    `${OPEN311_BASE}/requests/:file`,
    guarded(async (c) => {
      const stored = await findTipByCode(db, normalizeTrackingCode(resource(c.req.param("file"))))
      if (!stored) return fail(404, "未找到该查询码对应的举报")
      return c.json([serviceRequestView(stored)])
    }),
  )

  // Requests get their id at once, so a token is the id itself; clients that ask still get an answer.
  http.get(
    `${OPEN311_BASE}/tokens/:file`,
    guarded(async (c) => {
      const token = resource(c.req.param("file"))
      const stored = await findTipByCode(db, normalizeTrackingCode(token))
      if (!stored) return fail(404, "未找到该 token 对应的举报")
      return c.json([{ service_request_id: stored.tip.trackingCode, token }])
    }),
  )

  http.post(
    `${OPEN311_BASE}/:file`,
    bodyLimit({
      maxSize: 64 * 1024,
      onError: (c) => c.json([{ code: 413, description: "请求体过大" }], 413),
    }),
    guarded(async (c) => {
      if (resource(c.req.param("file")) !== "requests") return fail(404, "只能向 requests 提交举报")
      // The same allowance per address as the public page: one limiter for both doors.
      const decision = services.tipLimiter.take(addressOf(c), services.now().getTime())
      if (!decision.allowed) {
        c.header("Retry-After", String(decision.retryAfterSeconds))
        return fail(429, `提交过于频繁，请 ${Math.ceil(decision.retryAfterSeconds / 60)} 分钟后再试`)
      }
      const fields = flattenFields(await readBody(c))
      if (Either.isLeft(fields)) throw new Open311Failure(400, fields.left)
      const submission = decodeServiceRequest(fields.right, await loadGrids(db))
      if (Either.isLeft(submission)) throw new Open311Failure(400, submission.left)
      const filed = await services.tipDesk.file(submission.right, services.now(), services.today())
      return c.json(
        [
          {
            service_request_id: filed.trackingCode,
            service_notice: "举报已收到，请保存查询码以便查看处理进度",
            account_id: null,
          },
        ],
        201,
      )
    }),
  )
}
