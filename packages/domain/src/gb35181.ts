import { Either, Schema } from "effect"

/**
 * GB 35181 重大火灾隐患判定 (H-6) as data plus a small engine. The standard says a place has a major fire
 * hazard when it shows any one *direct* element, or enough *comprehensive* elements for its kind of place.
 * The lists and thresholds live in one data file per edition (`gb35181-2025.data.ts`), each entry marked
 * `confirmed` or `unconfirmed`, so they can be corrected against the official text without touching code.
 */

export const Gb35181Confidence = Schema.Literal("confirmed", "unconfirmed")
export type Gb35181Confidence = typeof Gb35181Confidence.Type

/** The kinds of place the thresholds distinguish. */
export const Gb35181PlaceType = Schema.Literal("crowded", "flammable", "other")
export type Gb35181PlaceType = typeof Gb35181PlaceType.Type

export const GB35181_PLACE_TYPE_LABEL: Record<Gb35181PlaceType, string> = {
  crowded: "人员密集场所",
  flammable: "易燃易爆危险品场所",
  other: "其他场所",
}

export const Gb35181Element = Schema.Struct({
  /** Stable code used by findings, e.g. "D6.1" or "C7.3.6" (the clause of the 2017 edition it came from). */
  code: Schema.String,
  kind: Schema.Literal("direct", "comprehensive"),
  /** Comprehensive elements only: the chapter they belong to (总平面布局, 防火分隔, 安全疏散 …). */
  category: Schema.optional(Schema.String),
  text: Schema.String,
  /** Clause numbers in each edition where known; null = not checked against that edition's text. */
  clause2017: Schema.NullOr(Schema.String),
  clause2025: Schema.NullOr(Schema.String),
  confidence: Gb35181Confidence,
})
export type Gb35181Element = typeof Gb35181Element.Type

/** "At least `atLeast` of `elements` (or of any comprehensive element) for these place types ⇒ major." */
export const Gb35181Threshold = Schema.Struct({
  id: Schema.String,
  placeTypes: Schema.Array(Gb35181PlaceType),
  elements: Schema.Union(Schema.Literal("any"), Schema.Array(Schema.String)),
  atLeast: Schema.Int,
  text: Schema.String,
  confidence: Gb35181Confidence,
})
export type Gb35181Threshold = typeof Gb35181Threshold.Type

export const Gb35181ExclusionCode = Schema.Literal(
  "outOfUse",
  "expertApprovedMeasures",
  "cannotCauseMajorFire",
)
export type Gb35181ExclusionCode = typeof Gb35181ExclusionCode.Type

export const Gb35181Exclusion = Schema.Struct({
  code: Gb35181ExclusionCode,
  text: Schema.String,
  confidence: Gb35181Confidence,
})
export type Gb35181Exclusion = typeof Gb35181Exclusion.Type

export const Gb35181Rules = Schema.Struct({
  edition: Schema.String,
  title: Schema.String,
  issuedOn: Schema.String,
  effectiveFrom: Schema.String,
  replaces: Schema.NullOr(Schema.String),
  /** What is known to differ from the text these lists were taken from, for whoever corrects them. */
  notes: Schema.Array(Schema.String),
  elements: Schema.Array(Gb35181Element),
  thresholds: Schema.Array(Gb35181Threshold),
  exclusions: Schema.Array(Gb35181Exclusion),
})
export type Gb35181Rules = typeof Gb35181Rules.Type

/** One element found on site; elements that were fixed on the spot are not counted (2017 §5.1.3 principle). */
export interface Gb35181Finding {
  readonly code: string
  readonly fixedOnSpot?: boolean
}

export interface Gb35181Input {
  /** A place can be both crowded and flammable; an empty list means "other". */
  readonly placeTypes: ReadonlyArray<Gb35181PlaceType>
  readonly findings: ReadonlyArray<Gb35181Finding>
  readonly exclusions: ReadonlyArray<Gb35181ExclusionCode>
}

/** The verdict and why: which elements, which threshold, and whether any entry used is unconfirmed. */
export type Gb35181Verdict =
  | {
      readonly _tag: "Excluded"
      readonly exclusions: ReadonlyArray<Gb35181Exclusion>
      readonly explanation: ReadonlyArray<string>
      readonly reliesOnUnconfirmed: boolean
    }
  | {
      readonly _tag: "MajorByDirectElement"
      readonly elements: ReadonlyArray<Gb35181Element>
      readonly explanation: ReadonlyArray<string>
      readonly reliesOnUnconfirmed: boolean
    }
  | {
      readonly _tag: "MajorByComprehensiveElements"
      readonly threshold: Gb35181Threshold
      readonly counted: ReadonlyArray<Gb35181Element>
      readonly explanation: ReadonlyArray<string>
      readonly reliesOnUnconfirmed: boolean
    }
  | {
      readonly _tag: "NotMajor"
      readonly counts: ReadonlyArray<{ readonly threshold: Gb35181Threshold; readonly count: number }>
      readonly explanation: ReadonlyArray<string>
      readonly reliesOnUnconfirmed: boolean
    }

export const isMajorVerdict = (v: Gb35181Verdict): boolean =>
  v._tag === "MajorByDirectElement" || v._tag === "MajorByComprehensiveElements"

