/**
 * A fixed-window counter per key (a client address). It lives in the process: with several API instances
 * each enforces its own share, which is enough to stop one phone or script flooding a township's queue.
 */
export interface RateLimit {
  readonly limit: number
  readonly windowMs: number
}

export type RateDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly retryAfterSeconds: number }

export interface RateLimiter {
  readonly take: (key: string, now: number) => RateDecision
}

export const createRateLimiter = ({ limit, windowMs }: RateLimit): RateLimiter => {
  const windows = new Map<string, { start: number; count: number }>()
  let lastSweep = 0
  return {
    take: (key, now) => {
      // Forget finished windows now and then, so the map holds only recent addresses.
      if (now - lastSweep > windowMs) {
        for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k)
        lastSweep = now
      }
      const current = windows.get(key)
      if (!current || now - current.start >= windowMs) {
        windows.set(key, { start: now, count: 1 })
        return { allowed: true }
      }
      if (current.count < limit) {
        current.count++
        return { allowed: true }
      }
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((current.start + windowMs - now) / 1000)),
      }
    },
  }
}

/** Reads "N/SECONDS" (e.g. "10/600"); anything else is a configuration mistake worth stopping for. */
export const parseRateLimit = (text: string): RateLimit => {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim())
  if (!match) throw new Error(`a rate limit is written N/SECONDS, e.g. 10/600; got "${text}"`)
  return { limit: Number(match[1]), windowMs: Number(match[2]) * 1000 }
}
