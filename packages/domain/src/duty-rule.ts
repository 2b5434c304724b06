import { Schema } from "effect"
import type { ActivityKind } from "./activity.ts"
import { GridLevel } from "./grid.ts"
import { DEPARTMENT_KIND_LABEL, DepartmentKind, GridRole } from "./person.ts"
import { UnitKind } from "./unit.ts"

/**
 * Duty rules as data (SPEC §2, seed 五(三)(四)(五), 六(三)): each rule says who (a role at a grid level,
 * or a kind of department), what (a duty kind, satisfied by one kind of recorded activity), when (a
 * cadence with a window inside each period) and over what (a scope). A county edits the values —
 * weekly to twice a month, the quarter's key-unit check to every month — and the engine follows.
 */

export const DutyRuleId = Schema.NonEmptyTrimmedString.pipe(Schema.brand("DutyRuleId"))
export type DutyRuleId = typeof DutyRuleId.Type

export const DutyKind = Schema.Literal(
  "inspectionSweep",
  "recheck",
  "weeklyInspection",
  "keyUnitCheck",
  "sectorInspection",
  "training",
  "publicityDay",
  "jointMeeting",
  "responsibilityLetter",
  "halfYearSupervision",
  "yearEndEvaluation",
)
export type DutyKind = typeof DutyKind.Type

export const DUTY_KIND_LABEL: Record<DutyKind, string> = {
  inspectionSweep: "消防安全检查日全面排查",
  recheck: "隐患统一复查",
  weeklyInspection: "每周检查",
  keyUnitCheck: "重点单位检查（抽查）",
  sectorInspection: "行业系统消防安全检查",
  training: "消防安全培训",
  publicityDay: "消防安全宣传日",
  jointMeeting: "联席会议",
  responsibilityLetter: "签订消防工作责任书",
  halfYearSupervision: "半年督办",
  yearEndEvaluation: "年终考评",
}

/** Which recorded activity satisfies a duty of each kind. */
export const DUTY_ACTIVITY: Record<DutyKind, ActivityKind> = {
  inspectionSweep: "inspection",
  recheck: "recheck",
  weeklyInspection: "inspection",
  keyUnitCheck: "inspection",
  sectorInspection: "inspection",
  training: "training",
  publicityDay: "publicity",
  jointMeeting: "jointMeeting",
  responsibilityLetter: "letter",
  halfYearSupervision: "supervision",
  yearEndEvaluation: "evaluation",
}

/** Who owes the duty: every grid of a level (the person holding `role` answers for it), or every department of a kind. */
export const DutyActor = Schema.Union(
  Schema.TaggedStruct("Grid", {
    level: GridLevel,
    role: GridRole,
    /** The office that does the work, for labels: 安监办, 村（社区）检查组, 县消防大队 … */
    office: Schema.String,
  }),
  Schema.TaggedStruct("Department", { kind: DepartmentKind }),
)
export type DutyActor = typeof DutyActor.Type

const DayOfMonth = Schema.Int.pipe(Schema.between(1, 31))
const MonthInPeriod = Schema.Int.pipe(Schema.between(1, 12))
const EndOrDay = Schema.Union(DayOfMonth, Schema.Literal("end"))

/**
 * When: the period that repeats and the window inside it.
 * - Weekly: every ISO week, Monday to Sunday.
 * - Monthly: every month, days `fromDay`…`toDay` ("end" = the month's last day): 上旬 is 1–10, 下旬 21–end.
 * - Periodic: every `months` months counted from January (3 = quarters, 6 = half-years, 12 = years), the
 *   window running from day `fromDay` of the period's `fromMonth`-th month to day `toDay` of its `toMonth`-th.
 */
