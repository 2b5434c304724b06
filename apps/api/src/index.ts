export type { AppRouter } from "./router/index.ts"
