import { countTips } from "@firegrid/db"
import { TIP_STATE_LABEL } from "@firegrid/domain"
import type { Browser, Page } from "playwright-core"
import sharp from "sharp"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { launchBrowser, phoneContext, signedInApi, snapshot, startApp } from "./browser.ts"

/** The form item (label, field and its error) that holds the field labelled `label`. */
const itemOf = (page: Page, label: string) =>
  page.locator(".adm-form-item").filter({ has: page.getByLabel(label) })
const errorOf = (page: Page, label: string) => itemOf(page, label).locator(".adm-form-item-feedback-error")

const choosePlace = async (page: Page) => {
  await page.getByLabel("乡镇").selectOption({ label: "告成镇" })
  await page.getByLabel("行政村或社区").selectOption({ label: "曲河村" })
  await page.getByLabel("责任片区（村民小组）").selectOption({ label: "曲河村第二村民小组" })
}

describe("the public tip page on a phone (T-1, T-2)", () => {
  let app: Awaited<ReturnType<typeof startApp>>
  let browser: Browser
  let page: Page
  beforeAll(async () => {
    app = await startApp()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
  })

  const openPage = async () => {
    page = await (await phoneContext(browser)).newPage()
    page.setDefaultTimeout(10_000)
    await page.goto(app.baseUrl)
    await page.getByLabel("乡镇").waitFor()
  }

  it("files a tip and gets a tracking code that shows it as just received (T-3: not yet acknowledged)", async () => {
    await openPage()
    expect(await page.getByRole("note").textContent()).toContain("119")
    // One column: nothing wider than the phone.
    expect(await page.locator("html").evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(390)
    await snapshot(page, "report-form")

    await choosePlace(page)
    await page.getByRole("radio", { name: "堵塞、占用疏散通道或安全出口" }).check()
    await page.getByLabel("隐患描述").fill("超市后门安全出口被货物堵死，晚上还上锁。")
    await page.getByLabel("详细地址").fill("曲河村中心街 12 号")
    await page.getByRole("button", { name: "提交举报" }).click()

    const code = page.getByRole("status", { name: "您的查询码" })
    await code.waitFor()
    const trackingCode = (await code.textContent())?.trim() ?? ""
    expect(trackingCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    expect(await countTips(app.database.db)).toBe(1)
    await snapshot(page, "report-tracking-code")

    // A second visit, as the filer would come back: type the code on the 查询进度 tab.
    await openPage()
    await page.getByRole("tab", { name: "查询进度" }).click()
    await page.getByLabel("查询码").fill(trackingCode.toLowerCase())
    await page.getByRole("button", { name: "查询", exact: true }).click()
    const progress = page.getByRole("region", { name: "举报进度" })
    await progress.waitFor()
    const text = await progress.textContent()
    // A new tip waits for its grid to acknowledge it (T-3): the page shows the domain's word for that state.
    expect(text).toContain(TIP_STATE_LABEL.Received)
    expect(text).not.toContain(TIP_STATE_LABEL.Acknowledged)
    expect(text).toContain("曲河村第二村民小组")
    expect(text).toContain("堵塞、占用疏散通道或安全出口")
    expect(text).toContain(trackingCode)
    expect(text).toMatch(/2026年|20\d\d年/)
  })

  it("says so beside the code when a tracking code is unknown", async () => {
    await page.getByLabel("查询码").fill("AAAA-BBBB-CCCC")
    await page.getByRole("button", { name: "查询", exact: true }).click()
    await errorOf(page, "查询码").getByText("未找到该查询码对应的举报，请核对后重试").waitFor()
    expect(await page.getByRole("region", { name: "举报进度" }).count()).toBe(0)
  })

  it("checks required fields on the phone before sending anything", async () => {
    await openPage()
    const before = await countTips(app.database.db)
    let sent = 0
    page.on("request", (r) => {
      if (r.url().includes("/trpc/tip.file")) sent += 1
    })
    await page.getByRole("button", { name: "提交举报" }).click()
    await errorOf(page, "责任片区（村民小组）").getByText("请选择隐患所在的责任片区").waitFor()
    await errorOf(page, "隐患描述").getByText("请填写隐患描述").waitFor()
    expect(await page.locator(".adm-form-item-feedback-error").allTextContents()).toContain("请选择隐患类别")
    expect(sent).toBe(0)
    expect(await countTips(app.database.db)).toBe(before)
  })

  it("shows the server's refusal beside the zone when the chosen zone no longer exists, and stores nothing", async () => {
    await openPage()
    const before = await countTips(app.database.db)
    await choosePlace(page)
    // A page loaded before the zone was removed still offers it: the server is the one that can say no.
    await page.getByLabel("责任片区（村民小组）").evaluate((select) => {
      const gone = select.ownerDocument.createElement("option")
      gone.value = "v03-z99"
      gone.textContent = "曲河村第九十九村民小组"
      select.append(gone)
    })
    await page.getByLabel("责任片区（村民小组）").selectOption("v03-z99")
    await page.getByRole("radio", { name: "违规用火" }).check()
    await page.getByLabel("隐患描述").fill("有人在柴草垛旁烧垃圾。")

    const response = page.waitForResponse((r) => r.url().includes("/trpc/tip.file"))
    await page.getByRole("button", { name: "提交举报" }).click()
    expect((await response).status()).toBe(400)
    const zoneError = errorOf(page, "责任片区（村民小组）")
    await zoneError.waitFor()
    expect(await zoneError.textContent()).toMatch(/不存在/)
    expect(await errorOf(page, "隐患描述").count()).toBe(0)
    expect(await page.getByRole("status", { name: "您的查询码" }).count()).toBe(0)
    expect(await countTips(app.database.db)).toBe(before)
  })

  it("sends a photo with the tip, and lets the filer say a 'fixed' hazard is not fixed", async () => {
    await openPage()
    const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: "#a33" } })
      .jpeg()
      .withExif({ IFD0: { Make: "FilerPhone" } })
      .toBuffer()
    await choosePlace(page)
    await page.getByRole("radio", { name: "电动车违规停放充电" }).check()
    await page.getByLabel("隐患描述").fill("楼道里电动车飞线充电。")
    await page
      .getByLabel("添加照片")
      .setInputFiles({ name: "charging.jpg", mimeType: "image/jpeg", buffer: photo })
    await page.getByRole("img", { name: "照片 1" }).waitFor()
    await page.getByRole("button", { name: "提交举报" }).click()
    const code = page.getByRole("status", { name: "您的查询码" })
    await code.waitFor()
    const trackingCode = (await code.textContent())?.trim() ?? ""

    // The village handles it through the API and marks it fixed …
    const village = await signedInApi(app.baseUrl, "quhe")
    const tips = (await village("tip.list", "query", {})) as Array<{ id: string; trackingCode: string }>
    const tipId = tips.find((t) => t.trackingCode === trackingCode)!.id
    for (const action of [
      { _tag: "Acknowledge" },
      { _tag: "Verify" },
      { _tag: "LinkHazard", hazardId: "hz-e2e" },
      { _tag: "MarkFixed" },
    ])
      await village("tip.act", "mutation", { tipId, action })

    // … the filer looks it up, sees its photo and history, and pushes back.
    await page.getByRole("button", { name: "查询处理进度" }).click()
    const progress = page.getByRole("region", { name: "举报进度" })
    await progress.getByText(TIP_STATE_LABEL.Fixed).first().waitFor()
    expect(await progress.textContent()).toContain("现场照片1 张")
    await page.getByLabel("仍未整改的情况").fill("昨晚又有人在楼道充电。")
    await page.getByRole("button", { name: "反馈仍未整改" }).click()
    await progress.getByText(TIP_STATE_LABEL.Reopened).first().waitFor()
  })
})
