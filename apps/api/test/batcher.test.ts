import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { createBatcher } from "../src/batcher.ts"

/** A run that takes a moment, records each batch it saw, and refuses any batch holding a negative item. */
const recordingRun = () => {
  const batches: number[][] = []
  const run = async (items: ReadonlyArray<number>) => {
    batches.push([...items])
    await new Promise((r) => setTimeout(r, 2))
    if (items.some((n) => n < 0)) throw new Error(`refused ${items.join(",")}`)
    return items.map((n) => n * 10)
  }
  return { batches, run }
}

describe("group commit (createBatcher)", () => {
  it("sends a lone item at once, alone", async () => {
    const { batches, run } = recordingRun()
    const batcher = createBatcher({ run, maxBatch: 50, maxInFlight: 1 })
    expect(await batcher.submit(7)).toBe(70)
    expect(batches).toEqual([[7]])
  })

  it("groups what arrives while a batch is out, and answers each caller with its own output", async () => {
    const { batches, run } = recordingRun()
    const batcher = createBatcher({ run, maxBatch: 50, maxInFlight: 1 })
    const outputs = await Promise.all(Array.from({ length: 20 }, (_, i) => batcher.submit(i)))
    expect(outputs).toEqual(Array.from({ length: 20 }, (_, i) => i * 10))
    expect(batches).toEqual([[0], Array.from({ length: 19 }, (_, i) => i + 1)])
  })

  it("never puts more than maxBatch items in a batch, nor more than maxInFlight batches out at once", async () => {
    let out = 0
    let mostOut = 0
    const sizes: number[] = []
    const batcher = createBatcher<number, number>({
      run: async (items) => {
        out++
        mostOut = Math.max(mostOut, out)
        sizes.push(items.length)
        await new Promise((r) => setTimeout(r, 1))
        out--
        return items
      },
      maxBatch: 8,
      maxInFlight: 2,
    })
    await Promise.all(Array.from({ length: 100 }, (_, i) => batcher.submit(i)))
    expect(Math.max(...sizes)).toBeLessThanOrEqual(8)
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(100)
    expect(mostOut).toBe(2)
  })

  it("fails a bad item alone: its neighbours in the batch are retried one by one and succeed", async () => {
    const { batches, run } = recordingRun()
    const batcher = createBatcher({ run, maxBatch: 50, maxInFlight: 1 })
    const settled = await Promise.allSettled([1, 2, -3, 4].map((n) => batcher.submit(n)))
    expect(settled.map((s) => (s.status === "fulfilled" ? s.value : "refused"))).toEqual([
      10,
      20,
      "refused",
      40,
    ])
    expect(batches).toEqual([[1], [2, -3, 4], [2], [-3], [4]])
  })

  it("answers every item exactly once, with its own output or its own refusal, whatever the mix", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: -5, max: 100 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 3 }),
        async (items, maxBatch, maxInFlight) => {
          const { run } = recordingRun()
          const batcher = createBatcher({ run, maxBatch, maxInFlight })
          const settled = await Promise.allSettled(items.map((n) => batcher.submit(n)))
          settled.forEach((s, i) => {
            if (items[i]! < 0) expect(s.status).toBe("rejected")
            else expect(s).toEqual({ status: "fulfilled", value: items[i]! * 10 })
          })
        },
      ),
      { numRuns: 60 },
    )
  })
})
