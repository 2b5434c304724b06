import { randomUUID } from "node:crypto"
import {
  type AccountRow,
  type Database,
  findGridByCode,
  findGridRecord,
  type GridChange,
  type GridRecord,
  insertGrid,
  updateGrid,
} from "@firegrid/db"
import { type Boundary, CHILD_LEVEL, GRID_LEVEL_LABEL } from "@firegrid/domain"
import { TRPCError } from "@trpc/server"
import { requireGridInScope } from "../auth/scope.ts"
import { badField } from "../trpc.ts"
import { boundaryProblem } from "./boundary.ts"

const notFound = (id: string) => new TRPCError({ code: "NOT_FOUND", message: `网格 ${id} 不存在` })

/**
 * A grid I may redraw: in my subtree and, below the county, not my own grid — a township does not
 * rename or move itself; the county does that.
 */
const requireEditable = async (db: Database, account: AccountRow, gridId: string): Promise<GridRecord> => {
  await requireGridInScope(db, account, gridId)
  if (gridId === account.gridId && account.role !== "countyAdmin")
    throw new TRPCError({ code: "FORBIDDEN", message: "本级网格的调整须由上级（县级管理员）办理" })
  const grid = await findGridRecord(db, gridId)
  if (!grid) throw notFound(gridId)
  return grid
}

const requireFreeCode = async (db: Database, code: string) => {
  if (await findGridByCode(db, code))
    throw new TRPCError({ code: "CONFLICT", message: `网格编码 ${code} 已被使用` })
}

/** A new grid under a parent of mine; its level follows the parent's (G-1: county → large → medium → small). */
export const createGrid = async (
  db: Database,
  account: AccountRow,
  input: { parentId: string; name: string; code: string; location: string | null },
  at: Date,
): Promise<GridRecord> => {
  await requireGridInScope(db, account, input.parentId)
  const parent = await findGridRecord(db, input.parentId)
  if (!parent) throw notFound(input.parentId)
  const level = CHILD_LEVEL[parent.level]
  if (level === null) throw badField("parentId", "责任片区（小网格）之下不再划分网格")
  await requireFreeCode(db, input.code)
  const grid: GridRecord = {
    id: `g-${randomUUID()}`,
    parentId: parent.id,
    level,
    name: input.name,
    code: input.code,
    location: input.location,
    boundary: null,
  }
  await insertGrid(db, grid, at, account.id)
  return grid
}

const change = async (
  db: Database,
  account: AccountRow,
  gridId: string,
  patch: GridChange,
  action: string,
  at: Date,
) => {
  if (!(await updateGrid(db, gridId, patch, action, at, account.id))) throw notFound(gridId)
  return (await findGridRecord(db, gridId))!
}

export const renameGrid = async (
  db: Database,
  account: AccountRow,
  input: { gridId: string; name: string; location?: string | null | undefined },
  at: Date,
) => {
  await requireEditable(db, account, input.gridId)
  const patch: GridChange =
    input.location === undefined ? { name: input.name } : { name: input.name, location: input.location }
  return change(db, account, input.gridId, patch, "grid.rename", at)
}

/** Sets or clears a grid's boundary (G-1: optional, but when given it must be a real polygon). */
export const setGridBoundary = async (
  db: Database,
  account: AccountRow,
  input: { gridId: string; boundary: Boundary | null },
  at: Date,
) => {
  await requireEditable(db, account, input.gridId)
  if (input.boundary) {
    const problem = boundaryProblem(input.boundary)
    if (problem) throw badField("boundary", problem)
  }
  return change(db, account, input.gridId, { boundary: input.boundary }, "grid.setBoundary", at)
}

/**
 * Hangs a grid under another parent of the right level (a zone to another village, a village to
 * another township); both ends must be mine. Units and people stay with the grid.
 */
export const moveGrid = async (
  db: Database,
  account: AccountRow,
  input: { gridId: string; parentId: string },
  at: Date,
) => {
  const grid = await requireEditable(db, account, input.gridId)
  await requireGridInScope(db, account, input.parentId)
  const parent = await findGridRecord(db, input.parentId)
  if (!parent) throw notFound(input.parentId)
  if (CHILD_LEVEL[parent.level] !== grid.level)
    throw badField(
      "parentId",
      `${GRID_LEVEL_LABEL[grid.level]}只能挂在${Object.entries(CHILD_LEVEL)
        .filter(([, child]) => child === grid.level)
        .map(([level]) => GRID_LEVEL_LABEL[level as keyof typeof GRID_LEVEL_LABEL])
        .join("、")}之下`,
    )
  if (grid.parentId === parent.id) return grid
  return change(db, account, input.gridId, { parentId: parent.id }, "grid.move", at)
}
