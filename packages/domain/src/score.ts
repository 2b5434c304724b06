import { Schema } from "effect"
import type { DutyCounts } from "./compliance.ts"
import { flat } from "./flat-text.ts"
import { GridId } from "./ids.ts"
import { type LocalDate, makeDate } from "./local-date.ts"

/** 半年督办 and 年终考评 (六(三), D-11): the first or second half of a year, or the whole year. */
export const EvaluationPeriod = Schema.Union(
  Schema.TaggedStruct("HalfYear", { year: Schema.Int, half: Schema.Literal(1, 2) }),
  Schema.TaggedStruct("Year", { year: Schema.Int }),
)
export type EvaluationPeriod = typeof EvaluationPeriod.Type

export const periodRange = (p: EvaluationPeriod): { readonly from: LocalDate; readonly to: LocalDate } => {
  switch (p._tag) {
    case "HalfYear":
      return p.half === 1
        ? { from: makeDate(p.year, 1, 1), to: makeDate(p.year, 6, 30) }
        : { from: makeDate(p.year, 7, 1), to: makeDate(p.year, 12, 31) }
    case "Year":
      return { from: makeDate(p.year, 1, 1), to: makeDate(p.year, 12, 31) }
    default: {
      const never: never = p
      return never
    }
  }
}

export const periodLabel = (p: EvaluationPeriod): string =>
  p._tag === "Year" ? `${p.year}年度` : `${p.year}年${p.half === 1 ? "上" : "下"}半年`

/** Counts of duty occurrences (from the duty engine's `DutyCounts`) that a score needs. */
export type DutyTally = Pick<DutyCounts, "due" | "doneOnTime" | "doneLate" | "partial" | "missed" | "open">

/**
 * What was measured for one grid over one period (S-1). Every number is a count of recorded facts; the
 * score only weighs them. `duty` is the grid's duties other than training, publicity and letters, which
 * have their own lines.
 */
export interface GridFacts {
  readonly gridId: GridId
  readonly duty: DutyTally
  readonly training: DutyTally
  readonly publicity: DutyTally
  readonly letters: DutyTally
  readonly inspection: { readonly units: number; readonly unitsInspected: number }
  readonly rectification: { readonly noticesDue: number; readonly closedOnTime: number }
  readonly rechecks: { readonly due: number; readonly onTime: number }
  /** Escalations raised from this grid or below: cases it did not settle itself. */
  readonly escalations: { readonly count: number }
  readonly tips: {
    readonly received: number
    readonly acknowledgedOnTime: number
    readonly closedWithinTarget: number
    readonly medianAcknowledgeDays: number | null
    readonly medianCloseDays: number | null
  }
  readonly incidents: { readonly fires: number; readonly deaths: number; readonly injuries: number }
}

export const emptyTally: DutyTally = { due: 0, doneOnTime: 0, doneLate: 0, partial: 0, missed: 0, open: 0 }

/** Weights are configuration (S-1 [design]); `defaultScoreWeights` documents the default. */
export const ScoreWeights = Schema.Struct({
  /** Points for each positive line, out of their sum (normalised to 100 over the lines that apply). */
  dutyCompliance: Schema.Number,
  inspectionCoverage: Schema.Number,
  onTimeRectification: Schema.Number,
  rechecksOnTime: Schema.Number,
  tipAcknowledgement: Schema.Number,
  tipClosing: Schema.Number,
  lettersSigned: Schema.Number,
  training: Schema.Number,
  publicity: Schema.Number,
  /** Credit for a duty done late, and for one partly done, as a share of one done on time. */
  lateCredit: Schema.Number,
  partialCredit: Schema.Number,
  /** Points taken per escalation, up to a cap. */
  perEscalation: Schema.Number,
  escalationCap: Schema.Number,
  /** Points taken per fire, death and injury, up to a cap. */
  perFire: Schema.Number,
  perDeath: Schema.Number,
  perInjury: Schema.Number,
  incidentCap: Schema.Number,
})
export type ScoreWeights = typeof ScoreWeights.Type

/**
 * Default weights: duties 25, inspection coverage 15, on-time rectification 15, rechecks on time 10, tip
 * acknowledgement 10, tip closing 5, letters 10, training 5, publicity 5 (sum 100); a duty done late
 * earns half, a partial one half; −0.5 per escalation up to −10; −2 per fire, −10 per death, −3 per
 * injury up to −30. All [design]: the seed names the facts (六(三)), not their weights.
 */
