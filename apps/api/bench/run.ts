// Runs the API's benchmarks one after the other, each in its own process so one's memory and JIT state
// cannot colour the next.
import { execFileSync } from "node:child_process"
import { readdirSync } from "node:fs"
import { fileURLToPath } from "node:url"

const here = fileURLToPath(new URL(".", import.meta.url))
for (const file of readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .sort()) {
  console.log(`\n— ${file}`)
  execFileSync(process.execPath, ["--conditions=@firegrid/source", "--import", "tsx", `${here}${file}`], {
    stdio: "inherit",
  })
}
