import { type Database, gridSubtree, listActivities, loadLedgerRecords, loadPersons } from "@firegrid/db"
import {
  ACTIVITY_KIND_LABEL,
  DEPARTMENT_KIND_LABEL,
  describeTarget,
  ESCALATION_TRIGGER_LABEL,
  Escalation,
  FIVE_ENTERS_LABEL,
  HAZARD_CATEGORY_LABEL,
  HAZARD_SEVERITY_LABEL,
  HAZARD_STATE_LABEL,
  Hazard,
  type LocalDate,
  NOTICE_ISSUER_LABEL,
  Notice,
  Recheck,
  UNIT_FLAG_LABEL,
  UNIT_KIND_LABEL,
  type UnitFlags,
} from "@firegrid/domain"
import { Either, Schema } from "effect"
import ExcelJS from "exceljs"
import { loadDutyWorld } from "./duty-world.ts"

/**
 * A grid's archive ledger 台账 for a period as a workbook (A-1, 六(二) "经得起各级检查"): one sheet per kind
 * of record, Chinese headers, real dates, the header row frozen. Documents are decoded with the domain's
 * schemas; a stored record the schemas no longer accept still gets its row, from its columns, marked so.
 */

const SHANGHAI_OFFSET_MS = 8 * 3600_000

/** Excel has no time zones: a date is written as that calendar day at midnight, shown without a time. */
const excelDate = (d: string | null | undefined): Date | null => (d ? new Date(`${d}T00:00:00Z`) : null)
/** An instant as Shanghai wall-clock time. */
const excelTime = (iso: string): Date => new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS)

interface Column {
  readonly header: string
  readonly key: string
  readonly width: number
  readonly date?: "day" | "time"
}

const addSheet = (
  workbook: ExcelJS.Workbook,
  name: string,
  columns: ReadonlyArray<Column>,
  rows: ReadonlyArray<Record<string, unknown>>,
) => {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] })
  sheet.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    ...(c.date ? { style: { numFmt: c.date === "day" ? "yyyy-mm-dd" : "yyyy-mm-dd hh:mm:ss" } } : {}),
  }))
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).alignment = { vertical: "middle" }
  for (const row of rows) sheet.addRow(row)
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } }
  return sheet
}

const decoded = <A, I>(schema: Schema.Schema<A, I, never>, doc: unknown): A | null =>
  Either.getOrNull(Schema.decodeUnknownEither(schema)(doc))

const UNREADABLE = "（原始记录格式无法解析，仅列出基本字段）"

