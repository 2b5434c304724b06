import { describe, expect, it } from "vitest"
import { startSweeper } from "../src/services/sweep.ts"

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe("the sweep timer (E-1: one sweep at a time in a process)", () => {
  it("never starts a sweep while the previous one runs, and stop waits for the one in progress", async () => {
    let running = 0
    let maxRunning = 0
    let finished = 0
    const sweeper = startSweeper({
      intervalSeconds: 0.005,
      sweep: async () => {
        running++
        maxRunning = Math.max(maxRunning, running)
        await sleep(20)
        running--
        finished++
      },
      onError: () => {},
    })
    await sleep(120)
    await sweeper.stop()
    expect(maxRunning).toBe(1)
    expect(running).toBe(0)
    expect(finished).toBeGreaterThanOrEqual(2)
    const after = finished
    await sleep(50)
    expect(finished).toBe(after)
  })

  it("reports a failed sweep and tries again on the next round", async () => {
    const errors: unknown[] = []
    let calls = 0
    const sweeper = startSweeper({
      intervalSeconds: 0.005,
      sweep: async () => {
        calls++
        if (calls === 1) throw new Error("数据库暂时无法访问")
      },
      onError: (e) => errors.push(e),
    })
    await sleep(60)
    await sweeper.stop()
    expect(errors).toHaveLength(1)
    expect(calls).toBeGreaterThan(1)
  })
})
