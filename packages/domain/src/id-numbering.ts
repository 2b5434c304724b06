/**
 * Numbers the ids of a list so that per-id facts can live in typed arrays, and finds the number of an
 * offered id without hashing it when ids come in list order. Internal to the engines (not exported
 * from the package).
 *
 * Why: a county's year holds millions of unit visits, and hashing a string id into a table of
 * 100,000 units costs a few cache misses each — a quarter of a microsecond on a slow machine, seconds in
 * all. Records usually list units in the grid's own order (a township's sweep recorded unit by unit, a
 * village round as one list), so `slotOf` first compares the offered id with the few items after the
 * last one found, and hashes only when that guess misses. A list in ascending id order (units as the
 * database returns them) is known to repeat no id without hashing it, and its missed guesses are found
 * by bisection until hashing the list once would be cheaper. Any order gives the same answers; list
 * order is only faster.
 */
/** How many items after the last one found are compared with an offered id before it is hashed. */
const LOOK_AHEAD = 4

export class IdNumbering {
  readonly items: ReadonlyArray<string>
  /**
   * The slot of items[k]: the first position of its id, so an id listed twice has one slot. null when
   * the list is known to repeat no id: then the slot is the position.
   */
  readonly slots: Int32Array | null
  /** id → slot; built up front when the list may repeat ids, else on the first missed guess. */
  private bySlot: Map<string, number> | null
  /** Where in `items` the next offered id probably is. */
  private next = 0
  /** Whether the list is in ascending id order: then a missed guess is found by bisection. */
  private readonly ascending: boolean
  /** Missed guesses found by bisection so far; past a share of the list, hashing it once is cheaper. */
  private bisections = 0

  /** `distinct`: the caller vouches that `items` repeats no id (then nothing is hashed up front). */
  constructor(items: ReadonlyArray<string>, distinct: boolean) {
    this.items = items
    this.ascending = ascending(items)
    if (distinct || this.ascending) {
      this.slots = null
      this.bySlot = null
      return
    }
    // Each id hashed once: when the table holds as many ids as the list, no id repeats and the slots
    // are the positions.
    const byPosition = positions(items)
    if (byPosition.size === items.length) {
      this.slots = null
      this.bySlot = byPosition
      return
    }
    // Some id repeats: its slot is its first position.
    const bySlot = new Map<string, number>()
    const slots = new Int32Array(items.length)
    for (let k = 0; k < items.length; k++) {
      const id = items[k]!
      let slot = bySlot.get(id)
      if (slot === undefined) {
        slot = k
        bySlot.set(id, slot)
      }
      slots[k] = slot
    }
    this.slots = slots
    this.bySlot = bySlot
  }

  /** True when no id is listed twice: then every slot is the position of its id. */
  get repeatsNoId(): boolean {
    return this.slots === null
  }

  /** The slot of items[k]. */
  slotAt(k: number): number {
    return this.slots === null ? k : this.slots[k]!
  }

  /** The slot of `id`, or -1 when the list does not hold it. */
  slotOf(id: string): number {
    const items = this.items
    const next = this.next
    // A few items ahead too: a day's visits recorded apart from the next day's, or a sweep of the key
    // units only, skip a few items of the list between two offered ids.
    const end = Math.min(next + LOOK_AHEAD, items.length)
    for (let k = next; k < end; k++)
      if (items[k] === id) {
        this.next = k + 1
        return this.slots === null ? k : this.slots[k]!
      }
    let slot: number | undefined
    if (this.bySlot === null && this.ascending && this.bisections < items.length >> 2) {
      this.bisections++
      slot = bisect(items, id)
    } else {
      this.bySlot ??= positions(items)
      slot = this.bySlot.get(id)
    }
    if (slot === undefined) return -1
    this.next = slot + 1
    return slot
  }
}

/**
 * Whether every id is greater than the one before: such a list repeats no id, which one comparison per
 * neighbour proves without hashing every id (records read in id order, as the database returns them).
 */
const ascending = (items: ReadonlyArray<string>): boolean => {
  for (let k = 1; k < items.length; k++) if (!(items[k - 1]! < items[k]!)) return false
  return true
}

/** The position of `id` in an ascending list with no repeats, or undefined. */
const bisect = (items: ReadonlyArray<string>, id: string): number | undefined => {
  let lo = 0
  let hi = items.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (items[mid]! < id) lo = mid + 1
    else hi = mid
  }
  return lo < items.length && items[lo] === id ? lo : undefined
}

/** id → position; for an id listed twice, its last position. */
const positions = (items: ReadonlyArray<string>): Map<string, number> => {
  const bySlot = new Map<string, number>()
  for (let k = 0; k < items.length; k++) bySlot.set(items[k]!, k)
  return bySlot
}
