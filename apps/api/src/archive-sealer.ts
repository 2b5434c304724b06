import { setImmediate as nextTurn } from "node:timers/promises"
import { type Database, sealArchive } from "@firegrid/db"

/**
 * Events sealed per round. Sealing re-hashes each event's content on the event loop, so a round is kept
 * small enough (a few milliseconds) not to stall the requests waiting behind it; when there is more to
 * seal, rounds follow each other with requests served in between.
 */
const EVENTS_PER_ROUND = 200

/**
 * Seals the archive every `intervalMs` in the API process, round after round until it has caught up.
 * Rounds never overlap; with several instances the advisory lock lets one seal while the others skip. A
 * failed round (database away) is retried at the next tick, so the sealer recovers by itself.
 */
export const startArchiveSealer = (db: Database, intervalMs: number, onError: (error: unknown) => void) => {
  let running: Promise<void> | null = null
  let stopped = false
  const catchUp = async () => {
    for (;;) {
      const { ran, sealed, refused } = await sealArchive(db, EVENTS_PER_ROUND)
      if (stopped || !ran || sealed === 0 || sealed + refused.length < EVENTS_PER_ROUND) return
      await nextTurn()
    }
  }
  const tick = () => {
    if (running) return
    running = catchUp()
      .then(() => undefined, onError)
      .finally(() => {
        running = null
      })
  }
  const timer = setInterval(tick, intervalMs)
  timer.unref()
  return {
    stop: async () => {
      stopped = true
      clearInterval(timer)
      await running
    },
  }
}