export const buildLedger = async (
  db: Database,
  gridId: string,
  from: LocalDate,
  to: LocalDate,
): Promise<{ readonly buffer: Buffer; readonly gridName: string }> => {
  const gridIds = await gridSubtree(db, gridId)
  const atFrom = new Date(Date.parse(`${from}T00:00:00Z`) - SHANGHAI_OFFSET_MS)
  const atUntil = new Date(Date.parse(`${to}T00:00:00Z`) - SHANGHAI_OFFSET_MS + 86_400_000)
  const [records, activities, world, persons] = await Promise.all([
    loadLedgerRecords(db, { gridIds, from, to, atFrom, atUntil }),
    listActivities(db, { from, to, gridIds }),
    loadDutyWorld(db, gridId, from, to),
    loadPersons(db),
  ])
  const names = world.names
  const personName = new Map<string, string>(persons.map((p) => [p.id, p.name]))
  const anyName = (id: string) => {
    const grid = names.grid(id)
    if (grid !== id) return grid
    const unit = names.unit(id)
    return unit !== id ? unit : names.department(id)
  }
  const workbook = new ExcelJS.Workbook()
  workbook.creator = "firegrid 消防安全网格化管理"
  workbook.created = atUntil

  addSheet(
    workbook,
    "单位",
    [
      { header: "单位编号", key: "id", width: 12 },
      { header: "单位名称", key: "name", width: 30 },
      { header: "类别", key: "kind", width: 14 },
      { header: "重点标识", key: "flags", width: 30 },
      { header: "地址", key: "address", width: 30 },
      { header: "所属责任片区", key: "zone", width: 26 },
    ],
    records.units.map((u) => ({
      id: u.id,
      name: u.name,
      kind: UNIT_KIND_LABEL[u.kind] ?? u.kind,
      flags: (Object.keys(UNIT_FLAG_LABEL) as Array<keyof UnitFlags>)
        .filter((f) => (u.flags as UnitFlags)[f])
        .map((f) => UNIT_FLAG_LABEL[f])
        .join("、"),
      address: u.address ?? "",
      zone: u.gridId ? names.grid(u.gridId) : "",
    })),
  )

  const inspections = activities.filter((a) => a.kind === "inspection")
  addSheet(
    workbook,
    "检查记录",
    [
      { header: "记录编号", key: "id", width: 28 },
      { header: "检查日期", key: "date", width: 12, date: "day" },
      { header: "检查网格", key: "grid", width: 18 },
      { header: "检查部门", key: "department", width: 18 },
      { header: "检查单位数", key: "count", width: 10 },
      { header: "检查单位", key: "units", width: 60 },
      { header: "检查人员", key: "people", width: 20 },
      { header: "说明", key: "note", width: 30 },
    ],
    inspections.map((a) => ({
      id: a.id,
      date: excelDate(a.date),
      grid: names.grid(a.gridId),
      department: a.departmentId ? names.department(a.departmentId) : "",
      count: a.unitIds?.length ?? 0,
      units: (a.unitIds ?? []).map(names.unit).join("、"),
      people: (a.participants ?? []).map((p) => personName.get(p) ?? p).join("、"),
      note: a.note ?? "",
    })),
  )

  addSheet(
    workbook,
    "培训宣传会议责任书",
    [
      { header: "记录编号", key: "id", width: 28 },
      { header: "日期", key: "date", width: 12, date: "day" },
      { header: "类型", key: "kind", width: 18 },
      { header: "组织网格", key: "grid", width: 18 },
      { header: "对象（网格/单位/部门/五进）", key: "subjects", width: 60 },
      { header: "参加人员", key: "people", width: 20 },
      { header: "说明", key: "note", width: 30 },
    ],
    activities
      .filter((a) => a.kind !== "inspection")
      .map((a) => ({
        id: a.id,
        date: excelDate(a.date),
        kind: ACTIVITY_KIND_LABEL[a.kind],
        grid: names.grid(a.gridId),
        subjects: [
          ...(a.gridIds ?? []).map(names.grid),
          ...(a.unitIds ?? []).map(names.unit),
          ...(a.departmentKinds ?? []).map((k) => DEPARTMENT_KIND_LABEL[k]),
          ...(a.fiveEnters ?? []).map((k) => FIVE_ENTERS_LABEL[k]),
          ...(a.noticeIds ?? []),
        ].join("、"),
        people: (a.participants ?? []).map((p) => personName.get(p) ?? p).join("、"),
        note: a.note ?? "",
      })),
  )

  addSheet(
    workbook,
    "隐患",
    [
      { header: "隐患编号", key: "id", width: 22 },
      { header: "发现日期", key: "foundOn", width: 12, date: "day" },
      { header: "单位", key: "unit", width: 28 },
      { header: "责任片区", key: "zone", width: 24 },
      { header: "类别", key: "category", width: 18 },
      { header: "等级", key: "severity", width: 14 },
      { header: "状态", key: "state", width: 16 },
      { header: "描述", key: "description", width: 50 },
    ],
    records.hazards.map((h) => {
      const hazard = decoded(Hazard, h.doc)
      return {
        id: h.id,
        foundOn: excelDate(h.foundOn),
        unit: names.unit(h.unitId),
        zone: names.grid(h.gridId),
        category: hazard ? HAZARD_CATEGORY_LABEL[hazard.category] : "",
        severity: HAZARD_SEVERITY_LABEL[h.severity as keyof typeof HAZARD_SEVERITY_LABEL] ?? h.severity,
        state: HAZARD_STATE_LABEL[h.stateTag as keyof typeof HAZARD_STATE_LABEL] ?? h.stateTag,
        description: hazard ? hazard.description : UNREADABLE,
      }
    }),
  )

  addSheet(
    workbook,
    "整改通知书",
    [
      { header: "文号", key: "number", width: 26 },
      { header: "下发日期", key: "issuedOn", width: 12, date: "day" },
      { header: "整改期限", key: "deadline", width: 12, date: "day" },
      { header: "下发单位", key: "issuer", width: 28 },
      { header: "被通知单位", key: "unit", width: 28 },
      { header: "责任片区", key: "zone", width: 24 },
      { header: "隐患编号", key: "hazards", width: 30 },
    ],
    records.notices.map((n) => {
      const notice = decoded(Notice, n.doc)
      return {
        number: n.number,
        issuedOn: excelDate(n.issuedOn),
        deadline: excelDate(n.deadline),
        issuer: `${names.grid(n.issuerGridId)}${notice ? NOTICE_ISSUER_LABEL[notice.issuer._tag].replace(/^.*?(安监办|检查组)$/, "$1") : ""}`,
        unit: names.unit(n.unitId),
        zone: names.grid(n.gridId),
        hazards: notice ? notice.hazardIds.join("、") : UNREADABLE,
      }
    }),
  )

  const noticeNumber = new Map<string, string>(records.notices.map((n) => [n.id, n.number]))
  addSheet(
    workbook,
    "复查",
    [
      { header: "复查编号", key: "id", width: 22 },
      { header: "复查日期", key: "on", width: 12, date: "day" },
      { header: "整改通知书", key: "notice", width: 26 },
      { header: "复查网格", key: "grid", width: 18 },
      { header: "复查人员", key: "inspectors", width: 20 },
      { header: "结果", key: "result", width: 40 },
    ],
    records.rechecks.map((r) => {
      const recheck = decoded(Recheck, r.doc)
      return {
        id: r.id,
        on: excelDate(r.on),
        notice: noticeNumber.get(r.noticeId) ?? r.noticeId,
        grid: names.grid(r.byGridId),
        inspectors: recheck ? recheck.inspectors.map((p) => personName.get(p) ?? p).join("、") : "",
        result: recheck
          ? recheck.results.map((x) => `${x.hazardId}：${x.rectified ? "已整改" : "未整改"}`).join("；")
          : UNREADABLE,
      }
    }),
  )

  addSheet(
    workbook,
    "上报",
    [
      { header: "上报编号", key: "id", width: 36 },
      { header: "触发日期", key: "triggeredOn", width: 12, date: "day" },
      { header: "办理期限", key: "dueOn", width: 12, date: "day" },
      { header: "原因", key: "trigger", width: 20 },
      { header: "上报网格", key: "from", width: 18 },
      { header: "接收方", key: "to", width: 24 },
      { header: "事由", key: "summary", width: 60 },
    ],
    records.escalations.map((e) => {
      const escalation = decoded(Escalation, e.doc)
      return {
        id: e.id,
        triggeredOn: excelDate(e.triggeredOn),
        dueOn: excelDate(e.dueOn),
        trigger: ESCALATION_TRIGGER_LABEL[e.trigger as keyof typeof ESCALATION_TRIGGER_LABEL] ?? e.trigger,
        from: names.grid(e.fromGridId),
        to: escalation ? describeTarget(escalation.to, anyName) : "",
        summary: escalation ? escalation.summary : UNREADABLE,
      }
    }),
  )

  addSheet(
    workbook,
    "档案事件",
    [
      { header: "序号", key: "seq", width: 8 },
      { header: "时间", key: "at", width: 20, date: "time" },
      { header: "操作人", key: "actor", width: 18 },
      { header: "操作", key: "action", width: 22 },
      { header: "对象类型", key: "subjectType", width: 12 },
      { header: "对象编号", key: "subjectId", width: 30 },
      { header: "网格", key: "grid", width: 18 },
      { header: "变更前", key: "before", width: 40 },
      { header: "变更后", key: "after", width: 60 },
    ],
    records.events.map((e) => ({
      seq: e.seq,
      at: excelTime(e.at),
      actor: e.actor,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      grid: e.gridId ? names.grid(e.gridId) : "",
      // A cell holds at most 32,767 characters; the archive itself keeps the whole document.
      before: e.before === null || e.before === undefined ? "" : JSON.stringify(e.before).slice(0, 32_000),
      after: e.after === null || e.after === undefined ? "" : JSON.stringify(e.after).slice(0, 32_000),
    })),
  )

  const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
  return { buffer, gridName: names.grid(gridId) }
}
