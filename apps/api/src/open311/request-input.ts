import type { Grid, GridId } from "@firegrid/domain"
import { HazardCategory } from "@firegrid/domain"
import { Either, ParseResult, Schema } from "effect"
import { OptionalText, required, Text } from "../router/input.ts"
import type { TipSubmission } from "../services/tips.ts"

/** One GeoReport error, `[{ code, description }]` on the wire. */
export interface Open311Problem {
  readonly code: number
  readonly description: string
}

const bad = (description: string): Open311Problem => ({ code: 400, description })

/** The request's parameters as flat strings, however they came (form fields or JSON). */
export type Open311Fields = Readonly<Record<string, string>>

const scalar = (value: unknown): string | undefined =>
  typeof value === "string"
    ? value
    : typeof value === "number" && Number.isFinite(value)
      ? String(value)
      : undefined

/**
 * Flattens a form body or a JSON object into `name → text`. JSON clients may nest attributes
 * (`{"attribute": {"zone": …}}`); form clients write `attribute[zone]`. Empty fields count as absent,
 * as a blank form input means "not given".
 */
export const flattenFields = (body: unknown): Either.Either<Open311Fields, Open311Problem[]> => {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return Either.left([bad("请求体应为表单字段或 JSON 对象")])
  const out: Record<string, string> = {}
  const problems: Open311Problem[] = []
  const put = (name: string, value: unknown) => {
    if (value === undefined || value === null || value === "") return
    if (Array.isArray(value) && value.length === 1) return put(name, value[0])
    const text = scalar(value)
    if (text === undefined) problems.push(bad(`${name} 应为文字或数字`))
    else if (text !== "") out[name] = text
  }
  for (const [name, value] of Object.entries(body)) {
    if (name === "attribute" && typeof value === "object" && value !== null && !Array.isArray(value))
      for (const [code, v] of Object.entries(value)) put(`attribute[${code}]`, v)
    else put(name, value)
  }
  return problems.length > 0 ? Either.left(problems) : Either.right(out)
}

const Coordinate = (name: string, min: number, max: number) =>
  Schema.NumberFromString.pipe(Schema.between(min, max)).annotations({
    message: () => ({ message: `${name} 应为 ${min} 到 ${max} 之间的数字`, override: true }),
  })

const HttpUrl = Text("media_url（图片链接）", 500).pipe(
  Schema.filter((s) => /^https?:\/\/[^\s]+$/i.test(s.trim()), {
    message: () => "media_url 应为 http:// 或 https:// 开头的网址",
  }),
)

const Email = Text("email（电子邮箱）", 100).pipe(
  Schema.filter((s) => /^[^\s@]+@[^\s@]+$/.test(s.trim()), { message: () => "email 不是有效的电子邮箱" }),
)

/** POST requests (GeoReport v2), with the standard parameter names and Chinese messages. */
const ServiceRequest = Schema.Struct({
  service_code: required(
    HazardCategory.annotations({
      message: () => ({ message: "service_code 不是本辖区的服务代码（见 services.json）", override: true }),
    }),
    "缺少 service_code（服务代码，见 services.json）",
  ),
  lat: Schema.optional(Coordinate("lat（纬度）", -90, 90)),
  long: Schema.optional(Coordinate("long（经度）", -180, 180)),
  address_string: OptionalText("address_string（地址）", 200),
  "attribute[zone]": OptionalText("attribute[zone]（责任片区）", 64),
  description: required(Text("description（隐患描述）", 2000), "请填写 description（隐患描述）"),
  email: Schema.optional(Email),
  phone: OptionalText("phone（电话）", 30),
  first_name: OptionalText("first_name（名）", 30),
  last_name: OptionalText("last_name（姓）", 30),
  media_url: Schema.optional(HttpUrl),
  // Accepted and not needed: filing is open to the public, and there is one jurisdiction.
  api_key: OptionalText("api_key", 200),
  jurisdiction_id: OptionalText("jurisdiction_id", 200),
  device_id: OptionalText("device_id", 200),
  account_id: OptionalText("account_id", 200),
})
type ServiceRequest = typeof ServiceRequest.Type

/**
 * A zone named in a free-text address, for filers with neither a position nor a picked zone: the
 * longest zone name the address contains, if exactly one zone has it. There is no geocoder here.
 */
const zoneNamedIn = (address: string, grids: ReadonlyArray<Grid>): GridId | undefined => {
  const named = grids.filter((g) => g.level === "small" && address.includes(g.name))
  const longest = Math.max(0, ...named.map((g) => g.name.length))
  const best = named.filter((g) => g.name.length === longest)
  return best.length === 1 ? best[0]!.id : undefined
}

/** The zone given as its grid code (as services.json lists it) or as its id. */
const zoneByKey = (key: string, grids: ReadonlyArray<Grid>): string =>
  grids.find((g) => g.code === key)?.id ?? key

const contactOf = (r: ServiceRequest): string | undefined => {
  // Chinese order: family name first.
  const name = `${r.last_name?.trim() ?? ""}${r.first_name?.trim() ?? ""}`
  const parts = [name, r.phone?.trim(), r.email?.trim()].filter((p): p is string => !!p)
  return parts.length > 0 ? parts.join(" ") : undefined
}

/** Decodes a GeoReport `POST requests` into the same submission the public page files. */
export const decodeServiceRequest = (
  fields: Open311Fields,
  grids: ReadonlyArray<Grid>,
): Either.Either<TipSubmission, Open311Problem[]> => {
  const decoded = Schema.decodeUnknownEither(ServiceRequest, { errors: "all" })(fields)
  if (Either.isLeft(decoded))
    return Either.left(
      ParseResult.ArrayFormatter.formatErrorSync(decoded.left).map((issue) => bad(issue.message)),
    )
  const r = decoded.right
  const problems: Open311Problem[] = []
  if ((r.lat === undefined) !== (r.long === undefined)) problems.push(bad("lat 与 long 须同时提供"))
  const point = r.lat !== undefined && r.long !== undefined ? ([r.long, r.lat] as const) : undefined
  const address = r.address_string?.trim() || undefined
  const zone = r["attribute[zone]"]?.trim() || undefined
  const gridId = zone
    ? zoneByKey(zone, grids)
    : point === undefined && address !== undefined
      ? zoneNamedIn(address, grids)
      : undefined
  if (point === undefined && gridId === undefined && problems.length === 0)
    problems.push(
      bad(
        address === undefined
          ? "请提供隐患位置：lat 和 long，或 attribute[zone]（责任片区），或 address_string（地址）"
          : "无法从 address_string 确定责任片区，请同时提供 attribute[zone]（责任片区）或 lat/long",
      ),
    )
  const contact = contactOf(r)
  if (contact !== undefined && [...contact].length > 100)
    problems.push(bad("联系方式（姓名、电话、邮箱）合计不能超过 100 字"))
  if (problems.length > 0) return Either.left(problems)
  return Either.right({
    gridId,
    point,
    category: r.service_code,
    description: r.description.trim(),
    mediaUrl: r.media_url?.trim(),
    address,
    contact,
  })
}