export const Cadence = Schema.Union(
  Schema.TaggedStruct("Weekly", {}),
  Schema.TaggedStruct("Monthly", { fromDay: DayOfMonth, toDay: EndOrDay }).pipe(
    Schema.filter((c) => c.toDay === "end" || c.fromDay <= c.toDay || "窗口开始日不能晚于结束日"),
  ),
  Schema.TaggedStruct("Periodic", {
    months: Schema.Literal(2, 3, 4, 6, 12),
    fromMonth: MonthInPeriod,
    fromDay: DayOfMonth,
    toMonth: MonthInPeriod,
    toDay: EndOrDay,
  }).pipe(
    Schema.filter(
      (c) =>
        (c.fromMonth <= c.months && c.toMonth <= c.months && c.fromMonth <= c.toMonth) ||
        "窗口月份须在周期之内且不倒置",
    ),
  ),
)
export type Cadence = typeof Cadence.Type

export const weekly: Cadence = { _tag: "Weekly" }
export const monthly = (fromDay: number, toDay: number | "end"): Cadence => ({
  _tag: "Monthly",
  fromDay,
  toDay,
})
/** A whole quarter (Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec). */
export const quarterly: Cadence = {
  _tag: "Periodic",
  months: 3,
  fromMonth: 1,
  fromDay: 1,
  toMonth: 3,
  toDay: "end",
}
/** A whole year. */
export const yearly: Cadence = {
  _tag: "Periodic",
  months: 12,
  fromMonth: 1,
  fromDay: 1,
  toMonth: 12,
  toDay: "end",
}

/** How much of the scope an occurrence must cover to be done. */
export const Required = Schema.Union(
  Schema.TaggedStruct("All", {}),
  Schema.TaggedStruct("Share", { percent: Schema.Number.pipe(Schema.between(1, 100)) }),
  Schema.TaggedStruct("AtLeast", { count: Schema.Int.pipe(Schema.positive()) }),
)
export type Required = typeof Required.Type

/** Which units a unit scope takes from the actor's area: all, or only key units, or only some kinds. */
export const UnitFilter = Schema.Struct({
  keyOnly: Schema.Boolean,
  kinds: Schema.optional(Schema.Array(UnitKind)),
})
export type UnitFilter = typeof UnitFilter.Type

/**
 * Over what:
 * - Units: the units placed in small grids under the actor's grid (a department: the grid it serves);
 * - Grids: the grids of the given levels under the actor's grid (letters, trainings, evaluations);
 * - NoticesIssued: the rectification notices the actor's grid issued in the window's month before the
 *   window opened (the 下旬 recheck of the month's notices, D-2);
 * - Departments: the kinds of department that must attend (the joint meeting, D-9);
 * - Occasions: simply that many activities (a publicity day).
 */
export const DutyScope = Schema.Union(
  Schema.TaggedStruct("Units", { filter: UnitFilter, required: Required }),
  Schema.TaggedStruct("Grids", { levels: Schema.Array(GridLevel), required: Required }),
  Schema.TaggedStruct("NoticesIssued", {}),
  Schema.TaggedStruct("Departments", { kinds: Schema.Array(DepartmentKind) }),
  Schema.TaggedStruct("Occasions", { count: Schema.Int.pipe(Schema.positive()) }),
)
export type DutyScope = typeof DutyScope.Type

/** Where a rule comes from: the seed clause and its words, and whether the details are our design. */
export const DutySource = Schema.Struct({
  clause: Schema.String,
  quote: Schema.String,
  /** True where the seed is silent and the default is our decision (SPEC "[design]"). */
  design: Schema.Boolean,
})

export class DutyRule extends Schema.Class<DutyRule>("DutyRule")({
  id: DutyRuleId,
  /** SPEC rule this implements, e.g. "D-1". */
  spec: Schema.String,
  title: Schema.NonEmptyTrimmedString,
  kind: DutyKind,
  who: DutyActor,
  cadence: Cadence,
  /** "确定一个工作日": the actor fixes one workday inside the window (D-1, D-8). */
  oneWorkday: Schema.Boolean,
  scope: DutyScope,
  /**
   * How many days after the window an activity still counts, as "done late". Absent: until the next
   * window of the same rule opens. 0: no late completion.
   */
  lateGraceDays: Schema.optional(Schema.Int.pipe(Schema.nonNegative())),
  enabled: Schema.Boolean,
  source: DutySource,
}) {}

