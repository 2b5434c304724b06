import type { Gb35181Element, Gb35181Rules } from "./gb35181.ts"

/**
 * GB 35181-2025 《重大火灾隐患判定规则》 — DATA TO BE CHECKED AGAINST THE OFFICIAL TEXT.
 *
 * Confirmed (REFERENCE.md and the standard's foreword): issued 2025-04-25, in force 2025-11-01, replaces
 * GB 35181-2017 《重大火灾隐患判定方法》; direct elements moved to chapter 5 and comprehensive elements to
 * chapter 6, both "changed"; the term 重要场所 was deleted; 儿童活动场所, 老年人照料设施, 劳动密集型企业 and
 * 多业态混合生产经营场所 were added; Appendix A adds rules for fire-alarm and fixed extinguishing systems
 * that do not work; the exclusions (4.2) were changed.
 *
 * NOT confirmed: the 2025 element lists and thresholds themselves. Until someone types them in from the
 * official text, the entries below are the 2017 edition's (codes keep the 2017 clause numbers, `clause2025`
 * is null) and every one is marked `unconfirmed`, so each verdict built on them says so. To correct an
 * entry: fix its text, set `clause2025` and `confidence: "confirmed"`; add or delete entries freely —
 * the engine reads only this file.
 */

const direct = (code: string, clause: string, text: string): Gb35181Element => ({
  code,
  kind: "direct",
  text,
  clause2017: clause,
  clause2025: null,
  confidence: "unconfirmed",
})

const comp = (code: string, clause: string, category: string, text: string): Gb35181Element => ({
  code,
  kind: "comprehensive",
  category,
  text,
  clause2017: clause,
  clause2025: null,
  confidence: "unconfirmed",
})

const LAYOUT = "总平面布局"
const SEPARATION = "防火分隔"
const EVACUATION = "安全疏散设施及灭火救援条件"
const WATER = "消防给水及灭火设施"
const SMOKE = "防烟排烟设施"
const POWER = "消防供电"
const ALARM = "火灾自动报警系统"
const MANAGEMENT = "消防安全管理"
const OTHER = "其他"

