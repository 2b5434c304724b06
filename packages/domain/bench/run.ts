/**
 * Runs every `*.bench.ts` in this folder and refreshes its section of docs/benchmarks.md.
 *
 * A bench file default-exports a `BenchSuite`: a title, the size factors to run, the targets it is
 * judged against, and `run(factor)`, which builds its data and returns the measured phases. Every size
 * runs in a fresh child process (`--child <file> <factor>`), so the peak memory of one size is not
 * inflated by the garbage of another; the targeted size runs three times and its row is the median run
 * (wall times on a shared virtual machine vary by a third from one run to the next). Each file owns one
 * section of docs/benchmarks.md, delimited by `<!-- bench:<file> -->` … `<!-- /bench:<file> -->`, so
 * suites can be added without overwriting others.
 *
 *   npm run bench                      # every suite, every size
 *   npm run bench -- duty              # only files whose name contains "duty"
 */
import { execFileSync } from "node:child_process"
import { readdirSync } from "node:fs"
import { basename, dirname, join, resolve } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { loadAverage, machine, medianBy, writeBenchSection } from "../../../scripts/bench-doc.ts"

export interface BenchPhase {
  /** What was measured, e.g. "plan (duties due in 2026)". */
  readonly name: string
  readonly ms: number
  /** CPU time of the process during the phase (user + system, GC threads included), if measured. */
  readonly cpuMs?: number
  /** Whether this phase counts towards the suite's time target. */
  readonly timed: boolean
}

export interface BenchResult {
  readonly phases: ReadonlyArray<BenchPhase>
  /** Sizes and counts worth printing: units, activities, occurrences, statuses … */
  readonly facts: Readonly<Record<string, number | string>>
}

export interface BenchSuite {
  readonly title: string
  readonly description: string
  readonly factors: ReadonlyArray<number>
  /** e.g. { factor: 1, ms: 2000, mb: 1024 }: the targeted size and its time/memory budget. */
  readonly target: { readonly factor: number; readonly ms: number; readonly mb: number }
  readonly run: (factor: number) => BenchResult | Promise<BenchResult>
}

interface ChildReport extends BenchResult {
  readonly factor: number
  readonly peakRssMb: number
  readonly heapUsedMb: number
  readonly heapPeakMb: number
  /** Every run's timed total, when the size ran more than once (this report is the median run). */
  readonly runTotalsMs?: ReadonlyArray<number>
}

const here = dirname(fileURLToPath(import.meta.url))
const packageDir = resolve(here, "..")
const docsFile = resolve(packageDir, "../../docs/benchmarks.md")
const MB = 1024 * 1024

const runChild = async (file: string, factor: number): Promise<void> => {
  const suite = (await import(pathToFileURL(join(here, file)).href)).default as BenchSuite
  let heapPeak = 0
  const sampler = setInterval(() => {
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)
  }, 20)
  const result = await suite.run(factor)
  clearInterval(sampler)
  const heapUsed = process.memoryUsage().heapUsed
  heapPeak = Math.max(heapPeak, heapUsed)
  const report: ChildReport = {
    ...result,
    factor,
    // maxRSS is in kilobytes on Linux.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    heapUsedMb: heapUsed / MB,
    heapPeakMb: heapPeak / MB,
  }
  process.stdout.write(`\nBENCH_RESULT ${JSON.stringify(report)}\n`)
}

