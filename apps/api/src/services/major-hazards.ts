import {
  type AccountRow,
  type Database,
  findHazard,
  findMajorDetermination,
  findPlacedUnit,
  insertMajorDetermination,
} from "@firegrid/db"
import {
  type AdminRole,
  determineMajorHazard,
  type Gb35181ExclusionCode,
  type Gb35181Finding,
  type Gb35181PlaceType,
  type LocalDate,
  type MajorHazardDetermination,
  PersonId,
  placeTypesOf,
} from "@firegrid/domain"
import { TRPCError } from "@trpc/server"
import { Either } from "effect"
import { requireGridInScope } from "../auth/scope.ts"
import { badField } from "../trpc.ts"

/** Who takes part in a determination [design]: the county, the township's office and inspectors, the brigade. */
export const DETERMINE_ROLES: ReadonlyArray<AdminRole> = [
  "countyAdmin",
  "townshipAdmin",
  "inspector",
  "fireBrigade",
]

export interface DeterminationRequest {
  readonly hazardId: string
  readonly placeTypes?: ReadonlyArray<Gb35181PlaceType> | undefined
  readonly findings: ReadonlyArray<{ readonly code: string; readonly fixedOnSpot?: boolean | undefined }>
  readonly exclusions?: ReadonlyArray<Gb35181ExclusionCode> | undefined
  readonly decidedBy: ReadonlyArray<string>
  readonly expertReview?: { readonly experts: number; readonly agreeing: number } | undefined
}

/**
 * Judges a hazard by GB 35181 (H-6) and stores the verdict with its explanation; the place type comes from
 * the unit's flags unless the clerk says otherwise. One determination per hazard.
 */
export const determineMajor = async (
  db: Database,
  account: AccountRow,
  request: DeterminationRequest,
  at: Date,
  today: LocalDate,
): Promise<MajorHazardDetermination> => {
  const stored = await findHazard(db, request.hazardId)
  if (!stored) throw new TRPCError({ code: "NOT_FOUND", message: "隐患不存在" })
  await requireGridInScope(db, account, stored.hazard.gridId)
  if (await findMajorDetermination(db, stored.hazard.id))
    throw new TRPCError({ code: "CONFLICT", message: "该隐患已作出重大火灾隐患判定，不能重复判定" })
  const unit = await findPlacedUnit(db, stored.hazard.unitId)
  const result = determineMajorHazard({
    hazardId: stored.hazard.id,
    unitId: stored.hazard.unitId,
    determinedOn: today,
    placeTypes: request.placeTypes ?? placeTypesOf(unit?.flags ?? { crowded: false, flammable: false }),
    findings: request.findings.map(
      (f): Gb35181Finding =>
        f.fixedOnSpot === undefined ? { code: f.code } : { code: f.code, fixedOnSpot: f.fixedOnSpot },
    ),
    exclusions: request.exclusions ?? [],
    decidedBy: request.decidedBy.map((p) => PersonId.make(p.trim())),
    expertReview: request.expertReview,
  })
  if (Either.isLeft(result)) {
    const e = result.left
    if (e._tag === "UnknownGb35181Element") throw badField("findings", e.message)
    throw badField(
      e.reason.includes("专家") || e.reason.includes("三分之二") ? "expertReview" : "decidedBy",
      e.reason,
    )
  }
  await insertMajorDetermination(db, { stored, determination: result.right, actor: account.id, at })
  return result.right
}