export const defaultScoreWeights: ScoreWeights = {
  dutyCompliance: 25,
  inspectionCoverage: 15,
  onTimeRectification: 15,
  rechecksOnTime: 10,
  tipAcknowledgement: 10,
  tipClosing: 5,
  lettersSigned: 10,
  training: 5,
  publicity: 5,
  lateCredit: 0.5,
  partialCredit: 0.5,
  perEscalation: 0.5,
  escalationCap: 10,
  perFire: 2,
  perDeath: 10,
  perInjury: 3,
  incidentCap: 30,
}

export const ScoreLineKey = Schema.Literal(
  "dutyCompliance",
  "inspectionCoverage",
  "onTimeRectification",
  "rechecksOnTime",
  "tipAcknowledgement",
  "tipClosing",
  "lettersSigned",
  "training",
  "publicity",
  "escalations",
  "incidents",
)
export type ScoreLineKey = typeof ScoreLineKey.Type

export const SCORE_LINE_LABEL: Record<ScoreLineKey, string> = {
  dutyCompliance: "职责履行（检查日、复查、每周检查、联席会议等）",
  inspectionCoverage: "检查覆盖率",
  onTimeRectification: "隐患按期整改率",
  rechecksOnTime: "按期复查率",
  tipAcknowledgement: "举报按时受理率",
  tipClosing: "举报按期办结率",
  lettersSigned: "责任书签订",
  training: "消防培训",
  publicity: "消防宣传",
  escalations: "上报事项（扣分）",
  incidents: "火灾及伤亡（扣分）",
}

/** One line of a score: the fact, how it was measured, its weight and the points it earned. */
export const ScoreLine = Schema.Struct({
  key: ScoreLineKey,
  label: Schema.String,
  /** The counts behind the line, in words. */
  fact: Schema.String,
  /** The measure: a rate in [0, 1] for positive lines, a count for deductions; null when nothing applied. */
  measure: Schema.NullOr(Schema.Number),
  /** The configured weight (per unit for deductions). */
  weight: Schema.Number,
  /** The weight after re-spreading the weights of lines that did not apply. */
  effectiveWeight: Schema.Number,
  points: Schema.Number,
})
export type ScoreLine = typeof ScoreLine.Type

export class Score extends Schema.Class<Score>("Score")({
  gridId: GridId,
  period: EvaluationPeriod,
  /** The sum of the lines' points. */
  total: Schema.Number,
  /** How many measured events stand behind the score (duties due, notices due, rechecks due, tips). */
  sample: Schema.Int,
  lines: Schema.Array(ScoreLine),
}) {}

const cents = (x: number) => Math.round(x * 100)
const pct = (x: number) => `${(x * 100).toFixed(1)}%`

/** How many measured events stand behind a grid's facts: a score from 3 events says little (FixMyStreet #1957). */
export const sampleOf = (f: GridFacts): number =>
  f.duty.due +
  f.training.due +
  f.publicity.due +
  f.letters.due +
  f.rectification.noticesDue +
  f.rechecks.due +
  f.tips.received

/**
 * Scores one grid for one period, line by line (S-1). Positive lines earn weight × rate; a line with
 * nothing to measure (no notice fell due, no tip came in) neither earns nor loses: its weight is spread
 * over the lines that apply, so the positive lines always add up to at most 100. Deductions follow.
 * The total is exactly the sum of the lines' points (both kept in hundredths).
 */
