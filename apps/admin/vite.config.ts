import react from "@vitejs/plugin-react"
import { defineConfig } from "vite"

// The page imports only the AppRouter *type* from @firegrid/api, so no source condition is needed here.
export default defineConfig({
  base: "/admin/",
  plugins: [react()],
  server: { proxy: { "/trpc": "http://localhost:3000" } },
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 2000 },
})
