/**
 * Group commit for the public hot path (ADR 0006). Callers submit one item each and wait for its own
 * answer; items that arrive while earlier batches are still with the database wait in a queue and go
 * together in the next batch. Under light load every item goes alone and at once; under heavy load the
 * batches grow by themselves, so the database sees a few statements per batch instead of a few per item.
 *
 * A batch either succeeds as a whole or is retried item by item, so one bad item (a zone deleted a
 * moment ago, say) fails alone and never takes its neighbours down with it. Nothing is answered before
 * its batch has finished: an acknowledged item is a committed one.
 */
export interface BatcherOptions<I, O> {
  /** Handles a batch; answers one output per item, in order. Must be all-or-nothing. */
  readonly run: (items: ReadonlyArray<I>) => Promise<ReadonlyArray<O>>
  /** The most items one batch takes. */
  readonly maxBatch: number
  /** How many batches may be with the database at once (each holds a pooled connection). */
  readonly maxInFlight: number
}

export interface Batcher<I, O> {
  readonly submit: (item: I) => Promise<O>
}

interface Waiting<I, O> {
  readonly item: I
  readonly resolve: (output: O) => void
  readonly reject: (error: unknown) => void
}

export const createBatcher = <I, O>({ run, maxBatch, maxInFlight }: BatcherOptions<I, O>): Batcher<I, O> => {
  const queue: Waiting<I, O>[] = []
  let inFlight = 0

  const runOne = async (waiting: Waiting<I, O>) => {
    try {
      const [output] = await run([waiting.item])
      waiting.resolve(output as O)
    } catch (error) {
      waiting.reject(error)
    }
  }

  const settle = async (batch: ReadonlyArray<Waiting<I, O>>) => {
    if (batch.length === 1) return runOne(batch[0]!)
    try {
      const outputs = await run(batch.map((w) => w.item))
      for (const [i, waiting] of batch.entries()) waiting.resolve(outputs[i] as O)
    } catch {
      // Nothing of the batch was kept; find the culprit by giving each item its own attempt.
      for (const waiting of batch) await runOne(waiting)
    }
  }

  const pump = () => {
    while (inFlight < maxInFlight && queue.length > 0) {
      inFlight++
      void settle(queue.splice(0, maxBatch)).finally(() => {
        inFlight--
        pump()
      })
    }
  }

  return {
    submit: (item) =>
      new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject })
        pump()
      }),
  }
}
