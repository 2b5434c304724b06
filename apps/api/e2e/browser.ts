import { existsSync } from "node:fs"
import type { AddressInfo } from "node:net"
import { fileURLToPath } from "node:url"
import type { DatabaseHandle } from "@firegrid/db"
import { loadDemoCountyIfEmpty } from "@firegrid/db"
import { testEngines } from "@firegrid/db/testing"
import { serve } from "@hono/node-server"
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core"
import { createDemoAccountsIfNone, DEMO_PASSWORD } from "../src/demo-accounts.ts"
import { createServer } from "../src/server.ts"

/** The clock the app runs on in browser tests, so dates on pages and screenshots do not drift. */
export const E2E_NOW = new Date("2026-03-05T09:00:00+08:00")

const requireBuilt = (app: "admin" | "report") => {
  const index = fileURLToPath(new URL(`../../${app}/dist/index.html`, import.meta.url))
  if (!existsSync(index))
    throw new Error(`apps/${app} is not built: run \`npx turbo run build --filter=@firegrid/${app}\` first`)
}

/** The real server on a free port, over a fresh database holding the demo county (告成镇). */
export const startApp = async () => {
  requireBuilt("admin")
  requireBuilt("report")
  const [engine] = testEngines()
  if (!engine) throw new Error("no test database engine")
  const database: DatabaseHandle = await engine.open()
  await loadDemoCountyIfEmpty(database.db, E2E_NOW)
  await createDemoAccountsIfNone(database.db, E2E_NOW)
  const app = createServer({ database, now: () => E2E_NOW })
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s))
  })
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    database,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await database.close()
    },
  }
}

/** Debian's Chromium, headless; never a downloaded browser. CHROMIUM_PATH points elsewhere if needed. */
export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  })

/** A phone as the public page's visitors hold it. */
export const phoneContext = (browser: Browser): Promise<BrowserContext> =>
  browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
  })

export const desktopContext = (browser: Browser): Promise<BrowserContext> =>
  browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" })

/** Where screenshots for the docs go (committed; keep them small). */
export const screenshotPath = (name: string) =>
  fileURLToPath(new URL(`../../../docs/screenshots/${name}.png`, import.meta.url))

/**
 * Saves a screenshot for docs/screenshots when SCREENSHOTS=1 (run once by hand, then commit the PNGs);
 * ordinary test runs leave the committed files alone.
 */
export const snapshot = async (page: Page, name: string, options: { fullPage?: boolean } = {}) => {
  if (process.env.SCREENSHOTS !== "1") return
  await page.screenshot({ path: screenshotPath(name), fullPage: options.fullPage ?? false })
}

/** Signs in on the admin login form as one of the demo accounts. */
export const signInAsAdmin = async (
  page: Page,
  baseUrl: string,
  username: string,
  password = DEMO_PASSWORD,
) => {
  await page.goto(`${baseUrl}/admin/`)
  await page.getByLabel("用户名").fill(username)
  await page.getByLabel("密码").fill(password)
  await page.getByRole("button", { name: "登录" }).click()
}

/** A signed-in caller of the running server's procedures, for steps that happen on the admin side. */
export const signedInApi = async (baseUrl: string, username: string) => {
  const login = await fetch(`${baseUrl}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  })
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? ""
  return async (path: string, type: "query" | "mutation", input: unknown): Promise<unknown> => {
    const response =
      type === "query"
        ? await fetch(`${baseUrl}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
            headers: { cookie },
          })
        : await fetch(`${baseUrl}/trpc/${path}`, {
            method: "POST",
            headers: { cookie, "content-type": "application/json" },
            body: JSON.stringify(input),
          })
    const body = (await response.json()) as { result?: { data: unknown }; error?: unknown }
    if (!response.ok) throw new Error(`${path}: ${JSON.stringify(body.error)}`)
    return body.result?.data
  }
}