export class UnknownGb35181Element extends Schema.TaggedError<UnknownGb35181Element>()(
  "UnknownGb35181Element",
  {
    edition: Schema.String,
    codes: Schema.Array(Schema.String),
  },
) {
  override get message(): string {
    return `${this.edition} 中没有判定要素 ${this.codes.join("、")} / unknown ${this.edition} element(s): ${this.codes.join(", ")}`
  }
}

const mark = (c: Gb35181Confidence) => (c === "confirmed" ? "" : "（待核对原文）")

/**
 * Applies the rules: exclusions first (the place is out of use, expert-approved measures are in place …),
 * then direct elements (any one ⇒ major), then each threshold that applies to the place type. The
 * explanation lists every element and threshold used, flagging entries not yet checked against the
 * official text.
 */
export const judgeMajorHazard = (
  rules: Gb35181Rules,
  input: Gb35181Input,
): Either.Either<Gb35181Verdict, UnknownGb35181Element> => {
  const byCode = new Map(rules.elements.map((e) => [e.code, e] as const))
  const unknown = input.findings.map((f) => f.code).filter((c) => !byCode.has(c))
  if (unknown.length > 0)
    return Either.left(new UnknownGb35181Element({ edition: rules.edition, codes: unknown }))

  const exclusions = rules.exclusions.filter((x) => input.exclusions.includes(x.code))
  if (exclusions.length > 0)
    return Either.right({
      _tag: "Excluded",
      exclusions,
      reliesOnUnconfirmed: exclusions.every((x) => x.confidence === "unconfirmed"),
      explanation: exclusions.map(
        (x) => `不判定为重大火灾隐患：${x.text}${mark(x.confidence)}（${rules.edition}）`,
      ),
    })

  const counted = [...new Set(input.findings.filter((f) => !f.fixedOnSpot).map((f) => f.code))]
    .map((c) => byCode.get(c)!)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
  const skipped = input.findings.filter((f) => f.fixedOnSpot).map((f) => f.code)
  const skippedLine = skipped.length > 0 ? [`当场改正的不作为判定要素：${skipped.join("、")}`] : []

  const direct = counted.filter((e) => e.kind === "direct")
  if (direct.length > 0)
    return Either.right({
      _tag: "MajorByDirectElement",
      elements: direct,
      reliesOnUnconfirmed: direct.every((e) => e.confidence === "unconfirmed"),
      explanation: [
        ...direct.map((e) => `直接判定要素 ${e.code}：${e.text}${mark(e.confidence)}`),
        `符合任一直接判定要素即判定为重大火灾隐患（${rules.edition}）`,
        ...skippedLine,
      ],
    })

  const places = input.placeTypes.length === 0 ? (["other"] as const) : input.placeTypes
  const comprehensive = counted.filter((e) => e.kind === "comprehensive")
  const applicable = rules.thresholds.filter((t) => t.placeTypes.some((p) => places.includes(p)))
  const counts = applicable.map((threshold) => {
    const hits =
      threshold.elements === "any"
        ? comprehensive
        : comprehensive.filter((e) => (threshold.elements as ReadonlyArray<string>).includes(e.code))
    return { threshold, hits }
  })
  const met = counts.find((c) => c.hits.length >= c.threshold.atLeast)
  if (met !== undefined)
    return Either.right({
      _tag: "MajorByComprehensiveElements",
      threshold: met.threshold,
      counted: met.hits,
      reliesOnUnconfirmed:
        met.threshold.confidence === "unconfirmed" || met.hits.some((e) => e.confidence === "unconfirmed"),
      explanation: [
        ...met.hits.map(
          (e) => `综合判定要素 ${e.code}（${e.category ?? ""}）：${e.text}${mark(e.confidence)}`,
        ),
        `${met.threshold.text}：共 ${met.hits.length} 条，达到 ${met.threshold.atLeast} 条${mark(met.threshold.confidence)}，判定为重大火灾隐患（${rules.edition}）`,
        ...skippedLine,
      ],
    })
  return Either.right({
    _tag: "NotMajor",
    counts: counts.map((c) => ({ threshold: c.threshold, count: c.hits.length })),
    reliesOnUnconfirmed:
      rules.elements.some((e) => e.kind === "direct" && e.confidence === "unconfirmed") ||
      applicable.some((t) => t.confidence === "unconfirmed"),
    explanation: [
      ...counts.map((c) => `${c.threshold.text}：${c.hits.length} 条，未达到 ${c.threshold.atLeast} 条`),
      comprehensive.length === 0 && direct.length === 0 ? "未发现直接或综合判定要素" : "不构成重大火灾隐患",
      ...skippedLine,
    ],
  })
}

/** Place types of a unit from its flags (G-9): crowded place, flammable/explosive site, else other. */
export const placeTypesOf = (flags: {
  readonly crowded: boolean
  readonly flammable: boolean
}): ReadonlyArray<Gb35181PlaceType> => {
  const out: Gb35181PlaceType[] = []
  if (flags.crowded) out.push("crowded")
  if (flags.flammable) out.push("flammable")
  return out.length === 0 ? ["other"] : out
}
