import { type Database, getSetting } from "@firegrid/db"
import { defaultEscalationPolicy, EscalationPolicy } from "@firegrid/domain"
import { Schema } from "effect"

/** The settings key under which a county keeps its own escalation ladder (E-1); absent means the default. */
export const ESCALATION_POLICY_KEY = "escalation.policy"

const decode = Schema.decodeUnknownEither(EscalationPolicy)

/**
 * The county's escalation policy, or the documented default. A stored value that no longer decodes is
 * refused loudly rather than replaced by the default: escalating by rules nobody chose would be worse.
 */
export const loadEscalationPolicy = async (db: Database): Promise<EscalationPolicy> => {
  const stored = await getSetting(db, ESCALATION_POLICY_KEY)
  if (stored === undefined) return defaultEscalationPolicy
  const decoded = decode(stored)
  if (decoded._tag === "Left")
    throw new Error(
      `settings "${ESCALATION_POLICY_KEY}" is not a valid escalation policy: ${decoded.left.message}`,
    )
  return decoded.right
}