export const GB35181_2025: Gb35181Rules = {
  edition: "GB 35181-2025",
  title: "重大火灾隐患判定规则",
  issuedOn: "2025-04-25",
  effectiveFrom: "2025-11-01",
  replaces: "GB 35181-2017 重大火灾隐患判定方法",
  notes: [
    "要素清单与阈值沿用 GB 35181-2017 第6、7章编号，尚未与 2025 版第5、6章原文逐条核对。",
    "2017 版 6.1–6.5 直接判定要素及不予判定情形的文字已由二手资料核实；6.6–6.10 与第7章条文为回忆整理。",
    "2025 版删除“重要场所”术语，2017 版“人员密集场所、易燃易爆危险品场所、重要场所 ≥4 条”阈值中的“重要场所”已去掉。",
    "2025 版新增附录A（火灾自动报警系统和固定灭火设施不能正常运行的判定规则）尚未录入。",
    "2025 版新增儿童活动场所、老年人照料设施、劳动密集型企业、多业态混合生产经营场所等术语，其对应要素尚未录入。",
  ],
  elements: [
    direct(
      "D6.1",
      "6.1",
      "生产、储存和装卸易燃易爆危险品的工厂、仓库和专用车站、码头、储罐区，未设置在城市的边缘或相对独立的安全地带",
    ),
    direct(
      "D6.2",
      "6.2",
      "生产、储存、经营易燃易爆危险品的场所与人员密集场所、居住场所设置在同一建筑物内，或与其防火间距小于规定值的75%",
    ),
    direct(
      "D6.3",
      "6.3",
      "城市建成区内的加油站、天然气或液化石油气加气站、加油加气合建站的储量达到或超过一级站的规定",
    ),
    direct("D6.4", "6.4", "甲、乙类生产场所和仓库设置在建筑的地下室或半地下室"),
    direct(
      "D6.5",
      "6.5",
      "公共娱乐场所、商店、地下人员密集场所的安全出口数量不足或其总净宽度小于规定值的80%",
    ),
    direct(
      "D6.6",
      "6.6",
      "旅馆、公共娱乐场所、商店、地下人员密集场所未按规定设置自动喷水灭火系统或火灾自动报警系统",
    ),
    direct(
      "D6.7",
      "6.7",
      "易燃可燃液体、可燃气体储罐（区）未按规定设置固定灭火、冷却、可燃气体浓度报警、火灾报警设施",
    ),
    direct("D6.8", "6.8", "在人员密集场所违反消防安全规定使用、储存或销售易燃易爆危险品"),
    direct("D6.9", "6.9", "托儿所、幼儿园的儿童用房以及老年人活动场所，所在楼层位置不符合规定"),
    direct("D6.10", "6.10", "人员密集场所的居住场所采用彩钢夹芯板搭建，且芯材燃烧性能等级低于 A 级"),

    comp("C7.1.1", "7.1.1", LAYOUT, "未按规定设置消防车道或消防车道被堵塞、占用"),
    comp("C7.1.2", "7.1.2", LAYOUT, "建筑之间的既有防火间距被占用或小于规定值的80%"),
    comp(
      "C7.1.3",
      "7.1.3",
      LAYOUT,
      "在厂房、库房、商场中设置员工宿舍，或在居住等民用建筑中从事生产、储存、经营等活动，且不符合 GA 703（“三合一”）",
    ),
    comp("C7.2.1", "7.2.1", SEPARATION, "原有防火分区被改变并导致实际防火分区面积大于规定值的50%"),
    comp(
      "C7.2.2",
      "7.2.2",
      SEPARATION,
      "防火门、防火卷帘等防火分隔设施损坏的数量大于该防火分区相应设施总数的50%",
    ),
    comp(
      "C7.2.3",
      "7.2.3",
      SEPARATION,
      "丙、丁、戊类厂房内有火灾或爆炸危险的部位未采取防火分隔等防火防爆技术措施",
    ),
    comp("C7.3.1", "7.3.1", EVACUATION, "避难走道、避难间、避难层的设置不符合规定，或被占用"),
    comp("C7.3.2", "7.3.2", EVACUATION, "人员密集场所内疏散楼梯间的设置形式不符合规定"),
    comp(
      "C7.3.3",
      "7.3.3",
      EVACUATION,
      "其他场所或建筑物的安全出口数量或宽度不符合规定，或既有安全出口被封堵",
    ),
    comp("C7.3.4", "7.3.4", EVACUATION, "按规定应设置独立的安全出口或疏散楼梯而未设置"),
    comp("C7.3.5", "7.3.5", EVACUATION, "商店营业厅内的疏散距离大于规定值的125%"),
    comp(
      "C7.3.6",
      "7.3.6",
      EVACUATION,
      "未按规定设置疏散指示标志、应急照明，或损坏率大于规定数量的30%（高层、地下）/50%（其他）",
    ),
    comp(
      "C7.3.7",
      "7.3.7",
      EVACUATION,
      "封闭楼梯间或防烟楼梯间的门的损坏率超过其总数的20%（设有人员密集场所的高层）/50%（其他）",
    ),
    comp(
      "C7.3.8",
      "7.3.8",
      EVACUATION,
      "人员密集场所内疏散走道、疏散楼梯间、前室的室内装修材料燃烧性能不符合规定",
    ),
    comp("C7.3.9", "7.3.9", EVACUATION, "人员密集场所的疏散走道、楼梯间、疏散门或安全出口设置栅栏、卷帘门"),
    comp("C7.3.10", "7.3.10", EVACUATION, "人员密集场所的外窗被封堵或被广告牌等遮挡"),
    comp("C7.3.11", "7.3.11", EVACUATION, "高层建筑的消防车道、救援场地设置不符合要求或被占用，影响火灾扑救"),
    comp("C7.3.12", "7.3.12", EVACUATION, "消防电梯无法正常运行"),
    comp("C7.4.1", "7.4.1", WATER, "未按规定设置消防水源、储水设施，或不能正常使用"),
    comp("C7.4.2", "7.4.2", WATER, "未按规定设置室外消防给水系统，或不能正常使用"),
    comp("C7.4.3", "7.4.3", WATER, "未按规定设置室内消火栓系统，或不能正常使用"),
    comp("C7.4.4", "7.4.4", WATER, "除 D6.6 所列场所外，其他场所或建筑物未按规定设置自动喷水灭火系统"),
    comp("C7.4.5", "7.4.5", WATER, "未按规定设置除自动喷水灭火系统外的其他固定灭火设施"),
    comp("C7.4.6", "7.4.6", WATER, "已设置的自动喷水灭火系统或其他固定灭火设施不能正常使用或运行"),
    comp(
      "C7.5.1",
      "7.5",
      SMOKE,
      "人员密集场所、高层建筑和地下建筑未按规定设置防烟、排烟设施，或不能正常使用或运行",
    ),
    comp("C7.6.1", "7.6.1", POWER, "消防用电设备的供电负荷级别不符合规定"),
    comp("C7.6.2", "7.6.2", POWER, "消防用电设备未按规定采用专用的供电回路"),
    comp("C7.6.3", "7.6.3", POWER, "未按规定设置消防用电设备末端自动切换装置，或不能正常自动切换"),
    comp("C7.7.1", "7.7.1", ALARM, "除 D6.6 所列场所外，其他场所未按规定设置火灾自动报警系统"),
    comp("C7.7.2", "7.7.2", ALARM, "火灾自动报警系统不能正常运行"),
    comp("C7.7.3", "7.7.3", ALARM, "防烟排烟系统、消防水泵以及其他自动消防设施不能正常联动控制"),
    comp("C7.8.1", "7.8.1", MANAGEMENT, "社会单位未按消防法律法规要求设置专职消防队"),
    comp("C7.8.2", "7.8.2", MANAGEMENT, "消防控制室值班人员未按规定持证上岗"),
    comp("C7.9.1", "7.9.1", OTHER, "生产、储存场所的建筑耐火等级与其生产、储存物品的火灾危险性类别不相匹配"),
    comp(
      "C7.9.2",
      "7.9.2",
      OTHER,
      "易燃易爆危险品场所或有粉尘爆炸危险场所未按规定设置防爆电气设备和泄压设施，或失效",
    ),
    comp(
      "C7.9.3",
      "7.9.3",
      OTHER,
      "违反规定在可燃材料或可燃构件上直接敷设电气线路或安装电气设备，或采用不符合规定的配电线缆",
    ),
    comp("C7.9.4", "7.9.4", OTHER, "违反规定在人员密集场所使用易燃、可燃材料装修、装饰"),
  ],
  thresholds: [
    {
      id: "crowded-subset",
      placeTypes: ["crowded"],
      elements: [
        "C7.3.1",
        "C7.3.2",
        "C7.3.3",
        "C7.3.4",
        "C7.3.5",
        "C7.3.6",
        "C7.3.7",
        "C7.3.8",
        "C7.3.9",
        "C7.5.1",
        "C7.9.3",
      ],
      atLeast: 3,
      text: "人员密集场所存在安全疏散、防烟排烟及电气线路类综合判定要素 3 条以上",
      confidence: "unconfirmed",
    },
    {
      id: "flammable-subset",
      placeTypes: ["flammable"],
      elements: ["C7.1.1", "C7.1.2", "C7.1.3", "C7.4.5", "C7.4.6", "C7.9.2"],
      atLeast: 3,
      text: "易燃易爆危险品场所存在总平面布局、固定灭火设施及防爆类综合判定要素 3 条以上",
      confidence: "unconfirmed",
    },
    {
      id: "crowded-or-flammable-any",
      placeTypes: ["crowded", "flammable"],
      elements: "any",
      atLeast: 4,
      text: "人员密集场所、易燃易爆危险品场所存在任意综合判定要素 4 条以上",
      confidence: "unconfirmed",
    },
    {
      id: "other-any",
      placeTypes: ["other"],
      elements: "any",
      atLeast: 6,
      text: "其他场所存在任意综合判定要素 6 条以上",
      confidence: "unconfirmed",
    },
  ],
  exclusions: [
    {
      code: "expertApprovedMeasures",
      text: "依法进行了消防设计专家评审，并已采取相应技术措施",
      confidence: "unconfirmed",
    },
    { code: "outOfUse", text: "单位、场所已经停产停业或停止使用", confidence: "unconfirmed" },
    {
      code: "cannotCauseMajorFire",
      text: "不足以导致重大、特别重大火灾事故或严重社会影响",
      confidence: "unconfirmed",
    },
  ],
}
