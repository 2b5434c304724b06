import type { Browser, Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { desktopContext, launchBrowser, signInAsAdmin, snapshot, startApp } from "./browser.ts"

const VILLAGE = "中网格（村/社区）"
const ZONE = "小网格（责任片区）"

describe("admin pages in Chromium (G-1, G-4, G-10)", () => {
  let app: Awaited<ReturnType<typeof startApp>>
  let browser: Browser
  let page: Page
  beforeAll(async () => {
    app = await startApp()
    browser = await launchBrowser()
    page = await (await desktopContext(browser)).newPage()
    page.setDefaultTimeout(10_000)
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  const rowOf = (name: string) => page.getByRole("row").filter({ has: page.getByText(name, { exact: true }) })
  const rowsAt = (levelLabel: string) => page.getByRole("row").filter({ hasText: levelLabel })

  it("asks for a login, refuses a wrong password in Chinese, and lets the county office in", async () => {
    await signInAsAdmin(page, app.baseUrl, "county", "wrong-password")
    await page.getByText("用户名或密码错误").waitFor()
    await page.getByLabel("密码").fill("firegrid-demo")
    await page.getByRole("button", { name: "登录" }).click()
    await page.getByLabel("当前账号").getByText("县防火安全委员会办公室（县级管理员）").waitFor()
  })

  it("shows the town under the county with 何聪道 as its first responsible person, and 24 villages under it", async () => {
    const town = rowOf("告成镇")
    await town.waitFor()
    expect(await town.textContent()).toContain("何聪道")
    expect(await town.textContent()).toContain("大网格（乡镇）")
    expect(await rowsAt(VILLAGE).count()).toBe(0)

    await town.getByRole("button", { name: "展开行" }).click()
    await rowsAt(VILLAGE).first().waitFor()
    expect(await rowsAt(VILLAGE).count()).toBe(24)
    expect(await rowsAt(ZONE).count()).toBe(0)
    // The town's row adds up the units of its 200 zones (G-10: the demo county has 520).
    expect(await town.getByRole("cell").last().textContent()).toBe("520")
    await snapshot(page, "admin-grid")
  })

  it("finds zones by name and opens a grid's details in a drawer", async () => {
    await page.getByLabel("按名称搜索网格").fill("曲河")
    await rowOf("曲河村第二村民小组").waitFor()
    expect(await rowsAt(VILLAGE).count()).toBe(1)
    expect(await rowsAt(ZONE).count()).toBeGreaterThan(1)

    await rowOf("曲河村第二村民小组").click()
    const drawer = page.getByRole("dialog")
    await drawer.getByText("网格编码").waitFor()
    const details = await drawer.textContent()
    expect(details).toContain("曲河村第二村民小组")
    expect(details).toMatch(/网格编码410185001\d{6}/)
    expect(details).toContain("小网格（责任片区）")
    await drawer.getByRole("button", { name: /关闭|Close/ }).click()
    await drawer.waitFor({ state: "hidden" })

    await page.getByLabel("按名称搜索网格").fill("没有这个村")
    await page.getByText("没有名称匹配的网格").waitFor()
  })

  it("shows full coverage of the demo county on 覆盖检查", async () => {
    await page.getByRole("menuitem", { name: "覆盖检查" }).click()
    await page.getByText("网格全覆盖").waitFor()
    expect(page.url()).toBe(`${app.baseUrl}/admin/coverage`)
    const counts = await page.locator(".ant-statistic").allTextContents()
    expect(counts).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/大网格（乡镇）1\s*个/),
        expect.stringMatching(/中网格（村\/社区）24\s*个/),
        expect.stringMatching(/小网格（责任片区）200\s*个/),
        expect.stringMatching(/社会单位520\s*家/),
      ]),
    )
    await page.getByText("未发现覆盖缺口").waitFor()
    await snapshot(page, "admin-coverage", { fullPage: true })

    await page.reload()
    await page.getByText("网格全覆盖").waitFor()
  })

  it("says plainly when the API cannot be reached", async () => {
    await page.route("**/trpc/**", (route) => route.abort("connectionrefused"))
    await page.goto(`${app.baseUrl}/admin/grids`)
    await page.getByText("无法连接到服务器").waitFor({ timeout: 15_000 })
    await page.unroute("**/trpc/**")
    await page.getByRole("button", { name: "重试" }).click()
    await rowOf("告成镇").waitFor()
  })

  it("shows a village admin only 曲河村 and its zones, and logs out back to the login form", async () => {
    await page.getByRole("button", { name: "退出登录" }).click()
    await page.getByRole("button", { name: "登录" }).waitFor()
    await signInAsAdmin(page, app.baseUrl, "quhe")
    await rowOf("曲河村").waitFor()
    expect(await rowOf("告成镇").count()).toBe(0)
    expect(await rowsAt(VILLAGE).count()).toBe(1)
    await page.getByRole("menuitem", { name: "覆盖检查" }).click()
    await page.getByText("网格全覆盖").waitFor()
    expect(await page.locator(".ant-statistic").allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/小网格（责任片区）9\s*个/)]),
    )
  })
})