const fmtMs = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`)
const fmtMb = (mb: number) => (mb >= 1024 ? `${(mb / 1024).toFixed(2)} GiB` : `${Math.round(mb)} MiB`)

/** A run's time against the target: the sum of its timed phases. */
const timedMs = (r: BenchResult) => r.phases.filter((p) => p.timed).reduce((s, p) => s + p.ms, 0)

const section = (file: string, suite: BenchSuite, reports: ReadonlyArray<ChildReport>): string => {
  const timedCpu = (r: ChildReport) =>
    r.phases.filter((p) => p.timed).reduce((s, p) => s + (p.cpuMs ?? p.ms), 0)
  const phaseNames = [...new Set(reports.flatMap((r) => r.phases.map((p) => p.name)))]
  const factNames = [...new Set(reports.flatMap((r) => Object.keys(r.facts)))]
  const head = ["size", ...phaseNames.map((n) => n), "timed total", "timed cpu", "peak RSS", "heap after"]
  const rows = reports.map((r) => [
    `${Math.round(r.factor * 100)} %`,
    ...phaseNames.map((n) => {
      const p = r.phases.find((x) => x.name === n)
      if (!p) return ""
      const cpu = p.cpuMs === undefined ? "" : ` (cpu ${fmtMs(p.cpuMs)})`
      return `${fmtMs(p.ms)}${cpu}${p.timed ? "" : ", untimed"}`
    }),
    `**${fmtMs(timedMs(r))}**`,
    fmtMs(timedCpu(r)),
    fmtMb(r.peakRssMb),
    fmtMb(r.heapUsedMb),
  ])
  const factRows = reports.map((r) => [
    `${Math.round(r.factor * 100)} %`,
    ...factNames.map((n) => String(r.facts[n] ?? "")),
  ])
  const table = (h: string[], body: string[][]) =>
    [
      `| ${h.join(" | ")} |`,
      `|${h.map(() => "---").join("|")}|`,
      ...body.map((b) => `| ${b.join(" | ")} |`),
    ].join("\n")
  const target = reports.find((r) => r.factor === suite.target.factor)
  const verdict = target
    ? `Target at ${Math.round(suite.target.factor * 100)} %: under ${fmtMs(suite.target.ms)} and ${fmtMb(suite.target.mb)} — ` +
      `measured ${fmtMs(timedMs(target))} wall (${fmtMs(timedCpu(target))} cpu) and ${fmtMb(target.peakRssMb)} peak RSS` +
      (target.runTotalsMs === undefined
        ? ""
        : ` (the median of ${target.runTotalsMs.length} runs: ${target.runTotalsMs.map(fmtMs).join(", ")}; peak RSS the highest)`) +
      ": " +
      (timedMs(target) < suite.target.ms && target.peakRssMb < suite.target.mb ? "**met**." : "**not met**.")
    : ""
  const base = reports.find((r) => r.factor === 1)
  const scaling =
    base === undefined
      ? ""
      : `Scaling of the timed total against 100 %: ${reports
          .map(
            (r) =>
              `${Math.round(r.factor * 100)} % → ${(timedMs(r) / Math.max(1, timedMs(base))).toFixed(2)}×`,
          )
          .join(", ")}.`
  return [
    `## ${suite.title}`,
    "",
    suite.description,
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}; load average at the end ${loadAverage()} ` +
      `(other work shares the machine: wall times on a busy machine overstate the engine, the cpu column is the process's own time). ` +
      `\`npm run bench\` (\`packages/domain/bench/${file}\`), each size in a fresh child process.`,
    "",
    table(head, rows),
    "",
    table(["size", ...factNames], factRows),
    "",
    verdict,
    scaling,
  ].join("\n")
}

/** How many times the targeted size runs; its row is the median run. */
const TARGET_RUNS = 3

const runInChild = (file: string, factor: number): ChildReport => {
  const out = execFileSync(
    process.execPath,
    [
      "--max-old-space-size=16384",
      "--import",
      "tsx",
      "--conditions=@firegrid/source",
      fileURLToPath(import.meta.url),
      "--child",
      file,
      String(factor),
    ],
    { cwd: packageDir, encoding: "utf8", maxBuffer: 64 * MB, stdio: ["ignore", "pipe", "inherit"] },
  )
  const line = out.split("\n").find((l) => l.startsWith("BENCH_RESULT "))
  if (!line) throw new Error(`${file} at ${factor}: no result`)
  return JSON.parse(line.slice("BENCH_RESULT ".length)) as ChildReport
}

/** The run with the median timed total, carrying every run's total and the highest peak RSS. */
const medianRun = (runs: ReadonlyArray<ChildReport>): ChildReport => {
  const median = medianBy(runs, timedMs)
  if (runs.length === 1) return median
  return {
    ...median,
    runTotalsMs: runs.map(timedMs),
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
  }
}

const main = async () => {
  const args = process.argv.slice(2)
  if (args[0] === "--child") {
    await runChild(args[1]!, Number(args[2]))
    return
  }
  const filter = args[0]
  const files = readdirSync(here)
    .filter((f) => f.endsWith(".bench.ts") && (filter === undefined || f.includes(filter)))
    .sort()
  for (const file of files) {
    const suite = (await import(pathToFileURL(join(here, file)).href)).default as BenchSuite
    const reports: ChildReport[] = []
    for (const factor of suite.factors) {
      // The targeted size runs several times: one run on a shared machine can be a third off either way.
      const runs = factor === suite.target.factor ? TARGET_RUNS : 1
      const sample: ChildReport[] = []
      for (let run = 1; run <= runs; run++) {
        process.stdout.write(
          `${basename(file)} at ${Math.round(factor * 100)} %${runs > 1 ? ` (run ${run}/${runs})` : ""} … `,
        )
        const report = runInChild(file, factor)
        sample.push(report)
        process.stdout.write(`${fmtMs(timedMs(report))} timed, ${fmtMb(report.peakRssMb)} peak RSS\n`)
      }
      reports.push(medianRun(sample))
    }
    writeBenchSection(file, section(file, suite, reports))
  }
  process.stdout.write(`wrote ${docsFile}\n`)
}

await main()
