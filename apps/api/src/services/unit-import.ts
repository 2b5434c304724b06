import { randomUUID } from "node:crypto"
import type { UnitRecord } from "@firegrid/db"
import { noFlags, UNIT_KIND_LABEL, type UnitFlags, UnitKind } from "@firegrid/domain"
import { Either } from "effect"
import { duplicateNameMessage, locationProblem, resolveZone, type ZoneScope } from "./unit-rules.ts"
import { COLUMNS, FLAG_COLUMNS, type SheetRows } from "./unit-sheet.ts"

/** One thing wrong with one cell (or the header), as the clerk sees it in the spreadsheet. */
export interface RowProblem {
  readonly row: number
  readonly column: string
  readonly message: string
}

export const MAX_IMPORT_ROWS = 5000

const KIND_BY_LABEL = new Map<string, UnitKind>([
  ...Object.entries(UNIT_KIND_LABEL).map(([kind, label]) => [label, kind as UnitKind] as const),
  ...UnitKind.literals.map((kind) => [kind, kind] as const),
])
const YES = new Set(["是", "Y", "y", "YES", "yes", "1", "TRUE", "true", "√"])
const NO = new Set(["", "否", "N", "n", "NO", "no", "0", "FALSE", "false", "×"])
const charCount = (s: string) => [...s].length

export interface ImportContext extends ZoneScope {
  /** Names already in each zone's ledger. */
  readonly existingNames: ReadonlyMap<string, ReadonlySet<string>>
}

/**
 * Checks every row before anything is written (G-1: the ledger is the proof of coverage, so a half
 * import would be worse than none): the answer is either every unit or every problem.
 */
export const checkImport = (
  sheet: SheetRows,
  context: ImportContext,
): Either.Either<UnitRecord[], RowProblem[]> => {
  const [header, ...data] = sheet.rows
  if (!header) return Either.left([{ row: 1, column: "表头", message: "文件是空的，请使用导入模板填写" }])
  const position = new Map(header.cells.map((h, i) => [h.trim(), i] as const))
  const missing = [COLUMNS.name, COLUMNS.kind, COLUMNS.zone].filter((h) => !position.has(h))
  if (missing.length > 0)
    return Either.left(
      missing.map((column) => ({
        row: header.number,
        column,
        message: `缺少「${column}」列，请使用导入模板`,
      })),
    )
  if (data.length === 0)
    return Either.left([{ row: header.number + 1, column: COLUMNS.name, message: "文件中没有单位数据" }])
  if (data.length > MAX_IMPORT_ROWS)
    return Either.left([
      { row: header.number, column: COLUMNS.name, message: `一次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入` },
    ])

  const zoneNames = new Map(context.grids.map((g) => [g.id as string, g.name]))
  const problems: RowProblem[] = []
  const units: UnitRecord[] = []
  const seen = new Map<string, number>()
  for (const { number: row, cells } of data) {
    const cell = (column: string) => {
      const at = position.get(column)
      return at === undefined ? "" : (cells[at] ?? "").trim()
    }
    const problem = (column: string, message: string) => problems.push({ row, column, message })

    const name = cell(COLUMNS.name)
    if (name === "") problem(COLUMNS.name, "请填写单位名称")
    else if (charCount(name) > 100) problem(COLUMNS.name, "单位名称不能超过 100 字")

    const kindText = cell(COLUMNS.kind)
    const kind = KIND_BY_LABEL.get(kindText)
    if (!kind)
      problem(
        COLUMNS.kind,
        kindText === "" ? "请填写类别" : `类别「${kindText}」不在类别列表中（见模板「填写说明」）`,
      )

    const zoneText = cell(COLUMNS.zone)
    const zone = zoneText === "" ? Either.left("请填写所在责任片区") : resolveZone(zoneText, context)
    if (Either.isLeft(zone)) problem(COLUMNS.zone, zone.left)

    const address = cell(COLUMNS.address)
    if (charCount(address) > 200) problem(COLUMNS.address, "地址不能超过 200 字")

    const flags: Record<keyof UnitFlags, boolean> = { ...noFlags }
    for (const [flag, column] of FLAG_COLUMNS) {
      const text = cell(column)
      if (YES.has(text)) flags[flag] = true
      else if (!NO.has(text)) problem(column, `应填「是」或「否」，而不是「${text}」`)
    }

    const lonText = cell(COLUMNS.lon)
    const latText = cell(COLUMNS.lat)
    let location: readonly [number, number] | null = null
    if (lonText !== "" || latText !== "") {
      const lon = Number(lonText)
      const lat = Number(latText)
      if (lonText === "" || latText === "")
        problem(lonText === "" ? COLUMNS.lon : COLUMNS.lat, "经度和纬度须同时填写，或都不填")
      else if (!Number.isFinite(lon)) problem(COLUMNS.lon, `经度「${lonText}」不是数字`)
      else if (!Number.isFinite(lat)) problem(COLUMNS.lat, `纬度「${latText}」不是数字`)
      else {
        const bad = locationProblem(lon, lat)
        if (bad) problem(bad.field === "lon" ? COLUMNS.lon : COLUMNS.lat, bad.message)
        else location = [lon, lat]
      }
    }

    if (name !== "" && Either.isRight(zone)) {
      const key = `${zone.right}\u0000${name}`
      const earlier = seen.get(key)
      if (earlier !== undefined)
        problem(COLUMNS.name, `与第 ${earlier} 行重复：同一责任片区内已有「${name}」`)
      else if (context.existingNames.get(zone.right)?.has(name))
        problem(COLUMNS.name, duplicateNameMessage(name, zoneNames.get(zone.right) ?? zone.right))
      seen.set(key, earlier ?? row)
    }

    if (kind && Either.isRight(zone) && name !== "")
      units.push({
        id: `u-${randomUUID()}`,
        name,
        kind,
        flags,
        address: address === "" ? null : address,
        location,
        gridId: zone.right,
      })
  }
  return problems.length > 0 ? Either.left(problems) : Either.right(units)
}
