import { randomUUID } from "node:crypto"
import {
  type AccountRow,
  type Database,
  getSetting,
  insertEvaluation,
  latestEvaluation,
  listActivities,
  loadAllEscalations,
  loadCaseFacts,
  loadFireIncidents,
  loadGrids,
} from "@firegrid/db"
import {
  defaultScoreWeights,
  type EvaluationPeriod,
  evaluate,
  explainScore,
  type GridId,
  indexGrids,
  type LocalDate,
  periodLabel,
  periodRange,
  type Ranking,
  Score,
  ScoreWeights,
  workdayPredicateOf,
} from "@firegrid/domain"
import { TRPCError } from "@trpc/server"
import { Schema } from "effect"
import { requireGridInScope } from "../auth/scope.ts"
import { assessWorld, loadDutyWorld, planWorld } from "./duty-world.ts"
import { loadEscalationPolicy } from "./escalation-policy.ts"

/** The settings key of the county's score weights (S-1 [design]); absent means the documented default. */
export const SCORE_WEIGHTS_KEY = "evaluation.weights"

export const periodKey = (p: EvaluationPeriod): string =>
  p._tag === "Year" ? `${p.year}` : `${p.year}-H${p.half}`

const encodeScore = Schema.encodeSync(Score)
const decodeScore = Schema.decodeUnknownSync(Score)

/** What an evaluation run stores: the evaluated grids' scores and the rankings made under the parent. */
interface StoredEvaluation {
  readonly parentId: string
  readonly period: EvaluationPeriod
  readonly asOf: LocalDate
  readonly scores: ReadonlyArray<unknown>
  readonly rankings: ReadonlyArray<Ranking>
}

/**
 * The county evaluates its townships, a township its villages and their zones (六(三)): the grid evaluated
 * under must be the county or a township.
 */
const parentFor = async (db: Database, account: AccountRow, gridId: string | undefined) => {
  const parentId = gridId ?? account.gridId
  await requireGridInScope(db, account, parentId)
  const grids = indexGrids(await loadGrids(db))
  const parent = grids.byId.get(parentId as GridId)!
  if (parent.level !== "county" && parent.level !== "large")
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "考评由县对乡镇、乡镇对所辖村（社区）和责任片区进行，请选择县或乡镇",
    })
  return { parent, grids }
}

/**
 * Half-year supervision / year-end evaluation (S-1): measures every grid from the recorded facts (duties
 * via the duty engine's compliance, inspections, notices, rechecks, escalations, tips, fires), scores and
 * ranks them, and stores the run.
 */
export const runEvaluation = async (
  db: Database,
  account: AccountRow,
  request: { readonly gridId?: string | undefined; readonly period: EvaluationPeriod },
  at: Date,
  today: LocalDate,
) => {
  const { parent, grids } = await parentFor(db, account, request.gridId)
  const { from, to } = periodRange(request.period)
  if (today < from)
    throw new TRPCError({ code: "BAD_REQUEST", message: `${periodLabel(request.period)}尚未开始，不能考评` })
  const asOf = today < to ? today : to
  const world = await loadDutyWorld(db, parent.id, from, to)
  const plan = await planWorld(db, world, from, to)
  const [report, cases, escalations, activities, incidents, policy, storedWeights] = await Promise.all([
    assessWorld(db, world, plan, asOf),
    loadCaseFacts(db),
    loadAllEscalations(db),
    listActivities(db, { from, to, kinds: ["inspection"] }),
    loadFireIncidents(db),
    loadEscalationPolicy(db),
    getSetting(db, SCORE_WEIGHTS_KEY),
  ])
  const weights =
    storedWeights === undefined ? defaultScoreWeights : Schema.decodeUnknownSync(ScoreWeights)(storedWeights)
  const evaluation = evaluate({
    period: request.period,
    asOf,
    cases,
    escalations,
    duties: report.occurrences,
    placements: world.facts.placements,
    activities,
    incidents,
    policy,
    workdays: workdayPredicateOf(world.calendar),
    weights,
  })
  // 六(三): the county evaluates its townships; a township its villages and their zones. A county run keeps
  // the townships only — each township's own run holds the grids below it — so a county page stays small.
  const evaluated =
    parent.level === "county"
      ? new Set<string>(grids.children(parent.id).map((g) => g.id))
      : new Set<string>(grids.subtree(parent.id).map((g) => g.id))
  const rankedUnder = parent.level === "county" ? new Set<string>([parent.id]) : evaluated
  const doc: StoredEvaluation = {
    parentId: parent.id,
    period: request.period,
    asOf,
    scores: [...evaluation.scores.values()].filter((s) => evaluated.has(s.gridId)).map((s) => encodeScore(s)),
    rankings: evaluation.rankings.filter((r) => rankedUnder.has(r.parentId)),
  }
  await insertEvaluation(
    db,
    {
      id: randomUUID(),
      gridId: parent.id,
      period: periodKey(request.period),
      doc: JSON.parse(JSON.stringify(doc)),
    },
    at,
    account.id,
  )
  return evaluationView(doc, grids)
}