export const DutyRuleSet = Schema.Array(DutyRule).pipe(
  Schema.filter((rules) => {
    const ids = rules.map((r) => r.id)
    const dup = ids.find((id, i) => ids.indexOf(id) !== i)
    return dup === undefined || `规则编号重复：${dup}`
  }),
)
export type DutyRuleSet = typeof DutyRuleSet.Type

const all: Required = { _tag: "All" }
const allUnits: DutyScope = { _tag: "Units", filter: { keyOnly: false }, required: all }
const township = (office: string): DutyActor => ({
  _tag: "Grid",
  level: "large",
  role: "firstResponsible",
  office,
})

const rule = (r: ConstructorParameters<typeof DutyRule>[0]) => DutyRule.make(r)

/** The kinds of unit each department looks after in its own sector (D-6) [design]. */
export const DEPARTMENT_SECTOR: Record<DepartmentKind, ReadonlyArray<UnitKind>> = {
  police: ["internetCafe", "entertainment", "hotel", "rentalHouse"],
  fireBrigade: [],
  construction: ["building", "warehouse"],
  education: ["school", "kindergarten"],
  commerce: ["supermarket", "market", "shop", "gasStation"],
  workSafety: ["factory", "warehouse", "gasStation"],
  culture: ["internetCafe", "entertainment"],
  marketRegulation: ["shop", "restaurant", "supermarket", "market"],
  health: ["clinic", "elderCare"],
}

const SECTOR_DEPARTMENTS = [
  "construction",
  "education",
  "commerce",
  "culture",
  "marketRegulation",
  "health",
] as const

/**
 * The seed's calendar of duties, D-1 … D-11, as the default rule set. Quotes are the seed's own words
 * (its text writes 平安 where the plan means 安全; the titles use 安全).
 */
