#!/usr/bin/env -S npx tsx --conditions=@firegrid/source
import { runCli } from "./cli/commands.ts"

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