export const scoreGrid = (
  facts: GridFacts,
  period: EvaluationPeriod,
  weights: ScoreWeights = defaultScoreWeights,
): Score => {
  const dutyRate = (t: DutyTally): number | null => {
    const closed = t.due - t.open
    if (closed <= 0) return null
    return (t.doneOnTime + weights.lateCredit * t.doneLate + weights.partialCredit * t.partial) / closed
  }
  const dutyFact = (t: DutyTally) =>
    `应履行 ${t.due} 项：按期 ${t.doneOnTime}，逾期完成 ${t.doneLate}，部分落实 ${t.partial}，未落实 ${t.missed}，进行中 ${t.open}`
  const rate = (num: number, den: number) => (den <= 0 ? null : num / den)
  const days = (x: number | null) => (x === null ? "—" : `${x} 天`)

  const positive: ReadonlyArray<{ key: ScoreLineKey; weight: number; measure: number | null; fact: string }> =
    [
      {
        key: "dutyCompliance",
        weight: weights.dutyCompliance,
        measure: dutyRate(facts.duty),
        fact: dutyFact(facts.duty),
      },
      {
        key: "inspectionCoverage",
        weight: weights.inspectionCoverage,
        measure: rate(facts.inspection.unitsInspected, facts.inspection.units),
        fact: `辖区单位 ${facts.inspection.units} 家，已检查 ${facts.inspection.unitsInspected} 家`,
      },
      {
        key: "onTimeRectification",
        weight: weights.onTimeRectification,
        measure: rate(facts.rectification.closedOnTime, facts.rectification.noticesDue),
        fact: `到期整改通知书 ${facts.rectification.noticesDue} 份，按期复查销案 ${facts.rectification.closedOnTime} 份`,
      },
      {
        key: "rechecksOnTime",
        weight: weights.rechecksOnTime,
        measure: rate(facts.rechecks.onTime, facts.rechecks.due),
        fact: `应复查 ${facts.rechecks.due} 份，按期复查 ${facts.rechecks.onTime} 份`,
      },
      {
        key: "tipAcknowledgement",
        weight: weights.tipAcknowledgement,
        measure: rate(facts.tips.acknowledgedOnTime, facts.tips.received),
        fact: `收到举报 ${facts.tips.received} 件，按时受理 ${facts.tips.acknowledgedOnTime} 件，受理用时中位数 ${days(facts.tips.medianAcknowledgeDays)}`,
      },
      {
        key: "tipClosing",
        weight: weights.tipClosing,
        measure: rate(facts.tips.closedWithinTarget, facts.tips.received),
        fact: `按期办结 ${facts.tips.closedWithinTarget} 件，办结用时中位数 ${days(facts.tips.medianCloseDays)}`,
      },
      {
        key: "lettersSigned",
        weight: weights.lettersSigned,
        measure: dutyRate(facts.letters),
        fact: dutyFact(facts.letters),
      },
      {
        key: "training",
        weight: weights.training,
        measure: dutyRate(facts.training),
        fact: dutyFact(facts.training),
      },
      {
        key: "publicity",
        weight: weights.publicity,
        measure: dutyRate(facts.publicity),
        fact: dutyFact(facts.publicity),
      },
    ]
  const configured = positive.reduce((s, l) => s + l.weight, 0)
  const applicable = positive.reduce((s, l) => s + (l.measure === null ? 0 : l.weight), 0)
  const scale = applicable > 0 ? configured / applicable : 0
  const lines: ScoreLine[] = positive.map((l) => {
    const effectiveWeight = l.measure === null ? 0 : cents(l.weight * scale) / 100
    const measure = l.measure === null ? null : Math.min(1, Math.max(0, l.measure))
    return {
      key: l.key,
      label: SCORE_LINE_LABEL[l.key],
      fact:
        measure === null
          ? flat`${l.fact}（本期无可考核事项，权重分摊至其他项）`
          : flat`${l.fact}（${pct(measure)}）`,
      measure,
      weight: l.weight,
      effectiveWeight,
      points: measure === null ? 0 : cents(l.weight * scale * measure) / 100,
    }
  })

  const escalationPoints = -Math.min(weights.escalationCap, weights.perEscalation * facts.escalations.count)
  lines.push({
    key: "escalations",
    label: SCORE_LINE_LABEL.escalations,
    fact: flat`本期因未能自行解决而上报 ${facts.escalations.count} 件（每件扣 ${weights.perEscalation} 分，最多扣 ${weights.escalationCap} 分）`,
    measure: facts.escalations.count,
    weight: weights.perEscalation,
    effectiveWeight: weights.perEscalation,
    points: cents(escalationPoints) / 100 || 0,
  })
  const { fires, deaths, injuries } = facts.incidents
  const incidentPoints = -Math.min(
    weights.incidentCap,
    weights.perFire * fires + weights.perDeath * deaths + weights.perInjury * injuries,
  )
  lines.push({
    key: "incidents",
    label: SCORE_LINE_LABEL.incidents,
    fact: flat`火灾 ${fires} 起，死亡 ${deaths} 人，受伤 ${injuries} 人（最多扣 ${weights.incidentCap} 分）`,
    measure: fires + deaths + injuries,
    weight: weights.perFire,
    effectiveWeight: weights.perFire,
    points: cents(incidentPoints) / 100 || 0,
  })

  const totalCents = lines.reduce((s, l) => s + cents(l.points), 0)
  // Built from checked numbers: validating every line of thousands of scores was most of `evaluate`.
  return Score.make(
    { gridId: facts.gridId, period, total: totalCents / 100, sample: sampleOf(facts), lines },
    true,
  )
}

/** The score as a small table, one line per row, for pages and the evaluation report. */
export const explainScore = (score: Score): ReadonlyArray<string> => [
  ...score.lines.map((l) => `${l.label}：${l.fact} → ${l.points >= 0 ? "+" : ""}${l.points.toFixed(2)} 分`),
  `合计 ${score.total.toFixed(2)} 分（样本 ${score.sample}）`,
]
