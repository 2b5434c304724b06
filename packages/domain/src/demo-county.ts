import type { GridTree } from "./coverage.ts"
import { Grid } from "./grid.ts"
import { type GridId, type PersonId, UnitId } from "./ids.ts"
import { type LocalDate, localDate } from "./local-date.ts"
import { Assignment, Department, type DepartmentKind, type GridRole, Person } from "./person.ts"
import { noFlags, Placement, Unit, type UnitFlags, type UnitKind } from "./unit.ts"

/**
 * The demo county: one town built to the figures of the 告成镇 report (SPEC G-10): 24 administrative
 * villages, 200 villager groups, 500+ business units of which 219 are key supervised units (14 schools,
 * 4 internet cafés, 6 entertainment venues, 21 supermarkets). Village names are those of the real town
 * where known; people's names other than the two the report names are made up. Deterministic: the same
 * call always builds the same county.
 */
export interface DemoCounty extends GridTree {
  readonly persons: ReadonlyArray<Person>
  readonly departments: ReadonlyArray<Department>
  readonly countyId: GridId
  readonly townId: GridId
}

export const DEMO_FIGURES = {
  villages: 24,
  villagerGroups: 200,
  units: 520,
  keyUnits: 219,
  schools: 14,
  internetCafes: 4,
  entertainment: 6,
  supermarkets: 21,
  inspectors: 3,
  administrators: 12,
} as const

const VILLAGES = [
  "告成村",
  "八方村",
  "曲河村",
  "东赵村",
  "北沟村",
  "王村",
  "五渡河村",
  "新庄村",
  "石羊关村",
  "冯庄村",
  "袁桥村",
  "寨湾村",
  "水磨湾村",
  "西白栗坪村",
  "东白栗坪村",
  "杨村",
  "范村",
  "程窑村",
  "河西村",
  "后河村",
  "望城岗村",
  "槐树村",
  "耿庄村",
  "西赵村",
] as const

const SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
const GIVEN = "国建明华军伟强平志红玉秀英丽敏静海涛波勇磊超杰峰鹏辉刚林宏斌文利春青松德福"
const SINCE: LocalDate = localDate("2023-01-01")

/** A small deterministic generator so names do not depend on Math.random. */
const makeNamer = () => {
  let state = 20230630
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state
  }
  const pick = (chars: string) => chars[next() % chars.length]!
  return () => pick(SURNAMES) + pick(GIVEN) + (next() % 3 === 0 ? "" : pick(GIVEN))
}

const ordinal = (n: number) =>
  ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"][n] ?? String(n)
const groupName = (n: number) =>
  `第${n <= 10 ? ordinal(n) : n < 20 ? `十${ordinal(n - 10)}` : String(n)}村民小组`

/** (kind, how many, flags, is key, name maker) — the key units first, 219 of them. */
interface UnitPlan {
  readonly kind: UnitKind
  readonly count: number
  readonly key: boolean
  readonly flags: Partial<UnitFlags>
  readonly name: (village: string, n: number, person: string) => string
}

const crowded = { crowded: true }
const UNIT_PLANS: ReadonlyArray<UnitPlan> = [
  {
    kind: "school",
    count: 14,
    key: true,
    flags: crowded,
    name: (v, n) => (n <= 2 ? `告成镇第${ordinal(n)}初级中学` : `${v}小学`),
  },
  { kind: "internetCafe", count: 4, key: true, flags: crowded, name: (v) => `${v.slice(0, -1)}星空网吧` },
  { kind: "entertainment", count: 6, key: true, flags: crowded, name: (v) => `${v.slice(0, -1)}欢乐KTV` },
  {
    kind: "supermarket",
    count: 21,
    key: true,
    flags: crowded,
    name: (v, _n, p) => `${v.slice(0, -1)}${p.slice(0, 1)}氏超市`,
  },
  {
    kind: "factory",
    count: 60,
    key: true,
    flags: {},
    name: (v, n) => `登封${v.slice(0, -1)}${["耐材", "铸造", "机械", "建材", "食品", "纸业"][n % 6]}有限公司`,
  },
  {
    kind: "restaurant",
    count: 30,
    key: true,
    flags: crowded,
    name: (v, _n, p) => `${v.slice(0, -1)}${p.slice(0, 1)}家大酒店`,
  },
  { kind: "hotel", count: 12, key: true, flags: crowded, name: (v) => `${v.slice(0, -1)}宾馆` },
  { kind: "clinic", count: 15, key: true, flags: crowded, name: (v) => `${v}卫生室` },
  { kind: "kindergarten", count: 10, key: true, flags: crowded, name: (v) => `${v}幼儿园` },
  { kind: "elderCare", count: 6, key: true, flags: crowded, name: (v) => `${v.slice(0, -1)}敬老院` },
  {
    kind: "warehouse",
    count: 20,
    key: true,
    flags: { flammable: true },
    name: (v, n) => `${v.slice(0, -1)}物流仓库${n}号`,
  },
  {
    kind: "gasStation",
    count: 6,
    key: true,
    flags: { flammable: true },
    name: (v) => `中石化${v.slice(0, -1)}加油站`,
  },
  { kind: "market", count: 5, key: true, flags: crowded, name: (v) => `${v.slice(0, -1)}集贸市场` },
  { kind: "institution", count: 10, key: true, flags: {}, name: (v) => `${v}村民委员会` },
  {
    kind: "shop",
    count: 150,
    key: false,
    flags: { streetFront: true, smallPlace: true },
    name: (v, n, p) => `${p}${["百货", "五金", "烟酒", "服装", "电动车", "粮油"][n % 6]}店（${v}）`,
  },
  {
    kind: "rentalHouse",
    count: 60,
    key: false,
    flags: { rental: true },
    name: (v, _n, p) => `${v}${p}出租房`,
  },
  { kind: "courtyard", count: 50, key: false, flags: {}, name: (v, _n, p) => `${v}${p}家院落` },
  {
    kind: "restaurant",
    count: 30,
    key: false,
    flags: { smallPlace: true, streetFront: true },
    name: (v, _n, p) => `${p}小吃（${v}）`,
  },
  {
    kind: "factory",
    count: 11,
    key: false,
    flags: { threeInOne: true, smallPlace: true },
    name: (v, _n, p) => `${v}${p}家庭作坊`,
  },
]

