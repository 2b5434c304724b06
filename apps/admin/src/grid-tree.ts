import type { GridRow } from "./trpc.ts"

/**
 * A grid with its child grids, shaped for a tree table (leaves have no `children`, so no expand button).
 * `totalUnits` counts the units of the whole area: units sit in zones, so a village's own count is 0.
 */
export type GridNode = GridRow & { totalUnits: number; children?: GridNode[] }

/** Turns the API's flat list into the tree 县 → 乡镇 → 村 → 责任片区, keeping the API's order among siblings. */
export const buildTree = (rows: ReadonlyArray<GridRow>): GridNode[] => {
  const childrenOf = new Map<string | null, GridRow[]>()
  const ids = new Set(rows.map((r) => r.id))
  for (const row of rows) {
    const parent = row.parentId !== null && ids.has(row.parentId) ? row.parentId : null
    const siblings = childrenOf.get(parent) ?? []
    siblings.push(row)
    childrenOf.set(parent, siblings)
  }
  const nodeOf = (row: GridRow): GridNode => {
    const kids = childrenOf.get(row.id)?.map(nodeOf)
    if (!kids) return { ...row, totalUnits: row.unitCount }
    const totalUnits = kids.reduce((sum, k) => sum + k.totalUnits, row.unitCount)
    return { ...row, totalUnits, children: kids }
  }
  return (childrenOf.get(null) ?? []).map(nodeOf)
}

/**
 * Keeps the grids whose name (or code) contains `query`, with their ancestors so they stay in place,
 * and lists the ancestors to open so every match is visible. A match with no matching descendant keeps
 * its whole subtree (closed), so searching a village still lets you open its zones.
 */
export const filterTree = (
  tree: ReadonlyArray<GridNode>,
  query: string,
): { nodes: GridNode[]; expand: string[]; matches: number } => {
  const q = query.trim().toLowerCase()
  if (q === "") return { nodes: [...tree], expand: [], matches: 0 }
  const expand: string[] = []
  let matches = 0
  const visit = (node: GridNode): GridNode | null => {
    const hit = node.name.toLowerCase().includes(q) || node.code.toLowerCase().includes(q)
    if (hit) matches += 1
    const kept = (node.children ?? []).map(visit).filter((n): n is GridNode => n !== null)
    if (kept.length > 0) {
      expand.push(node.id)
      return { ...node, children: kept }
    }
    return hit ? node : null
  }
  const nodes = tree.map(visit).filter((n): n is GridNode => n !== null)
  return { nodes, expand, matches }
}
