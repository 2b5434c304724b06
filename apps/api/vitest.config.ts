import { defineConfig } from "vitest/config"

const conditions = ["@firegrid/source"]

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "api", include: ["test/**/*.test.ts"] } },
      // Browser tests share one Chromium at a time: two cores do not run two of them well.
      { extends: true, test: { name: "e2e", include: ["e2e/**/*.e2e.ts"], fileParallelism: false } },
    ],
  },
})
