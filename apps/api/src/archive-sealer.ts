import { type Database, sealArchive } from "@firegrid/db"

/**
 * Seals the archive every `intervalMs` in the API process. Rounds never overlap; with several instances
 * the advisory lock lets one seal while the others skip. A failed round (database away) is retried by the
 * next one, so the sealer recovers by itself.
 */
export const startArchiveSealer = (db: Database, intervalMs: number, onError: (error: unknown) => void) => {
  let running: Promise<void> | null = null
  const round = () => {
    if (running) return
    running = sealArchive(db)
      .then(() => undefined, onError)
      .finally(() => {
        running = null
      })
  }
  const timer = setInterval(round, intervalMs)
  timer.unref()
  return {
    stop: async () => {
      clearInterval(timer)
      await running
    },
  }
}
