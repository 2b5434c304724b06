import { type AdminRole, buildDemoCounty } from "@firegrid/domain"
import { ADMIN_CASES } from "./admin-cases.ts"
import type { ApiHarness } from "./harness.ts"

/**
 * How to call each procedure for the authorization matrix and the fuzzer. Every procedure of the router
 * must have a case here: the matrix fails on one that does not, so no procedure escapes the checks.
 *
 * - `access: "public"` procedures must work without a session (and are not scope-checked).
 * - `access: "signedIn"` procedures must answer UNAUTHORIZED without a session; with one, `input(target)`
 *   builds an input aimed at the grid `target` (creating whatever records it needs, as the county admin).
 *   Called by an account whose subtree does not contain `target`, it must answer FORBIDDEN (or NOT_FOUND);
 *   called by one whose subtree does, it must not.
 * - `roles` limits who may call it at all; any other role must get FORBIDDEN even inside its scope.
 * - `scoped: false` marks a signed-in procedure whose answer is implicitly limited to the caller's own
 *   subtree (it takes no grid), so there is no "outside" input to try.
 */
export interface ProcedureCase {
  readonly access: "public" | "signedIn"
  readonly roles?: ReadonlyArray<AdminRole>
  readonly scoped?: boolean
  readonly input: (target: string, api: ApiHarness) => Promise<unknown> | unknown
}

const none = () => undefined

/** A tip filed by the public in `zone`, returning its id as the county sees it. */
export const tipIn = async (zone: string, api: ApiHarness): Promise<string> => {
  const { trackingCode } = await api.client.tip.file.mutate({
    gridId: zone,
    category: "other",
    description: "测试举报",
  })
  const county = await api.signIn("county")
  const tip = (await county.tip.list.query({ gridId: zone })).find((t) => t.trackingCode === trackingCode)
  return tip!.id
}

export const PROCEDURE_CASES: Record<string, ProcedureCase> = {
  "auth.login": { access: "public", input: () => ({ username: "county", password: "firegrid-demo" }) },
  "auth.logout": { access: "public", input: none },
  "auth.me": { access: "public", input: none },
  "grid.places": { access: "public", input: none },
  "grid.tree": { access: "signedIn", scoped: false, input: none },
  "grid.coverage": { access: "signedIn", scoped: false, input: none },
  "tip.categories": { access: "public", input: none },
  "tip.file": {
    access: "public",
    input: (zone) => ({ gridId: zone, category: "openFire", description: "田间焚烧秸秆" }),
  },
  "tip.status": { access: "public", input: () => ({ trackingCode: "0000-0000-0000" }) },
  "tip.reopen": { access: "public", input: () => ({ trackingCode: "0000-0000-0000", note: "仍未整改" }) },
  "tip.list": { access: "signedIn", input: (zone) => ({ gridId: zone }) },
  "tip.act": {
    access: "signedIn",
    input: async (zone, api) => ({ tipId: await tipIn(zone, api), action: { _tag: "Acknowledge" } }),
  },
}

// --- the closed loop (SPEC §3): hazards, notices, rechecks, escalations --------------------------------

const countyClients = new WeakMap<ApiHarness, ReturnType<ApiHarness["newClient"]>>()
/** The county admin's client, signed in once per harness (password hashing is slow on purpose). */
const countyOf = async (api: ApiHarness) => {
  let client = countyClients.get(api)
  if (!client) {
    client = await api.signIn("county")
    countyClients.set(api, client)
  }
  return client
}

const demoPlacements = buildDemoCounty().placements
/** A unit listed by `zone`: the demo county's, or the one unit of 徐庄村第一村民小组 (fixtures). */
export const unitIn = (zone: string): string =>
  zone === "x01-z1" ? "u-xz-1" : demoPlacements.find((p) => p.gridId === zone)!.unitId

/** A hazard found in `zone` by the county, returning its id. */
export const hazardIn = async (zone: string, api: ApiHarness): Promise<string> => {
  const county = await countyOf(api)
  const hazard = await county.hazard.record.mutate({
    unitId: unitIn(zone),
    category: "blockedEscape",
    description: "楼道堆放杂物，堵塞疏散通道",
    source: { _tag: "Inspection" },
  })
  return hazard.id
}

/** A village inspection group's notice for a fresh hazard in `zone`, entered by the county. */
export const noticeIn = async (zone: string, api: ApiHarness) => {
  const hazardId = await hazardIn(zone, api)
  const county = await countyOf(api)
  const notice = await county.notice.issue.mutate({
    hazardIds: [hazardId],
    deadline: "2026-03-15",
    issuer: "villageGroup",
  })
  return { noticeId: notice.id, hazardId }
}

