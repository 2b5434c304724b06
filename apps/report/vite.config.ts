import react from "@vitejs/plugin-react"
import { defineConfig } from "vite"

// The page imports only the AppRouter *type* from @firegrid/api, so no source condition is needed here.
export default defineConfig({
  base: "/",
  plugins: [react()],
  // One React for the page and for antd / TanStack Query (an older React is hoisted at the repo root).
  resolve: { dedupe: ["react", "react-dom"] },
  server: { proxy: { "/trpc": "http://localhost:3000" } },
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 2000 },
})
