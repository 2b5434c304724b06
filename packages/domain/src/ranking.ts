import { Schema } from "effect"
import type { GridIndex } from "./grid.ts"
import type { GridId } from "./ids.ts"
import type { EvaluationPeriod, Score } from "./score.ts"

/**
 * How rankings become lists (S-1, 六(三)): 通报表彰 for grids whose work shows clear results, 通报批评 for
 * grids that did not do the work or did not get hazards fixed. All [design]; the seed names the lists.
 */
export const RankingConfig = Schema.Struct({
  /** Grids with fewer measured events are listed as not rankable, never at the top (FixMyStreet #1957). */
  minSample: Schema.Int,
  /** At most this share of the ranked grids is commended (rounded up), and only at or above `commendMinTotal`. */
  commendShare: Schema.Number,
  commendMinTotal: Schema.Number,
  /** Criticised: a total below this … */
  criticiseBelowTotal: Schema.Number,
  /** … or an on-time rectification rate below this (隐患排查整治措施不落实). */
  criticiseRectificationBelow: Schema.Number,
})
export type RankingConfig = typeof RankingConfig.Type

export const defaultRankingConfig: RankingConfig = {
  minSample: 20,
  commendShare: 0.2,
  commendMinTotal: 85,
  criticiseBelowTotal: 60,
  criticiseRectificationBelow: 0.6,
}

export interface RankedGrid {
  readonly rank: number
  readonly gridId: GridId
  readonly total: number
  readonly sample: number
}

export interface ListedGrid {
  readonly gridId: GridId
  readonly reasons: ReadonlyArray<string>
}

export interface Ranking {
  readonly parentId: GridId
  readonly period: EvaluationPeriod
  /** Best first; equal totals share a rank (1, 1, 3). */
  readonly ranked: ReadonlyArray<RankedGrid>
  readonly notRankable: ReadonlyArray<{
    readonly gridId: GridId
    readonly total: number
    readonly sample: number
    readonly reason: string
  }>
  readonly commendation: ReadonlyArray<ListedGrid>
  readonly criticism: ReadonlyArray<ListedGrid>
}

/**
 * Ranks the children of `parentId` by their scores (townships rank their villages, the county its
 * townships: 六(三)). A child without a score is not rankable; so is one whose sample is below the minimum.
 */
export const rankChildren = (
  grids: GridIndex,
  parentId: GridId,
  scores: ReadonlyMap<GridId, Score>,
  period: EvaluationPeriod,
  config: RankingConfig = defaultRankingConfig,
): Ranking => {
  const eligible: Score[] = []
  const notRankable: Array<Ranking["notRankable"][number]> = []
  for (const child of grids.children(parentId)) {
    const score = scores.get(child.id)
    if (score === undefined) {
      notRankable.push({ gridId: child.id, total: 0, sample: 0, reason: "本期无考评数据" })
    } else if (score.sample < config.minSample) {
      notRankable.push({
        gridId: child.id,
        total: score.total,
        sample: score.sample,
        reason: `样本 ${score.sample} 件，少于 ${config.minSample} 件，不参与排名`,
      })
    } else eligible.push(score)
  }
  eligible.sort((a, b) => b.total - a.total || (a.gridId < b.gridId ? -1 : a.gridId > b.gridId ? 1 : 0))
  const ranked: RankedGrid[] = []
  eligible.forEach((s, i) => {
    const prev = ranked[i - 1]
    const rank = prev !== undefined && prev.total === s.total ? prev.rank : i + 1
    ranked.push({ rank, gridId: s.gridId, total: s.total, sample: s.sample })
  })
  notRankable.sort((a, b) => (a.gridId < b.gridId ? -1 : a.gridId > b.gridId ? 1 : 0))

  const criticism: ListedGrid[] = []
  for (const s of eligible) {
    const reasons: string[] = []
    if (s.total < config.criticiseBelowTotal)
      reasons.push(`总分 ${s.total} 低于 ${config.criticiseBelowTotal} 分`)
    const rect = s.lines.find((l) => l.key === "onTimeRectification")?.measure ?? null
    if (rect !== null && rect < config.criticiseRectificationBelow)
      reasons.push(
        `隐患按期整改率 ${(rect * 100).toFixed(1)}% 低于 ${(config.criticiseRectificationBelow * 100).toFixed(0)}%`,
      )
    if (reasons.length > 0) criticism.push({ gridId: s.gridId, reasons })
  }
  const criticised = new Set(criticism.map((c) => c.gridId))
  const commendSlots = Math.ceil(eligible.length * config.commendShare)
  const commendation: ListedGrid[] = []
  for (const r of ranked) {
    if (commendation.length >= commendSlots) break
    if (r.total < config.commendMinTotal || criticised.has(r.gridId)) continue
    // A grid that had a fire this period is not commended, whatever its other lines say.
    const incidents = eligible.find((s) => s.gridId === r.gridId)?.lines.find((l) => l.key === "incidents")
    if (incidents !== undefined && incidents.points < 0) continue
    commendation.push({ gridId: r.gridId, reasons: [`总分 ${r.total}，排名第 ${r.rank}`] })
  }
  return { parentId, period, ranked, notRankable, commendation, criticism }
}