Object.assign(PROCEDURE_CASES, {
  "hazard.record": {
    access: "signedIn",
    input: (zone: string) => ({
      unitId: unitIn(zone),
      category: "electricalMisuse",
      description: "私拉电线给电动车充电",
      source: { _tag: "Inspection" },
    }),
  },
  "hazard.list": { access: "signedIn", input: (zone: string) => ({ gridId: zone }) },
  "hazard.get": {
    access: "signedIn",
    input: async (zone: string, api: ApiHarness) => ({ hazardId: await hazardIn(zone, api) }),
  },
  "hazard.determineMajor": {
    access: "signedIn",
    roles: ["countyAdmin", "townshipAdmin", "inspector", "fireBrigade"],
    input: async (zone: string, api: ApiHarness) => ({
      hazardId: await hazardIn(zone, api),
      findings: [],
      decidedBy: ["刘国彬", "何聪道", "王安检"],
    }),
  },
  "notice.issue": {
    access: "signedIn",
    roles: ["countyAdmin", "townshipAdmin", "inspector", "villageAdmin"],
    input: async (zone: string, api: ApiHarness) => ({
      hazardIds: [await hazardIn(zone, api)],
      deadline: "2026-03-15",
      issuer: "villageGroup",
    }),
  },
  "notice.get": {
    access: "signedIn",
    input: async (zone: string, api: ApiHarness) => ({ noticeId: (await noticeIn(zone, api)).noticeId }),
  },
  "notice.list": { access: "signedIn", input: (zone: string) => ({ gridId: zone }) },
  "notice.overdue": { access: "signedIn", input: (zone: string) => ({ gridId: zone }) },
  "recheck.record": {
    access: "signedIn",
    roles: ["countyAdmin", "townshipAdmin", "inspector", "villageAdmin"],
    input: async (zone: string, api: ApiHarness) => {
      const { noticeId, hazardId } = await noticeIn(zone, api)
      return { noticeId, results: [{ hazardId, rectified: true }] }
    },
  },
  "escalation.list": { access: "signedIn", input: (zone: string) => ({ gridId: zone }) },
  "escalation.sweep": {
    access: "signedIn",
    roles: ["countyAdmin", "townshipAdmin"],
    scoped: false,
    input: none,
  },
} satisfies Record<string, ProcedureCase>)

// --- the duty side (SPEC §2): rules, calendar, planning, activities, compliance, letters -----------------

const dutyDemo = buildDemoCounty()
/** The first unit listed by a target zone (the second township's zone lists one shop). */
const unitOfZone = (zone: string): string =>
  zone === "x01-z1" ? "u-xz-1" : dutyDemo.placements.find((p) => p.gridId === zone)!.unitId

/** The township a target zone lies in. */
export const townshipOf = (zone: string): string => (zone.startsWith("x") ? "town-xuzhuang" : "town-gaocheng")

const march = (zone: string) => ({ gridId: zone, from: "2026-03-01", to: "2026-03-31" })

/** The duty side (SPEC §2): rules, calendar, planning, activities, compliance, letters. */
export const DUTY_CASES: Record<string, ProcedureCase> = {
  "duty.rules": { access: "signedIn", scoped: false, input: none },
  "duty.updateRule": {
    access: "signedIn",
    roles: ["countyAdmin"],
    scoped: false,
    input: () => ({ id: "D-3", enabled: true }),
  },
  "duty.plan": { access: "signedIn", input: march },
  "duty.fixDay": {
    access: "signedIn",
    roles: ["countyAdmin", "townshipAdmin"],
    input: (zone) => ({ gridId: townshipOf(zone), ruleId: "D-1", period: "2026-10", date: "2026-10-09" }),
  },
  "duty.compliance": { access: "signedIn", input: march },
  "duty.dueSoon": { access: "signedIn", input: (zone) => ({ gridId: zone }) },
  "activity.record": {
    access: "signedIn",
    input: (zone) => ({ kind: "inspection", gridId: zone, date: "2026-03-04", unitIds: [unitOfZone(zone)] }),
  },
  "activity.list": { access: "signedIn", input: march },
  "calendar.years": { access: "signedIn", scoped: false, input: none },
  "calendar.supplyYear": {
    access: "signedIn",
    roles: ["countyAdmin"],
    scoped: false,
    input: () => ({
      year: 2027,
      holidays: { "2027-01-01": "元旦" },
      makeUpWorkdays: {},
      source: "县防火委补录（测试）",
      provisional: true,
    }),
  },
  "letter.unsigned": { access: "signedIn", input: (zone) => ({ gridId: zone, year: 2026 }) },
}

Object.assign(PROCEDURE_CASES, DUTY_CASES)

Object.assign(PROCEDURE_CASES, ADMIN_CASES)

// --- evaluation and accountability (SPEC §5 S-1, S-2) ------------------------------------------------

const firstHalf2026 = { _tag: "HalfYear", year: 2026, half: 1 }

Object.assign(PROCEDURE_CASES, {
  "evaluation.run": {
    access: "signedIn",
    roles: ["countyAdmin", "townshipAdmin"],
    input: (zone: string) => ({ gridId: townshipOf(zone), period: firstHalf2026 }),
  },
  "evaluation.get": {
    access: "signedIn",
    input: (zone: string) => ({ gridId: zone, period: firstHalf2026 }),
  },
  "fire.record": {
    access: "signedIn",
    roles: ["countyAdmin", "townshipAdmin", "fireBrigade"],
    input: (zone: string) => ({
      gridId: zone,
      occurredOn: "2026-03-01",
      deaths: 0,
      injuries: 1,
      description: "厨房油锅起火，一人轻伤",
    }),
  },
  "accountability.forUnit": {
    access: "signedIn",
    roles: ["countyAdmin", "townshipAdmin", "fireBrigade"],
    input: (zone: string) => ({ unitId: unitIn(zone), on: "2026-03-01" }),
  },
} satisfies Record<string, ProcedureCase>)

// --- the rollout (SPEC D-13, 四): pilot village, readiness checklist (三), acceptance ---------------------

Object.assign(PROCEDURE_CASES, {
  "rollout.status": { access: "signedIn", input: (zone: string) => ({ gridId: zone }) },
  "rollout.record": {
    access: "signedIn",
    roles: ["countyAdmin", "townshipAdmin"],
    input: (zone: string) => ({
      townshipId: townshipOf(zone),
      action: {
        _tag: "RecordFinding",
        villageId: zone.replace(/-z\d+$/, ""),
        item: "organization",
        met: true,
        checkedOn: "2026-03-01",
      },
    }),
  },
} satisfies Record<string, ProcedureCase>)
