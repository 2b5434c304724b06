import { type AccountRow, type Database, gridAncestry } from "@firegrid/db"
import { TRPCError } from "@trpc/server"

/**
 * Every admin sees only the subtree of the grid their account is anchored at (SPEC §6). Asking about a
 * grid outside it is FORBIDDEN, asking about one that does not exist is NOT_FOUND.
 */
export const requireGridInScope = async (
  db: Database,
  account: AccountRow,
  gridId: string,
): Promise<void> => {
  const ancestry = await gridAncestry(db, gridId)
  if (ancestry.length === 0) throw new TRPCError({ code: "NOT_FOUND", message: `网格 ${gridId} 不存在` })
  if (!ancestry.includes(account.gridId))
    throw new TRPCError({ code: "FORBIDDEN", message: "该网格不在您的管辖范围内" })
}
