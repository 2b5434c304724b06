import { type Database, loadStoredDutyRules, saveDutyRule } from "@firegrid/db"
import { DEFAULT_DUTY_RULES, DutyRule, DutyRuleSet } from "@firegrid/domain"
import { Either, ParseResult, Schema } from "effect"
import { badField, badFields } from "../trpc.ts"

/**
 * The county's duty rules: the seed's defaults (D-1 … D-11) with the county's stored edits laid over
 * them by id, plus any rule the county added. A default the county never touched stays a default, so a
 * new default in a later release shows up without a migration.
 */
export const loadDutyRules = async (db: Database): Promise<ReadonlyArray<DutyRule>> => {
  const stored = new Map((await loadStoredDutyRules(db)).map((r) => [r.id as string, r]))
  const merged = DEFAULT_DUTY_RULES.map((r) => stored.get(r.id) ?? r)
  const defaults = new Set(DEFAULT_DUTY_RULES.map((r) => r.id as string))
  return [...merged, ...[...stored.values()].filter((r) => !defaults.has(r.id))]
}

/** What a county may change in a rule: when, over what, and whether it applies; not who or what kind. */
export interface RuleChange {
  readonly title?: string | undefined
  readonly cadence?: unknown | undefined
  readonly oneWorkday?: boolean | undefined
  readonly scope?: unknown | undefined
  readonly lateGraceDays?: number | null | undefined
  readonly enabled?: boolean | undefined
}

const decodeRule = Schema.decodeUnknownEither(DutyRule, { errors: "all" })
const encodeRule = Schema.encodeSync(DutyRule)

/** Applies a change to one rule, checked by the domain's schemas, and stores it with its archive event. */
export const updateDutyRule = async (
  db: Database,
  id: string,
  change: RuleChange,
  at: Date,
  actor: string,
): Promise<DutyRule> => {
  const rules = await loadDutyRules(db)
  const current = rules.find((r) => r.id === id)
  if (!current) throw badField("id", `没有编号为 ${id} 的职责规则`)
  const { lateGraceDays, title, ...rest } = change
  const encoded: Record<string, unknown> = { ...encodeRule(current) }
  for (const [k, v] of Object.entries(rest)) if (v !== undefined) encoded[k] = v
  // Titles are typed by people; the domain wants them without stray spaces.
  if (title !== undefined) encoded.title = title.trim()
  if (lateGraceDays === null) delete encoded.lateGraceDays
  else if (lateGraceDays !== undefined) encoded.lateGraceDays = lateGraceDays
  const decoded = decodeRule(encoded)
  if (Either.isLeft(decoded))
    throw badFields(
      ParseResult.ArrayFormatter.formatErrorSync(decoded.left).map((i) => ({
        path: i.path.map((p) => (typeof p === "number" ? p : String(p))),
        message: i.message,
      })),
    )
  const next = decoded.right
  const set = Schema.decodeUnknownEither(DutyRuleSet)(
    rules.map((r) => (r.id === id ? next : r)).map((r) => encodeRule(r)),
  )
  if (Either.isLeft(set)) throw badField("id", ParseResult.TreeFormatter.formatErrorSync(set.left))
  await saveDutyRule(db, { rule: next, before: current, at, actor })
  return next
}
