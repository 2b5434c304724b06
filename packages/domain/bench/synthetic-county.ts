import {
  Assignment,
  Department,
  type DepartmentId,
  type DepartmentKind,
  Grid,
  type GridId,
  type GridTree,
  type LocalDate,
  localDate,
  noFlags,
  Person,
  type PersonId,
  Placement,
  Unit,
  type UnitId,
  type UnitKind,
} from "../src/index.ts"

/**
 * A synthetic county for benchmarks, at the scale of a large real county: at size factor 1 it has
 * 20 townships (large grids), 500 villages (medium), 4,000 zones (small) and 100,000 units, of which
 * about one in five is a key unit. Every township has a police station 派出所; the county has the fire
 * brigade 消防救援大队 (which supervises every key unit) and the sector departments.
 *
 * Deterministic (no Math.random, no clock): the same factor always builds the same county, so two
 * benchmark runs and two helpers' benchmarks measure the same data. The factor scales every level
 * (0.1 → 2 townships … 10,000 units; 10 → 200 townships … 1,000,000 units).
 */
export interface SyntheticCounty extends GridTree {
  readonly factor: number
  readonly countyId: GridId
  readonly townshipIds: ReadonlyArray<GridId>
  readonly villageIds: ReadonlyArray<GridId>
  readonly zoneIds: ReadonlyArray<GridId>
  readonly persons: ReadonlyArray<Person>
  readonly departments: ReadonlyArray<Department>
  /** The units of each small grid, in placement order. */
  readonly unitsByZone: ReadonlyMap<GridId, ReadonlyArray<UnitId>>
}

export const SYNTHETIC_SHAPE = {
  townships: 20,
  villagesPerTownship: 25,
  zonesPerVillage: 8,
  unitsPerZone: 25,
} as const

/** A small linear congruential generator: deterministic and fast. */
export const makeRng = (seed: number) => {
  let state = seed >>> 0
  return (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 4294967296
  }
}

const KINDS: ReadonlyArray<readonly [UnitKind, number, boolean]> = [
  // kind, weight, key unit
  ["school", 2, true],
  ["kindergarten", 1, true],
  ["internetCafe", 1, true],
  ["entertainment", 1, true],
  ["supermarket", 3, true],
  ["hotel", 2, true],
  ["clinic", 2, true],
  ["elderCare", 1, true],
  ["warehouse", 2, true],
  ["gasStation", 1, true],
  ["market", 1, true],
  ["institution", 3, true],
  ["factory", 8, false],
  ["shop", 30, false],
  ["restaurant", 12, false],
  ["rentalHouse", 15, false],
  ["courtyard", 15, false],
]
const TOTAL_WEIGHT = KINDS.reduce((s, [, w]) => s + w, 0)
const pickKind = (r: number): readonly [UnitKind, boolean] => {
  let x = r * TOTAL_WEIGHT
  for (const [kind, w, key] of KINDS) {
    if (x < w) return [kind, key]
    x -= w
  }
  return ["other", false]
}

const SECTOR_DEPARTMENTS: ReadonlyArray<readonly [DepartmentKind, string]> = [
  ["construction", "县住房和城乡建设局"],
  ["education", "县教育局"],
  ["commerce", "县商务局"],
  ["workSafety", "县应急管理局（安监）"],
  ["culture", "县文化广电和旅游局"],
  ["marketRegulation", "县市场监督管理局"],
  ["health", "县卫生健康委员会"],
]

const pad = (n: number, width: number) => String(n).padStart(width, "0")

export const buildSyntheticCounty = (
  factor = 1,
  since: LocalDate = localDate("2025-01-01"),
): SyntheticCounty => {
  const townships = Math.max(1, Math.round(SYNTHETIC_SHAPE.townships * factor))
  const rng = makeRng(20260101)
  const grids: Grid[] = []
  const units: Unit[] = []
  const placements: Placement[] = []
  const persons: Person[] = []
  const assignments: Assignment[] = []
  const departments: Department[] = []
  const townshipIds: GridId[] = []
  const villageIds: GridId[] = []
  const zoneIds: GridId[] = []
  const unitsByZone = new Map<GridId, UnitId[]>()

  // `true` as the second argument skips validation: the generator builds valid values by construction
  // and a million validations would measure Schema, not the engine.
  const grid = (id: string, parentId: GridId | null, level: Grid["level"], name: string, code: string) => {
    grids.push(new Grid({ id: id as GridId, parentId, level, name, code }, true))
    const head = `p-${id}` as PersonId
    persons.push(new Person({ id: head, name: `${name}负责人` }, true))
    assignments.push(
      new Assignment(
        { gridId: id as GridId, personId: head, role: "firstResponsible", since, until: null },
        true,
      ),
    )
    return id as GridId
  }
  const department = (id: string, kind: DepartmentKind, name: string, gridId: GridId) =>
    departments.push(new Department({ id: id as DepartmentId, kind, name, gridId }, true))

  const countyId = grid("c", null, "county", "合成县", "990000000000000")
  department("d-c-fireBrigade", "fireBrigade", "县消防救援大队", countyId)
  for (const [kind, name] of SECTOR_DEPARTMENTS) department(`d-c-${kind}`, kind, name, countyId)

  let unitNo = 0
  for (let t = 1; t <= townships; t++) {
    const tCode = pad(t, 3)
    const townshipId = grid(`t${tCode}`, countyId, "large", `第${t}镇`, `990000${tCode}000000`)
    townshipIds.push(townshipId)
    department(`d-t${tCode}-police`, "police", `第${t}镇派出所`, townshipId)
    for (let v = 1; v <= SYNTHETIC_SHAPE.villagesPerTownship; v++) {
      const vCode = pad(v, 3)
      const villageId = grid(
        `t${tCode}-v${vCode}`,
        townshipId,
        "medium",
        `第${t}镇${v}村`,
        `990000${tCode}${vCode}000`,
      )
      villageIds.push(villageId)
      for (let z = 1; z <= SYNTHETIC_SHAPE.zonesPerVillage; z++) {
        const zCode = pad(z, 3)
        const zoneId = grid(
          `t${tCode}-v${vCode}-z${zCode}`,
          villageId,
          "small",
          `第${t}镇${v}村${z}组`,
          `990000${tCode}${vCode}${zCode}`,
        )
        zoneIds.push(zoneId)
        const worker = `p-${zoneId}-w` as PersonId
        persons.push(new Person({ id: worker, name: "网格员" }, true))
        assignments.push(
          new Assignment({ gridId: zoneId, personId: worker, role: "workGroup", since, until: null }, true),
        )
        const here: UnitId[] = []
        for (let u = 0; u < SYNTHETIC_SHAPE.unitsPerZone; u++) {
          unitNo++
          const id = `u${pad(unitNo, 7)}` as UnitId
          const [kind, key] = pickKind(rng())
          units.push(new Unit({ id, name: `单位${unitNo}`, kind, flags: { ...noFlags, key } }, true))
          placements.push(new Placement({ unitId: id, gridId: zoneId }, true))
          here.push(id)
        }
        unitsByZone.set(zoneId, here)
      }
    }
  }

  return {
    factor,
    countyId,
    townshipIds,
    villageIds,
    zoneIds,
    grids,
    units,
    placements,
    persons,
    assignments,
    departments,
    unitsByZone,
  }
}