export const DEFAULT_DUTY_RULES: ReadonlyArray<DutyRule> = [
  rule({
    id: DutyRuleId.make("D-1"),
    spec: "D-1",
    title: "乡镇消防安全检查日：每月上旬确定一个工作日，对辖区社会单位、居（村）民楼院和住宅区全面排查",
    kind: "inspectionSweep",
    who: township("乡（镇、办事处）安监办"),
    cadence: monthly(1, 10),
    oneWorkday: true,
    scope: allUnits,
    enabled: true,
    source: {
      clause: "五(三)",
      quote:
        "每月上旬确定一个工作日作为消防平安检查日,对辖区内的社会单位和居(村)民楼院和住宅区进行一次全面排查",
      design: false,
    },
  }),
  rule({
    id: DutyRuleId.make("D-2"),
    spec: "D-2",
    title: "乡镇统一复查：每月下旬对本月下发的隐患整改通知书进行一次统一复查",
    kind: "recheck",
    who: township("乡（镇、办事处）安监办"),
    cadence: monthly(21, "end"),
    oneWorkday: false,
    scope: { _tag: "NoticesIssued" },
    enabled: true,
    source: {
      clause: "五(三)",
      quote: "由乡(镇、办事处)安监办向隐患单位下发隐患整改通知书,下旬进行一次统一复查",
      design: false,
    },
  }),
  rule({
    id: DutyRuleId.make("D-3"),
    spec: "D-3",
    title: "社区（行政村）每周对辖区单位开展一次检查",
    kind: "weeklyInspection",
    who: { _tag: "Grid", level: "medium", role: "firstResponsible", office: "社区（行政村）检查组" },
    cadence: weekly,
    oneWorkday: false,
    scope: allUnits,
    enabled: true,
    source: { clause: "五(三)", quote: "社区(行政村)每周对辖区单位开展一次检查", design: false },
  }),
  rule({
    id: DutyRuleId.make("D-4"),
    spec: "D-4",
    title: "消防部门定期检查或抽查消防安全重点单位：每季度每家重点单位至少一次",
    kind: "keyUnitCheck",
    who: { _tag: "Department", kind: "fireBrigade" },
    cadence: quarterly,
    oneWorkday: false,
    scope: { _tag: "Units", filter: { keyOnly: true }, required: all },
    enabled: true,
    source: {
      clause: "五(三)",
      quote: "公安消防部门要加强对消防平安重点单位的监管,定期检查或抽查",
      design: true,
    },
  }),
  rule({
    id: DutyRuleId.make("D-5"),
    spec: "D-5",
    title: "公安派出所落实“每周一查”制度",
    kind: "weeklyInspection",
    who: { _tag: "Department", kind: "police" },
    cadence: weekly,
    oneWorkday: false,
    scope: { _tag: "Units", filter: { keyOnly: false }, required: { _tag: "AtLeast", count: 1 } },
    enabled: true,
    source: { clause: "五(三)", quote: "公安派出所要认真落实“每周一查制度", design: false },
  }),
  ...SECTOR_DEPARTMENTS.map((kind) =>
    rule({
      id: DutyRuleId.make(`D-6-${kind}`),
      spec: "D-6",
      title: `${DEPARTMENT_KIND_LABEL[kind]}部门检查本行业、本系统的消防安全`,
      kind: "sectorInspection",
      who: { _tag: "Department", kind },
      cadence: quarterly,
      oneWorkday: false,
      scope: { _tag: "Units", filter: { keyOnly: false, kinds: DEPARTMENT_SECTOR[kind] }, required: all },
      enabled: false,
      source: { clause: "五(三)", quote: "政府相关部门要加强对本行业、本系统的消防平安检查", design: true },
    }),
  ),
  rule({
    id: DutyRuleId.make("D-7"),
    spec: "D-7",
    title: "县消防大队及有关部门每季度对乡镇安监员和从事消防安全工作的人员进行一次培训",
    kind: "training",
    who: { _tag: "Grid", level: "county", role: "firstResponsible", office: "县消防大队及有关部门" },
    cadence: quarterly,
    oneWorkday: false,
    scope: { _tag: "Grids", levels: ["large"], required: all },
    enabled: true,
    source: {
      clause: "五(四)",
      quote: "县消防大队及有关部门每季度对乡(镇、办事处)安监员和从事消防平安工作的人员进行一次消防平安培训",
      design: false,
    },
  }),
  rule({
    id: DutyRuleId.make("D-8"),
    spec: "D-8",
    title: "乡镇消防安全宣传日：每月确定一个工作日，开展“五进”宣传",
    kind: "publicityDay",
    who: township("乡（镇、办事处）"),
    cadence: monthly(1, "end"),
    oneWorkday: true,
    scope: { _tag: "Occasions", count: 1 },
    enabled: true,
    source: {
      clause: "五(四)",
      quote:
        "各乡(镇、办事处)每月确定一个工作日作为消防平安宣传日,以消防平安宣传“五进(即进社区、进学校、进企业、进农村、进家庭)为载体",
      design: false,
    },
  }),
  rule({
    id: DutyRuleId.make("D-9"),
    spec: "D-9",
    title: "乡镇每季度召开由公安、消防、工商、安监、建设等部门参加的联席会议",
    kind: "jointMeeting",
    who: township("乡（镇、办事处）"),
    cadence: quarterly,
    oneWorkday: false,
    scope: {
      _tag: "Departments",
      kinds: ["police", "fireBrigade", "marketRegulation", "workSafety", "construction"],
    },
    enabled: true,
    source: {
      clause: "五(五)",
      quote: "各乡(镇、办事处)要每季度召开由公安、消防、工商、安监、建设等部门参加的联席会议",
      design: false,
    },
  }),
  ...(
    [
      ["county", "县政府", "large"],
      ["large", "乡（镇、办事处）", "medium"],
      ["medium", "社区（行政村）", "small"],
    ] as const
  ).map(([level, office, signer]) =>
    rule({
      id: DutyRuleId.make(`D-10-${level}`),
      spec: "D-10",
      title: `层层签订消防工作责任书：${office}与下一级网格签订`,
      kind: "responsibilityLetter",
      who: { _tag: "Grid", level, role: "firstResponsible", office },
      cadence: yearly,
      oneWorkday: false,
      scope: { _tag: "Grids", levels: [signer], required: all },
      enabled: true,
      source: { clause: "六(三)", quote: "层层签订消防工作责任书", design: false },
    }),
  ),
  rule({
    id: DutyRuleId.make("D-10-units"),
    spec: "D-10",
    title: "责任片区与辖区内各单位签订消防工作责任书",
    kind: "responsibilityLetter",
    who: { _tag: "Grid", level: "small", role: "firstResponsible", office: "责任片区工作组" },
    cadence: yearly,
    oneWorkday: false,
    scope: allUnits,
    enabled: true,
    source: {
      clause: "五(二)",
      quote: "明确本单位及相关人员的消防平安责任,严格落实消防平安责任制和岗位责任制",
      design: true,
    },
  }),
  rule({
    id: DutyRuleId.make("D-11-half"),
    spec: "D-11",
    title: "县政府半年督办：六至七月对各乡镇消防工作督办",
    kind: "halfYearSupervision",
    who: { _tag: "Grid", level: "county", role: "firstResponsible", office: "县政府" },
    cadence: { _tag: "Periodic", months: 12, fromMonth: 6, fromDay: 1, toMonth: 7, toDay: "end" },
    oneWorkday: false,
    scope: { _tag: "Grids", levels: ["large"], required: all },
    lateGraceDays: 31,
    enabled: true,
    source: { clause: "六(三)", quote: "实行半年督办和年终考评", design: true },
  }),
  rule({
    id: DutyRuleId.make("D-11-year"),
    spec: "D-11",
    title: "县政府年终考评：十二月对各乡镇考评",
    kind: "yearEndEvaluation",
    who: { _tag: "Grid", level: "county", role: "firstResponsible", office: "县政府" },
    cadence: { _tag: "Periodic", months: 12, fromMonth: 12, fromDay: 1, toMonth: 12, toDay: "end" },
    oneWorkday: false,
    scope: { _tag: "Grids", levels: ["large"], required: all },
    lateGraceDays: 31,
    enabled: true,
    source: {
      clause: "六(三)",
      quote: "县政府将把消防工作作为年度考评重点,实行半年督办和年终考评",
      design: true,
    },
  }),
  rule({
    id: DutyRuleId.make("D-11-township"),
    spec: "D-11",
    title: "乡镇对中网格、小网格消防工作开展情况进行考核评估（十二月）",
    kind: "yearEndEvaluation",
    who: township("乡（镇、办事处）"),
    cadence: { _tag: "Periodic", months: 12, fromMonth: 12, fromDay: 1, toMonth: 12, toDay: "end" },
    oneWorkday: false,
    scope: { _tag: "Grids", levels: ["medium", "small"], required: all },
    lateGraceDays: 31,
    enabled: true,
    source: {
      clause: "六(三)",
      quote: "各乡(镇、办事处)要对划分出的中网格和小网格消防工作开展情况进行考核评估",
      design: true,
    },
  }),
]

