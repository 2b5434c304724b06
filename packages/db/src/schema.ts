import type {
  AdminRole,
  Boundary,
  GridLevel,
  GridRole,
  HazardCategory,
  UnitFlags,
  UnitKind,
} from "@firegrid/domain"
import { sql } from "drizzle-orm"
import {
  type AnyPgColumn,
  bigint,
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

/** Admin accounts: each anchored at one grid, seeing only that grid's subtree. */
export const accounts = pgTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    role: text("role").$type<AdminRole>().notNull(),
    gridId: text("grid_id")
      .notNull()
      .references(() => grids.id),
    /** scrypt$N$r$p$salt$hash, all base64url. */
    passwordHash: text("password_hash").notNull(),
    failedLogins: integer("failed_logins").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [uniqueIndex("accounts_username_idx").on(t.username)],
)

/** Sessions live in the database so that any API instance can serve any signed-in user. */
export const sessions = pgTable(
  "sessions",
  {
    /** sha256 of the cookie's token: a leaked table does not hand out sessions. */
    tokenHash: text("token_hash").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_account_idx").on(t.accountId)],
)

/**
 * The archive: every write appends one event in the same transaction. Each event's hash covers its
 * content and the previous event's hash, so an edited, removed or reordered event breaks the chain.
 */
export const auditEvents = pgTable("audit_events", {
  seq: bigint("seq", { mode: "number" }).primaryKey(),
  at: text("at").notNull(),
  actor: text("actor").notNull(),
  action: text("action").notNull(),
  subjectType: text("subject_type").notNull(),
  subjectId: text("subject_id").notNull(),
  gridId: text("grid_id"),
  before: jsonb("before"),
  after: jsonb("after"),
  prevHash: text("prev_hash").notNull(),
  hash: text("hash").notNull(),
})
