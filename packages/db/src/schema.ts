import type { Boundary, GridLevel, GridRole, HazardCategory, UnitFlags, UnitKind } from "@firegrid/domain"
import { sql } from "drizzle-orm"
import {
  type AnyPgColumn,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core"

export const grids = pgTable(
  "grids",
  {
    id: text("id").primaryKey(),
    parentId: text("parent_id").references((): AnyPgColumn => grids.id),
    level: text("level").$type<GridLevel>().notNull(),
    name: text("name").notNull(),
    code: text("code").notNull(),
    location: text("location"),
    boundary: jsonb("boundary").$type<Boundary>(),
  },
  (t) => [index("grids_parent_idx").on(t.parentId), uniqueIndex("grids_code_idx").on(t.code)],
)

export const persons = pgTable("persons", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  title: text("title"),
  phone: text("phone"),
})

/** Who held which role for which grid when; rows are closed (until set), never deleted, so history stays. */
export const assignments = pgTable(
  "assignments",
  {
    id: serial("id").primaryKey(),
    gridId: text("grid_id")
      .notNull()
      .references(() => grids.id),
    personId: text("person_id")
      .notNull()
      .references(() => persons.id),
    role: text("role").$type<GridRole>().notNull(),
    since: date("since").notNull(),
    until: date("until"),
  },
  (t) => [index("assignments_grid_idx").on(t.gridId)],
)

export const departments = pgTable("departments", {
  id: text("id").primaryKey(),
  kind: text("kind").notNull(),
  name: text("name").notNull(),
  gridId: text("grid_id")
    .notNull()
    .references(() => grids.id),
})

export const units = pgTable(
  "units",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    kind: text("kind").$type<UnitKind>().notNull(),
    flags: jsonb("flags").$type<UnitFlags>().notNull(),
    address: text("address"),
    location: jsonb("location").$type<readonly [number, number]>(),
    /** The one small grid (责任片区) that lists this unit; null while it is not placed yet. */
    gridId: text("grid_id").references(() => grids.id),
  },
  (t) => [index("units_grid_idx").on(t.gridId)],
)

export const tips = pgTable(
  "tips",
  {
    id: text("id").primaryKey(),
    trackingCode: text("tracking_code").notNull(),
    gridId: text("grid_id")
      .notNull()
      .references(() => grids.id),
    category: text("category").$type<HazardCategory>().notNull(),
    description: text("description").notNull(),
    address: text("address"),
    contact: text("contact"),
    status: text("status").notNull().default("received"),
    photoCount: integer("photo_count").notNull().default(0),
    filedAt: timestamp("filed_at", { withTimezone: true }).notNull().default(sql`now()`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [uniqueIndex("tips_tracking_code_idx").on(t.trackingCode), index("tips_grid_idx").on(t.gridId)],
)