export const buildDemoCounty = (): DemoCounty => {
  const nextName = makeNamer()
  const grids: Grid[] = []
  const persons: Person[] = []
  const assignments: Assignment[] = []
  const departments: Department[] = []

  const person = (id: string, name: string, title: string): PersonId => {
    persons.push(Person.make({ id: id as PersonId, name, title }))
    return id as PersonId
  }
  const assign = (gridId: GridId, personId: PersonId, role: GridRole) =>
    assignments.push(Assignment.make({ gridId, personId, role, since: SINCE, until: null }))

  const countyId = "county" as GridId
  grids.push(
    Grid.make({ id: countyId, parentId: null, level: "county", name: "XX县", code: "410185000000000" }),
  )
  assign(countyId, person("p-county-head", nextName(), "县长"), "firstResponsible")

  const townId = "town-gaocheng" as GridId
  grids.push(
    Grid.make({
      id: townId,
      parentId: countyId,
      level: "large",
      name: "告成镇",
      code: "410185001000000",
      location: "县城东南 12 公里，嵩山箕山之间，总面积 72.81 平方公里",
    }),
  )
  assign(townId, person("p-town-head", "何聪道", "镇党委副书记、镇长"), "firstResponsible")
  assign(townId, person("p-town-office", "刘国彬", "镇消防中队队长、领导小组办公室主任"), "leader")
  for (let i = 1; i <= DEMO_FIGURES.inspectors; i++)
    assign(townId, person(`p-town-inspector-${i}`, nextName(), "专职安检员"), "inspector")
  const departmentKinds: ReadonlyArray<readonly [DepartmentKind, string]> = [
    ["police", "告成派出所"],
    ["fireBrigade", "县消防大队告成中队"],
    ["construction", "镇建设办"],
    ["education", "镇中心学校"],
    ["commerce", "镇商务办"],
    ["workSafety", "镇安监办"],
    ["culture", "镇文化站"],
    ["marketRegulation", "告成市场监管所"],
    ["health", "镇卫生院"],
  ]
  for (const [kind, name] of departmentKinds)
    departments.push(Department.make({ id: `d-${kind}` as Department["id"], kind, name, gridId: townId }))

  const zoneIds: GridId[] = []
  VILLAGES.forEach((village, v) => {
    const villageId = `v${String(v + 1).padStart(2, "0")}` as GridId
    const villageCode = String(v + 1).padStart(3, "0")
    grids.push(
      Grid.make({
        id: villageId,
        parentId: townId,
        level: "medium",
        name: village,
        code: `410185001${villageCode}000`,
      }),
    )
    assign(villageId, person(`p-${villageId}-head`, nextName(), "村委会主任"), "firstResponsible")
    if (v % 2 === 0)
      assign(villageId, person(`p-${villageId}-admin`, nextName(), "消防安全管理员"), "administrator")

    // 200 villager groups over 24 villages: the first 8 villages have 9 groups, the rest 8.
    const groupsHere = v < DEMO_FIGURES.villagerGroups - 8 * VILLAGES.length ? 9 : 8
    for (let g = 1; g <= groupsHere; g++) {
      const zoneId = `${villageId}-z${g}` as GridId
      zoneIds.push(zoneId)
      grids.push(
        Grid.make({
          id: zoneId,
          parentId: villageId,
          level: "small",
          name: `${village}${groupName(g)}`,
          code: `410185001${villageCode}${String(g).padStart(3, "0")}`,
          location: `${village}${groupName(g)}居住区及沿街商户`,
        }),
      )
      const leader = person(`p-${zoneId}-leader`, nextName(), "村民小组长")
      assign(zoneId, leader, "firstResponsible")
      assign(zoneId, leader, "mainResponsible")
      assign(zoneId, person(`p-${zoneId}-member`, nextName(), "网格员"), "workGroup")
    }
  })

  const units: Unit[] = []
  const placements: Placement[] = []
  const namesSeen = new Map<string, number>()
  // Two shops of the same family name in one village are told apart the way ledgers do: 二店, 三店 …
  const distinct = (name: string) => {
    const seen = (namesSeen.get(name) ?? 0) + 1
    namesSeen.set(name, seen)
    return seen === 1 ? name : `${name}（${ordinal(seen) || seen}号）`
  }
  for (const plan of UNIT_PLANS) {
    for (let n = 1; n <= plan.count; n++) {
      const i = units.length
      // Spread units over zones with a stride coprime to 200 so every village gets a mix.
      const zoneId = zoneIds[(i * 7) % zoneIds.length]!
      const village = VILLAGES[Number(zoneId.slice(1, 3)) - 1]!
      const id = UnitId.make(`u${String(i + 1).padStart(4, "0")}`)
      units.push(
        Unit.make({
          id,
          name: distinct(plan.name(village, n, nextName())),
          kind: plan.kind,
          flags: { ...noFlags, ...plan.flags, key: plan.key },
          address: `告成镇${village}`,
        }),
      )
      placements.push(Placement.make({ unitId: id, gridId: zoneId }))
    }
  }

  return { grids, units, placements, assignments, persons, departments, countyId, townId }
}
