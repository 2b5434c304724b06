import { defineConfig } from "vitest/config"

export default defineConfig({
  resolve: { conditions: ["@firegrid/source"] },
  ssr: { resolve: { conditions: ["@firegrid/source"] } },
  test: { include: ["test/**/*.test.ts"], testTimeout: 30_000, hookTimeout: 60_000 },
})
