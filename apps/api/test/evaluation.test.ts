import type { DatabaseHandle } from "@firegrid/db"
import { testEngines } from "@firegrid/db/testing"
import { buildDemoCounty } from "@firegrid/domain"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type ApiHarness, failureOf, startApi } from "./harness.ts"

const at = (day: string) => new Date(`${day}T09:00:00+08:00`)
const county = buildDemoCounty()
const v03Unit = county.placements.find((p) => p.gridId.startsWith("v03-"))!
const firstHalf = { _tag: "HalfYear", year: 2026, half: 1 } as const

describe.each(testEngines())("evaluation and accountability on %s (S-1, S-2, 六(三))", (engine) => {
  let database: DatabaseHandle
  let api: ApiHarness

  beforeAll(async () => {
    database = await engine.open()
    api = await startApi(database)
    api.clock.now = at("2026-03-10")
    const brigade = await api.signIn("brigade")
    await brigade.fire.record.mutate({
      unitId: v03Unit.unitId,
      occurredOn: "2026-03-10",
      deaths: 1,
      injuries: 2,
      lossYuan: 150_000,
      description: "仓库电气线路故障引发火灾",
    })
  })
  afterAll(async () => {
    await database?.close()
  })

  it("scores every village of 告成镇 line by line, and a village with a death is not commended", async () => {
    api.clock.now = at("2026-07-01")
    const gaocheng = await api.signIn("gaocheng")
    const result = await gaocheng.evaluation.run.mutate({ period: firstHalf })
    expect(result.periodLabel).toBe("2026年上半年")
    expect(result.asOf).toBe("2026-06-30")
    const villages = result.scores.filter((s) => s.level === "medium")
    expect(villages).toHaveLength(24)
    for (const s of result.scores) {
      const sum = s.lines.reduce((acc, l) => acc + Math.round(l.points * 100), 0)
      expect(Math.round(s.total * 100)).toBe(sum)
      expect(s.explanation.at(-1)).toContain("合计")
    }
    const v03 = result.scores.find((s) => s.gridId === "v03")!
    expect(v03.lines.find((l) => l.key === "incidents")).toMatchObject({ points: -18 }) // 2 per fire + 10 per death + 3 per injury
    const ranking = result.rankings.find((r) => r.parentId === "town-gaocheng")!
    expect(ranking.ranked.length + ranking.notRankable.length).toBe(24)
    expect(ranking.commendation.map((c) => c.gridId)).not.toContain("v03")
  })

  it("shows a village its own part of the township's evaluation, and nothing before one is run", async () => {
    const quhe = await api.signIn("quhe")
    const mine = await quhe.evaluation.get.query({ gridId: "v03", period: firstHalf })
    expect(mine.scores.map((s) => s.gridId).sort()).toEqual(
      ["v03", ...county.grids.filter((g) => g.parentId === "v03").map((g) => g.id)].sort(),
    )
    expect(mine.rankings.map((r) => r.parentId)).toEqual(["v03"])
    const none = await failureOf(
      quhe.evaluation.get.query({ gridId: "v03", period: { _tag: "Year", year: 2025 } }),
    )
    expect(none.data?.code).toBe("NOT_FOUND")
    const refused = await failureOf(quhe.evaluation.run.mutate({ period: firstHalf }))
    expect(refused.data?.code).toBe("FORBIDDEN")
  })

  it("names who answered for the burnt unit and its grids on the day, and the duties missed before (S-2)", async () => {
    const brigade = await api.signIn("brigade")
    const report = await brigade.accountability.forUnit.query({ unitId: v03Unit.unitId, on: "2026-03-10" })
    expect(report.chain.map((g) => g.gridId)).toEqual([v03Unit.gridId, "v03", "town-gaocheng", "county"])
    const town = report.chain.find((g) => g.gridId === "town-gaocheng")!
    expect(town.holders[0]).toMatchObject({ role: "firstResponsible", persons: [{ name: "何聪道" }] })
    // Nothing was recorded as done: the village's weekly checks before the fire were missed (五(三)).
    expect(report.missedDuties.some((d) => d.gridId === "v03" && d.status === "Missed")).toBe(true)
    expect(report.missedDuties.every((d) => d.windowEnd < "2026-03-10")).toBe(true)
  })
})