/** A rule with a field changed, e.g. `withRule(DEFAULT_DUTY_RULES, "D-3", { cadence: monthly(1, 15) })`. */
export const withRule = (
  rules: ReadonlyArray<DutyRule>,
  id: string,
  change: Partial<Omit<ConstructorParameters<typeof DutyRule>[0], "id">>,
): ReadonlyArray<DutyRule> => rules.map((r) => (r.id === id ? DutyRule.make({ ...r, ...change }) : r))

/** A short Chinese description of a cadence, e.g. "每月1日至10日", "每周", "每季度". */
export const describeCadence = (c: Cadence): string => {
  switch (c._tag) {
    case "Weekly":
      return "每周"
    case "Monthly":
      return `每月${c.fromDay}日至${c.toDay === "end" ? "月末" : `${c.toDay}日`}`
    case "Periodic": {
      const every = { 2: "每两个月", 3: "每季度", 4: "每四个月", 6: "每半年", 12: "每年" }[c.months]
      const whole = c.fromMonth === 1 && c.fromDay === 1 && c.toMonth === c.months && c.toDay === "end"
      if (whole) return every
      const to = c.toDay === "end" ? "月末" : `${c.toDay}日`
      return `${every}第${c.fromMonth}个月${c.fromDay}日至第${c.toMonth}个月${to}`
    }
    default:
      return absurd(c)
  }
}

const absurd = (x: never): never => {
  throw new Error(`unexpected ${JSON.stringify(x)}`)
}
