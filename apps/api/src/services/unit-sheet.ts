import { UNIT_FLAG_LABEL, UNIT_KIND_LABEL, type UnitFlags } from "@firegrid/domain"
import ExcelJS from "exceljs"

/** The import's columns, in the template's order; the flags use the labels clerks know from 六(二). */
export const FLAG_COLUMNS: ReadonlyArray<readonly [keyof UnitFlags, string]> = [
  ["key", "重点单位"],
  ["crowded", "人员密集"],
  ["flammable", "易燃易爆"],
  ["streetFront", "沿街门店"],
  ["rental", "出租房屋"],
  ["smallPlace", "九小场所"],
  ["threeInOne", "三合一"],
]
export const COLUMNS = {
  name: "单位名称",
  kind: "类别",
  zone: "所在责任片区",
  address: "地址",
  lon: "经度",
  lat: "纬度",
} as const
export const HEADERS: ReadonlyArray<string> = [
  COLUMNS.name,
  COLUMNS.kind,
  COLUMNS.zone,
  COLUMNS.address,
  ...FLAG_COLUMNS.map(([, header]) => header),
  COLUMNS.lon,
  COLUMNS.lat,
]

/** A sheet as text: rows of cells, the header first, row numbers as a spreadsheet shows them. */
export interface SheetRows {
  readonly rows: ReadonlyArray<{ readonly number: number; readonly cells: ReadonlyArray<string> }>
}

export class UnreadableSheet extends Error {}

const cellText = (cell: ExcelJS.Cell): string => {
  const value = cell.value
  if (value === null || value === undefined) return ""
  if (typeof value === "number" || typeof value === "boolean") return String(value)
  if (typeof value === "object" && "result" in value) return String(value.result ?? "")
  return cell.text ?? ""
}

const readXlsx = async (bytes: Uint8Array): Promise<SheetRows> => {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    throw new UnreadableSheet("无法读取该 Excel 文件，请确认是 .xlsx 格式且未加密")
  }
  const sheet = workbook.getWorksheet("单位") ?? workbook.worksheets[0]
  if (!sheet) throw new UnreadableSheet("Excel 文件中没有工作表")
  const rows: Array<{ number: number; cells: string[] }> = []
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = []
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c)).trim())
    rows.push({ number, cells })
  })
  return { rows }
}

/**
 * Excel in China saves CSV as GBK unless told otherwise; a file that is not valid UTF-8 is read as
 * GB18030 (a superset of GBK), so neither kind of file needs converting by hand.
 */
const decodeText = (bytes: Uint8Array): string => {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "")
  } catch {
    return new TextDecoder("gb18030").decode(bytes)
  }
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
export const parseCsv = (text: string): SheetRows => {
  const rows: Array<{ number: number; cells: string[] }> = []
  let cells: string[] = []
  let field = ""
  let quoted = false
  let line = 1
  let rowStart = 1
  const endRow = () => {
    cells.push(field)
    if (cells.some((c) => c.trim() !== "")) rows.push({ number: rowStart, cells: cells.map((c) => c.trim()) })
    cells = []
    field = ""
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else {
        if (ch === "\n") line++
        field += ch
      }
    } else if (ch === '"' && field.trim() === "") {
      field = ""
      quoted = true
    } else if (ch === ",") {
      cells.push(field)
      field = ""
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++
      endRow()
      line++
      rowStart = line
    } else field += ch
  }
  if (quoted) throw new UnreadableSheet(`CSV 文件第 ${rowStart} 行的引号没有闭合`)
  if (field !== "" || cells.length > 0) endRow()
  return { rows }
}

const startsWith = (bytes: Uint8Array, magic: ReadonlyArray<number>) => magic.every((b, i) => bytes[i] === b)

/** Reads an uploaded .xlsx or .csv by its content, not its name. */
export const readSheet = async (bytes: Uint8Array): Promise<SheetRows> => {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return readXlsx(bytes)
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]))
    throw new UnreadableSheet("不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 .csv 后再导入")
  return parseCsv(decodeText(bytes))
}

/**
 * The import template: the 单位 sheet with headers and drop-downs, the zones the account may fill in,
 * and how to fill it in. Nothing in it is a data row, so importing it untouched imports nothing.
 */
export const buildTemplate = async (zones: ReadonlyArray<{ key: string; name: string }>): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet("单位", { views: [{ state: "frozen", ySplit: 1 }] })
  sheet.columns = HEADERS.map((header) => ({
    header,
    width: header === COLUMNS.name || header === COLUMNS.address ? 30 : header === COLUMNS.zone ? 24 : 10,
  }))
  sheet.getRow(1).font = { bold: true }
  const kinds = `"${Object.values(UNIT_KIND_LABEL).join(",")}"`
  const column = (header: string) => String.fromCharCode(65 + HEADERS.indexOf(header))
  for (let r = 2; r <= 2000; r++) {
    sheet.getCell(`${column(COLUMNS.kind)}${r}`).dataValidation = {
      type: "list",
      allowBlank: false,
      formulae: [kinds],
    }
    for (const [, header] of FLAG_COLUMNS)
      sheet.getCell(`${column(header)}${r}`).dataValidation = {
        type: "list",
        allowBlank: true,
        formulae: ['"是,否"'],
      }
  }
  const zoneSheet = workbook.addWorksheet("责任片区")
  zoneSheet.columns = [
    { header: "片区编码", width: 20 },
    { header: "片区名称", width: 36 },
  ]
  zoneSheet.getRow(1).font = { bold: true }
  for (const zone of zones) zoneSheet.addRow([zone.key, zone.name])
  const help = workbook.addWorksheet("填写说明")
  help.columns = [{ width: 100 }]
  for (const line of [
    "每行一个单位（节点），填写在「单位」工作表中，第一行表头请勿修改。",
    `类别：${Object.values(UNIT_KIND_LABEL).join("、")}。`,
    "所在责任片区：填写「责任片区」工作表中的片区编码或片区名称，只能是您管辖范围内的责任片区。",
    `${FLAG_COLUMNS.map(([flag, header]) => `${header}（${UNIT_FLAG_LABEL[flag]}）`).join("、")}：填「是」或「否」，不填视为「否」。`,
    "经度、纬度：可不填；填写时两者都要填，使用十进制度数（例如 113.15、34.45）。",
    "导入前会检查每一行：只要有一行有误，就一行也不导入，并列出每个错误的行号、列名和原因。",
  ])
    help.addRow([line])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
