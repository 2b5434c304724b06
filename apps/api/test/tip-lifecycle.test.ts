import type { DatabaseHandle } from "@firegrid/db"
import { countTips, verifyArchive } from "@firegrid/db"
import { testEngines } from "@firegrid/db/testing"
import sharp from "sharp"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { cookieHeaderOf, failureOf, startApi } from "./harness.ts"

const tip = {
  gridId: "v03-z2",
  category: "eBikeCharging",
  description: "楼道里电动车飞线充电，每晚都有",
} as const

/** A real JPEG carrying EXIF (phone model, the kind of data that can identify a filer). */
const phoneJpeg = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: "#c00" } })
    .jpeg()
    .withExif({ IFD0: { Make: "FiregridTestPhone", Model: "X1" } })
    .toBuffer()

const multipart = (fields: Record<string, string>, photos: ReadonlyArray<[Uint8Array, string]>) => {
  const form = new FormData()
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  for (const [bytes, name] of photos) form.append("photos", new File([bytes], name))
  return form
}

describe.each(testEngines())("a tip's life through the real router on $name (T-1..T-3)", (engine) => {
  let database: DatabaseHandle
  let api: Awaited<ReturnType<typeof startApi>>
  const fileForm = (form: FormData) =>
    api.fetch("http://firegrid.test/trpc/tip.file", { method: "POST", body: form })

  beforeAll(async () => {
    database = await engine.open()
    api = await startApi(database)
  })
  afterAll(async () => {
    await database?.close()
  })

  it("walks received → acknowledged → verified → linked → fixed, then the filer reopens it as not fixed", async () => {
    const { trackingCode } = await api.client.tip.file.mutate(tip)
    const village = await api.signIn("quhe")
    const [listed] = await village.tip.list.query({ status: "Received" })
    expect(listed).toMatchObject({ trackingCode, gridId: "v03-z2", statusLabel: "已收到" })
    const id = listed!.id
    for (const action of [
      { _tag: "Acknowledge" },
      { _tag: "Verify" },
      { _tag: "LinkHazard", hazardId: "hz-001" },
      { _tag: "MarkFixed" },
    ] as const)
      await village.tip.act.mutate({ tipId: id, action })

    const fixed = await api.client.tip.status.query({ trackingCode })
    expect(fixed).toMatchObject({ status: "Fixed", open311Status: "closed", canReopen: true })
    expect(fixed.history.map((h) => h.label)).toEqual(["已收到", "受理", "核实", "关联隐患", "标记已整改"])

    const reopened = await api.client.tip.reopen.mutate({ trackingCode, note: "充电线还在，昨晚又充了" })
    expect(reopened).toMatchObject({
      status: "Reopened",
      statusLabel: "举报人反馈未整改",
      open311Status: "open",
    })
    expect((await verifyArchive(database.db)).ok).toBe(true)
  })

  it("refuses an illegal step with the domain's words as a CONFLICT, and changes nothing", async () => {
    await api.client.tip.file.mutate(tip)
    const village = await api.signIn("quhe")
    const [fresh] = await village.tip.list.query({ status: "Received" })
    const error = await failureOf(village.tip.act.mutate({ tipId: fresh!.id, action: { _tag: "MarkFixed" } }))
    expect(error.data?.code).toBe("CONFLICT")
    expect(error.message).toMatch(/不能标记已整改/)
    expect((await village.tip.list.query({})).find((t) => t.id === fresh!.id)?.status).toBe("Received")
  })

  it("does not let a filer reopen a tip nobody has closed", async () => {
    const { trackingCode } = await api.client.tip.file.mutate(tip)
    const error = await failureOf(api.client.tip.reopen.mutate({ trackingCode, note: "还没人来" }))
    expect(error.data?.code).toBe("CONFLICT")
  })

  it("keeps another village out: FORBIDDEN to act on or list a tip of 曲河村", async () => {
    const other = await api.signIn("quhe")
    const [anyTip] = await other.tip.list.query({})
    const zoneLeader = await api.signIn("quhe-2")
    expect((await zoneLeader.tip.list.query({})).length).toBeGreaterThan(0)
    const townOfficer = await api.signIn("gaocheng")
    expect((await townOfficer.tip.list.query({ gridId: "v03" })).length).toBeGreaterThan(0)
    // A zone leader of 曲河村第二村民小组 may not look at the whole village, nor another village.
    expect((await failureOf(zoneLeader.tip.list.query({ gridId: "v03" }))).data?.code).toBe("FORBIDDEN")
    expect((await failureOf(zoneLeader.tip.list.query({ gridId: "v04-z1" }))).data?.code).toBe("FORBIDDEN")
    expect((await failureOf(api.client.tip.list.query({}))).data?.code).toBe("UNAUTHORIZED")
    expect(anyTip).toBeDefined()
  })

  it("takes up to 3 photos as form data, strips their metadata, and shows them to the grid only", async () => {
    const jpeg = await phoneJpeg()
    expect((await sharp(jpeg).metadata()).exif).toBeDefined()
    const response = await fileForm(multipart(tip, [[jpeg, "a.jpg"]]))
    expect(response.status).toBe(200)
    const { trackingCode } = ((await response.json()) as { result: { data: { trackingCode: string } } })
      .result.data
    expect((await api.client.tip.status.query({ trackingCode })).photoCount).toBe(1)

    const village = await api.signIn("quhe")
    const stored = (await village.tip.list.query({})).find((t) => t.trackingCode === trackingCode)!
    const photoUrl = `http://firegrid.test/api/tips/${stored.id}/photos/1`
    const photo = await api.fetch(photoUrl, { headers: { cookie: cookieHeaderOf(village) } })
    expect(photo.headers.get("content-type")).toBe("image/jpeg")
    const meta = await sharp(new Uint8Array(await photo.arrayBuffer())).metadata()
    expect(meta).toMatchObject({ format: "jpeg", width: 64, height: 48 })
    expect(meta.exif).toBeUndefined()

    expect((await api.fetch(photoUrl)).status).toBe(401)
    const otherVillage = await api.signIn("quhe-2")
    expect((await api.fetch(photoUrl, { headers: { cookie: cookieHeaderOf(otherVillage) } })).status).toBe(
      200,
    )
    const police = await api.signIn("police")
    expect((await api.fetch(photoUrl, { headers: { cookie: cookieHeaderOf(police) } })).status).toBe(200)
  })

  it.each([
    [
      "a text file named .jpg",
      () => [[new TextEncoder().encode("not a picture at all"), "x.jpg"]],
      /不是 JPEG、PNG 或 WebP/,
    ],
    [
      "four photos",
      async () => Array.from({ length: 4 }, () => [Buffer.from([0xff]), "p.jpg"]),
      /最多上传 3 张照片/,
    ],
    ["a photo over 10 MB", () => [[new Uint8Array(10 * 1024 * 1024 + 1), "big.jpg"]], /超过 10 MB/],
  ] as const)("refuses %s with a 400 on the photos field and stores nothing", async (_, photos, message) => {
    const before = await countTips(database.db)
    const response = await fileForm(multipart(tip, (await photos()) as never))
    expect(response.status).toBe(400)
    const body = (await response.json()) as {
      error: { data: { issues: Array<{ path: unknown[]; message: string }> } }
    }
    const issue = body.error.data.issues.find((i) => i.path[0] === "photos")
    expect(issue?.message).toMatch(message)
    expect(await countTips(database.db)).toBe(before)
  })
})
