import type { TipSearch } from "@firegrid/db"
import type { HazardCategory } from "@firegrid/domain"
import { Either } from "effect"
import { normalizeTrackingCode } from "../tracking-code.ts"
import type { Open311Problem } from "./request-input.ts"
import { isServiceCode } from "./services.ts"

const DAY_MS = 24 * 60 * 60 * 1000
/** GeoReport v2: a list covers at most 90 days, the last 90 by default. */
export const MAX_WINDOW_DAYS = 90
const MAX_CODES = 100

export type Open311Status = "open" | "closed"

export interface RequestQuery {
  readonly search: TipSearch
  readonly statuses: ReadonlySet<Open311Status> | null
}

const bad = (description: string): Open311Problem => ({ code: 400, description })
const listOf = (value: string | undefined) =>
  value === undefined
    ? []
    : value
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "")

const dateParam = (name: string, value: string | undefined, problems: Open311Problem[]) => {
  if (value === undefined || value.trim() === "") return undefined
  // ISO 8601 only: Date.parse would also take "March 5", which no 311 client sends on purpose.
  const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim())
  const at = new Date(value.trim())
  if (!iso || Number.isNaN(at.getTime())) {
    problems.push(bad(`${name} 应为 ISO 8601 时间，例如 2026-03-01T00:00:00+08:00`))
    return undefined
  }
  return at
}

/** Decodes `GET requests` (service_request_id, service_code, start_date, end_date, status). */
export const decodeRequestQuery = (
  params: Readonly<Record<string, string | undefined>>,
  now: Date,
): Either.Either<RequestQuery, Open311Problem[]> => {
  const problems: Open311Problem[] = []
  const statusList = listOf(params.status)
  const unknownStatus = statusList.filter((s) => s !== "open" && s !== "closed")
  if (unknownStatus.length > 0)
    problems.push(bad(`status 只能是 open 或 closed，收到：${unknownStatus.join(",")}`))
  const statuses = statusList.length > 0 ? new Set(statusList as Open311Status[]) : null

  const codes = listOf(params.service_request_id)
  if (codes.length > MAX_CODES) problems.push(bad(`service_request_id 一次最多 ${MAX_CODES} 个`))
  if (codes.length > 0) {
    // The spec: a list of ids overrides every other filter (except how results are shown).
    return problems.length > 0
      ? Either.left(problems)
      : Either.right({ search: { trackingCodes: codes.map(normalizeTrackingCode) }, statuses })
  }

  const serviceCodes = listOf(params.service_code)
  const unknownCodes = serviceCodes.filter((c) => !isServiceCode(c))
  if (unknownCodes.length > 0)
    problems.push(bad(`service_code 不是本辖区的服务代码（见 services.json）：${unknownCodes.join(",")}`))
  const start = dateParam("start_date", params.start_date, problems)
  const end = dateParam("end_date", params.end_date, problems)
  if (problems.length > 0) return Either.left(problems)

  const filedTo =
    end ?? (start ? new Date(Math.min(start.getTime() + MAX_WINDOW_DAYS * DAY_MS, now.getTime())) : now)
  const filedFrom = start ?? new Date(filedTo.getTime() - MAX_WINDOW_DAYS * DAY_MS)
  if (filedFrom > filedTo) return Either.left([bad("start_date 不能晚于 end_date")])
  if (filedTo.getTime() - filedFrom.getTime() > MAX_WINDOW_DAYS * DAY_MS)
    return Either.left([bad(`start_date 与 end_date 相隔不能超过 ${MAX_WINDOW_DAYS} 天`)])
  return Either.right({
    search: {
      filedFrom,
      filedTo,
      categories: serviceCodes.length > 0 ? (serviceCodes as HazardCategory[]) : undefined,
    },
    statuses,
  })
}
