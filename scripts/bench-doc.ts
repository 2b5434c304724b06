import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { cpus, totalmem } from "node:os"
import { fileURLToPath } from "node:url"

/** docs/benchmarks.md, shared by every package's benchmark: one delimited section per suite. */
const docsFile = fileURLToPath(new URL("../docs/benchmarks.md", import.meta.url))

const HEADER =
  "# Benchmarks\n\nRefreshed by `npm run bench`. One section per suite; each section says the machine, the date and the load it was measured under.\n"

export const loadAverage = (): string =>
  existsSync("/proc/loadavg") ? readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ") : "n/a"

export const machine = (): string => {
  const cpuinfo = existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : ""
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? "unknown"
  return `${model}, ${cpus().length} cores, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, Node ${process.version}`
}

/** Replaces the section `<!-- bench:KEY -->…<!-- /bench:KEY -->` (or appends it), leaving the others alone. */
/** The item with the median measure (the lower middle one of an even count). */
export const medianBy = <T>(items: ReadonlyArray<T>, measure: (item: T) => number): T => {
  const sorted = [...items].sort((a, b) => measure(a) - measure(b))
  return sorted[(sorted.length - 1) >> 1]!
}

export const writeBenchSection = (key: string, body: string): void => {
  const start = `<!-- bench:${key} -->`
  const end = `<!-- /bench:${key} -->`
  const text = `${start}\n${body.trim()}\n${end}`
  const current = existsSync(docsFile) ? readFileSync(docsFile, "utf8") : HEADER
  const i = current.indexOf(start)
  const j = current.indexOf(end)
  const next =
    i >= 0 && j > i
      ? current.slice(0, i) + text + current.slice(j + end.length)
      : `${current.trimEnd()}\n\n${text}\n`
  writeFileSync(docsFile, next)
}
