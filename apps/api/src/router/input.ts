import { ParseResult, Schema } from "effect"
import { badFields, type FieldIssue } from "../trpc.ts"

/** Decoding options for every procedure input: report every bad field at once, not just the first. */
export const standard = <A, I>(schema: Schema.Schema<A, I, never>) =>
  Schema.standardSchemaV1(schema, { errors: "all" })

/**
 * A parser for inputs that may arrive as multipart form data (photos): `fromForm` turns the FormData into
 * the plain shape first; the schema then decodes either kind, with the same field messages. `alsoCheck`
 * adds rules across fields (e.g. "a zone or a point"), reported together with the schema's issues.
 */
export const formOrJson = <A, I>(
  schema: Schema.Schema<A, I, never>,
  fromForm: (form: FormData) => unknown,
  alsoCheck: (input: Record<string, unknown>) => ReadonlyArray<FieldIssue> = () => [],
) => {
  const decode = Schema.decodeUnknownEither(schema, { errors: "all" })
  return (raw: unknown): A => {
    const plain = raw instanceof FormData ? fromForm(raw) : raw
    const decoded = decode(plain)
    const crossField =
      typeof plain === "object" && plain !== null ? alsoCheck(plain as Record<string, unknown>) : []
    if (decoded._tag === "Right" && crossField.length === 0) return decoded.right
    const schemaIssues =
      decoded._tag === "Left"
        ? ParseResult.ArrayFormatter.formatErrorSync(decoded.left).map((issue) => ({
            path: issue.path.map((p) => (typeof p === "number" ? p : String(p))),
            message: issue.message,
          }))
        : []
    throw badFields([...schemaIssues, ...crossField])
  }
}

const charCount = (s: string) => [...s].length

/** Free text a person types, with messages in Chinese for the page to show beside the field. */
export const Text = (label: string, max: number) =>
  Schema.String.annotations({ message: () => `${label}应为文字` }).pipe(
    Schema.filter((s) => s.trim().length > 0, { message: () => `请填写${label}` }),
    Schema.filter((s) => charCount(s) <= max, { message: () => `${label}不能超过 ${max} 字` }),
  )

export const OptionalText = (label: string, max: number) =>
  Schema.optional(
    Schema.String.annotations({ message: () => `${label}应为文字` }).pipe(
      Schema.filter((s) => charCount(s) <= max, { message: () => `${label}不能超过 ${max} 字` }),
    ),
  )

export const required = <S extends Schema.Schema.Any>(schema: S, message: string) =>
  Schema.propertySignature(schema).annotations({ missingMessage: () => message })

/** One of a fixed list, with one message whatever was wrong. */
export const choice = <S extends Schema.Schema.Any>(schema: S, message: string) =>
  required(schema.annotations({ message: () => ({ message, override: true }) }) as unknown as S, message)

/** A map position as [longitude, latitude]. */
export const Point = Schema.Tuple(
  Schema.Number.pipe(Schema.between(-180, 180)),
  Schema.Number.pipe(Schema.between(-90, 90)),
).annotations({ message: () => ({ message: "位置应为有效的经纬度", override: true }) })
