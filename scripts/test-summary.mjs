// Adds up the JSON reports every vitest run wrote, and prints the one closing line CI reads.
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"

const roots = ["packages", "apps"].flatMap((dir) => readdirSync(dir).map((name) => join(dir, name)))
let passed = 0
let failed = 0
let skipped = 0
for (const root of roots) {
  let files = []
  try {
    files = readdirSync(join(root, "test-results")).filter((f) => f.endsWith(".json"))
  } catch {
    continue
  }
  for (const file of files) {
    const report = JSON.parse(readFileSync(join(root, "test-results", file), "utf8"))
    passed += report.numPassedTests
    failed += report.numFailedTests
    skipped += report.numPendingTests + (report.numTodoTests ?? 0)
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
