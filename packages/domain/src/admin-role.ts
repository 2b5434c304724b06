import { Schema } from "effect"
import type { GridLevel } from "./grid.ts"

/**
 * Who signs in to the admin pages (SPEC §6): each account is anchored at one grid and sees that grid's
 * subtree only. Fire brigade and police station accounts are anchored at the township (or county) they serve.
 */
export const AdminRole = Schema.Literal(
  "countyAdmin",
  "townshipAdmin",
  "villageAdmin",
  "zoneLeader",
  "inspector",
  "fireBrigade",
  "policeStation",
)
export type AdminRole = typeof AdminRole.Type

export const ADMIN_ROLE_LABEL: Record<AdminRole, string> = {
  countyAdmin: "县级管理员",
  townshipAdmin: "乡镇管理员",
  villageAdmin: "村（社区）管理员",
  zoneLeader: "片区负责人",
  inspector: "安检员",
  fireBrigade: "消防救援队伍",
  policeStation: "派出所",
}

/** The grid levels an account of each role may be anchored at. */
export const ROLE_ANCHOR_LEVELS: Record<AdminRole, ReadonlyArray<GridLevel>> = {
  countyAdmin: ["county"],
  townshipAdmin: ["large"],
  villageAdmin: ["medium"],
  zoneLeader: ["small"],
  inspector: ["large", "medium"],
  fireBrigade: ["county", "large"],
  policeStation: ["large"],
}
