import { Either, Schema } from "effect"
import { HazardId } from "./case-ids.ts"
import {
  Gb35181ExclusionCode as ExclusionCodeSchema,
  type Gb35181ExclusionCode,
  type Gb35181Finding,
  type Gb35181PlaceType,
  type Gb35181Rules,
  isMajorVerdict,
  judgeMajorHazard,
  Gb35181PlaceType as PlaceTypeSchema,
  type UnknownGb35181Element,
} from "./gb35181.ts"
import { GB35181_2025 } from "./gb35181-2025.data.ts"
import { PersonId, UnitId } from "./ids.ts"
import { LocalDate } from "./local-date.ts"

/**
 * A recorded decision on whether a hazard is major (H-6). The 2017 edition's procedure, which 公安部令第120号
 * Art. 21 also asks for: a collective discussion of at least 3 people, and for hard cases an expert group
 * of at least 7 of whom at least two thirds agree. Major determinations go to the fire brigade at once
 * (see the `majorHazard` rung of the escalation ladder) and into the major-hazard ledger 台账 (G二).
 */
export class MajorHazardDetermination extends Schema.Class<MajorHazardDetermination>(
  "MajorHazardDetermination",
)({
  hazardId: HazardId,
  unitId: UnitId,
  determinedOn: LocalDate,
  edition: Schema.String,
  placeTypes: Schema.Array(PlaceTypeSchema),
  elementCodes: Schema.Array(Schema.String),
  exclusions: Schema.Array(ExclusionCodeSchema),
  isMajor: Schema.Boolean,
  verdict: Schema.Literal("Excluded", "MajorByDirectElement", "MajorByComprehensiveElements", "NotMajor"),
  /** Whether the verdict rests on entries not yet checked against the official text. */
  reliesOnUnconfirmed: Schema.Boolean,
  explanation: Schema.Array(Schema.String),
  decidedBy: Schema.Array(PersonId),
  expertReview: Schema.NullOr(Schema.Struct({ experts: Schema.Int, agreeing: Schema.Int })),
}) {}

export class InvalidDetermination extends Schema.TaggedError<InvalidDetermination>()("InvalidDetermination", {
  hazardId: HazardId,
  reason: Schema.String,
  reasonEn: Schema.String,
}) {
  override get message(): string {
    return `隐患 ${this.hazardId} 的重大火灾隐患判定：${this.reason} / major-hazard determination of ${this.hazardId}: ${this.reasonEn}`
  }
}

export interface DetermineMajorHazardInput {
  readonly hazardId: HazardId
  readonly unitId: UnitId
  readonly determinedOn: LocalDate
  readonly placeTypes: ReadonlyArray<Gb35181PlaceType>
  readonly findings: ReadonlyArray<Gb35181Finding>
  readonly exclusions: ReadonlyArray<Gb35181ExclusionCode>
  readonly decidedBy: ReadonlyArray<PersonId>
  readonly expertReview?: { readonly experts: number; readonly agreeing: number } | undefined
}

export const MIN_COLLECTIVE = 3
export const MIN_EXPERTS = 7

/** Judges a hazard by GB 35181 (the 2025 data by default) and records the decision with its explanation. */
export const determineMajorHazard = (
  input: DetermineMajorHazardInput,
  rules: Gb35181Rules = GB35181_2025,
): Either.Either<MajorHazardDetermination, InvalidDetermination | UnknownGb35181Element> => {
  const fail = (reason: string, reasonEn: string) =>
    Either.left(new InvalidDetermination({ hazardId: input.hazardId, reason, reasonEn }))
  const people = new Set(input.decidedBy)
  if (people.size < MIN_COLLECTIVE)
    return fail(
      `集体讨论不少于 ${MIN_COLLECTIVE} 人，现为 ${people.size} 人`,
      `a collective discussion needs at least ${MIN_COLLECTIVE} people`,
    )
  const review = input.expertReview
  if (review !== undefined) {
    if (review.experts < MIN_EXPERTS)
      return fail(
        `专家组不少于 ${MIN_EXPERTS} 人，现为 ${review.experts} 人`,
        `an expert group needs ${MIN_EXPERTS}+`,
      )
    if (review.agreeing * 3 < review.experts * 2 || review.agreeing > review.experts)
      return fail(
        `结论须有三分之二以上专家同意（${review.agreeing}/${review.experts}）`,
        "the conclusion needs two thirds of the experts",
      )
  }
  return Either.map(
    judgeMajorHazard(rules, {
      placeTypes: input.placeTypes,
      findings: input.findings,
      exclusions: input.exclusions,
    }),
    (verdict) =>
      MajorHazardDetermination.make({
        hazardId: input.hazardId,
        unitId: input.unitId,
        determinedOn: input.determinedOn,
        edition: rules.edition,
        placeTypes: [...input.placeTypes],
        elementCodes: input.findings.map((f) => f.code),
        exclusions: [...input.exclusions],
        isMajor: isMajorVerdict(verdict),
        verdict: verdict._tag,
        reliesOnUnconfirmed: verdict.reliesOnUnconfirmed,
        explanation: [...verdict.explanation],
        decidedBy: [...people],
        expertReview: review === undefined ? null : { experts: review.experts, agreeing: review.agreeing },
      }),
  )
}