/**
 * The latest run covering a grid and period, as pages show it. A village or zone sees its own part of its
 * township's evaluation: its scores, and the rankings made among its own children.
 */
export const getEvaluation = async (
  db: Database,
  account: AccountRow,
  request: { readonly gridId?: string | undefined; readonly period: EvaluationPeriod },
) => {
  const gridId = (request.gridId ?? account.gridId) as GridId
  await requireGridInScope(db, account, gridId)
  const grids = indexGrids(await loadGrids(db))
  const self = grids.byId.get(gridId)!
  const parent =
    self.level === "county" || self.level === "large"
      ? self
      : grids.ancestors(gridId).find((g) => g.level === "large")
  if (!parent) throw new TRPCError({ code: "NOT_FOUND", message: `${self.name}不在任何乡镇之下，没有考评` })
  const stored = await latestEvaluation(db, parent.id, periodKey(request.period))
  if (!stored)
    throw new TRPCError({
      code: "NOT_FOUND",
      message: `${parent.name}${periodLabel(request.period)}尚未考评`,
    })
  const doc = stored.doc as StoredEvaluation
  const visible = new Set<string>(grids.subtree(gridId).map((g) => g.id))
  const mine: StoredEvaluation =
    parent.id === gridId
      ? doc
      : {
          ...doc,
          scores: doc.scores.filter((s) => visible.has((s as { gridId: string }).gridId)),
          rankings: doc.rankings.filter((r) => visible.has(r.parentId)),
        }
  return { ...evaluationView(mine, grids), gridId, computedAt: stored.computedAt.toISOString() }
}

const evaluationView = (doc: StoredEvaluation, grids: ReturnType<typeof indexGrids>) => {
  const name = (id: string) => grids.byId.get(id as GridId)?.name ?? id
  const scores = doc.scores.map((s) => decodeScore(s))
  const named = <A extends { readonly gridId: string }>(xs: ReadonlyArray<A>) =>
    xs.map((x) => ({ ...x, name: name(x.gridId) }))
  return {
    parentId: doc.parentId,
    parentName: name(doc.parentId),
    period: doc.period,
    periodLabel: periodLabel(doc.period),
    asOf: doc.asOf,
    scores: scores.map((s) => ({
      gridId: s.gridId,
      name: name(s.gridId),
      level: grids.byId.get(s.gridId)?.level ?? null,
      total: s.total,
      sample: s.sample,
      lines: s.lines,
      explanation: explainScore(s),
    })),
    rankings: doc.rankings.map((r) => ({
      parentId: r.parentId,
      parentName: name(r.parentId),
      ranked: named(r.ranked),
      notRankable: named(r.notRankable),
      commendation: named(r.commendation),
      criticism: named(r.criticism),
    })),
  }
}
