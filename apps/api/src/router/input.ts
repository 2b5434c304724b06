import { Schema } from "effect"

/** Decoding options for every procedure input: report every bad field at once, not just the first. */
export const standard = <A, I>(schema: Schema.Schema<A, I, never>) =>
  Schema.standardSchemaV1(schema, { errors: "all" })

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
