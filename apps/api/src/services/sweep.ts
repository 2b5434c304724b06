import {
  appendHazardEvent,
  type Database,
  loadCaseFacts,
  lockHazards,
  recordEscalations,
  type StoredHazard,
  withSweepLock,
} from "@firegrid/db"
import {
  applyHazardEvent,
  type Escalation,
  type HazardEvent,
  type LocalDate,
  sweepEscalations,
  workdayPredicateOf,
} from "@firegrid/domain"
import { Either } from "effect"
import { loadCalendar } from "./calendar.ts"
import { loadEscalationPolicy } from "./escalation-policy.ts"

export const SWEEP_ACTOR = "system:sweep"

export type SweepOutcome =
  | { readonly ran: false }
  | {
      readonly ran: true
      readonly asOf: LocalDate
      readonly due: number
      readonly recorded: ReadonlyArray<Escalation>
    }

/**
 * The escalation sweep (E-1): reads every case fact, asks the domain which escalations must exist on
 * `asOf`, and records the new ones — each with its archive event, and an `Escalate` event on every hazard
 * it carries — in one transaction under the sweep's advisory lock. Another instance sweeping at the same
 * moment makes this call return `{ ran: false }`; even without the lock the derived ids would make a
 * second recording impossible.
 */
export const runSweep = async (
  db: Database,
  asOf: LocalDate,
  at: Date,
  actor: string = SWEEP_ACTOR,
): Promise<SweepOutcome> => {
  const outcome = await withSweepLock(db, async (tx) => {
    const [facts, policy, calendar] = await Promise.all([
      loadCaseFacts(tx),
      loadEscalationPolicy(tx),
      loadCalendar(tx),
    ])
    const due = sweepEscalations(facts, asOf, policy, workdayPredicateOf(calendar))
    const recorded = await recordEscalations(tx, due, at, actor)
    const hazards = new Map<string, StoredHazard>()
    for (const stored of await lockHazards(tx, [...new Set(recorded.flatMap((e) => e.hazardIds))]))
      hazards.set(stored.hazard.id, stored)
    for (const escalation of recorded)
      for (const hazardId of escalation.hazardIds) {
        const stored = hazards.get(hazardId)
        if (!stored) continue
        // Reported on its trigger day, unless the hazard's last step was recorded later than that.
        let on = escalation.triggeredOn
        if (stored.state.since > on) on = stored.state.since
        const event: HazardEvent = { _tag: "Escalate", on, escalationId: escalation.id }
        const next = applyHazardEvent(stored.hazard.id, stored.state, event)
        // A hazard closed since the trigger keeps its state: the escalation and its archive entry still stand.
        if (Either.isLeft(next)) continue
        hazards.set(hazardId, await appendHazardEvent(tx, { stored, event, next: next.right, actor, at }))
      }
    return { due: due.length, recorded }
  })
  return outcome.ran ? { ran: true, asOf, ...outcome.result } : { ran: false }
}

export interface Sweeper {
  /** Stops the timer and waits for a sweep in progress to finish. */
  readonly stop: () => Promise<void>
}

/**
 * Runs `sweep` every `intervalSeconds`, the next run scheduled only when the previous one has finished,
 * so runs never overlap in one process (the advisory lock keeps instances apart). Failures are reported
 * and the next run tries again: a sweep missed is made good by the next, since escalations are derived.
 */
export const startSweeper = (options: {
  readonly intervalSeconds: number
  readonly sweep: () => Promise<unknown>
  readonly onError: (error: unknown) => void
}): Sweeper => {
  let stopped = false
  let running: Promise<void> | null = null
  let timer: NodeJS.Timeout | undefined
  const tick = async () => {
    running = options.sweep().then(
      () => undefined,
      (error) => options.onError(error),
    )
    await running
    running = null
    if (!stopped) timer = setTimeout(tick, options.intervalSeconds * 1000)
  }
  timer = setTimeout(tick, 0)
  return {
    stop: async () => {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}

/**
 * Sweeps now, after a change that must reach someone at once (a major hazard goes to the fire brigade at
 * once, H-6). The change is already committed: a failed or skipped sweep here is made good by the next
 * scheduled one, so it never fails the request.
 */
export const kickSweep = async (db: Database, asOf: LocalDate, at: Date): Promise<void> => {
  try {
    await runSweep(db, asOf, at)
  } catch (error) {
    console.error("escalation sweep after a change failed; the scheduled sweep will retry", error)
  }
}
