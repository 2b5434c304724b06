import { defineConfig } from "vitest/config"

export default defineConfig({
  resolve: { conditions: ["@firegrid/source"] },
  test: { include: ["test/**/*.test.ts"] },
})
