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
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core"

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
})

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
  // One name per zone: two ledgers of the same zone naming the same shop would be one unit counted twice.
  (t) => [index("units_grid_idx").on(t.gridId), uniqueIndex("units_grid_name_idx").on(t.gridId, t.name)],
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
    /** A picture link an Open311 client sent (`media_url`); kept as text, never fetched. */
    mediaUrl: text("media_url"),
    /** The tip's state tag (Received, Acknowledged …), kept beside the event log for filtering. */
    status: text("status").notNull().default("Received"),
    receivedOn: date("received_on"),
    /** lon, lat when the filer gave a point. */
    point: jsonb("point").$type<readonly [number, number]>(),
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
 * The archive: every write appends one event in the same transaction, with the hash of its content.
 * A sealer then links events into a chain (each hash covers the content hash and the previous link), so an
 * edited, removed or reordered event breaks the chain. Writers never wait for each other: only the sealer
 * orders events, which is what keeps public filing fast under load.
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    at: text("at").notNull(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    gridId: text("grid_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    /** Written with the event; null only for events from before the sealer, which it hashes first. */
    contentHash: text("content_hash"),
    /** Position in the chain, given by the sealer; null until sealed. */
    chainPos: bigint("chain_pos", { mode: "number" }),
    prevHash: text("prev_hash"),
    hash: text("hash"),
  },
  (t) => [
    uniqueIndex("audit_events_chain_pos_idx").on(t.chainPos),
    index("audit_events_grid_idx").on(t.gridId),
  ],
)

/** Every state change of a tip, in order; the state is their replay (T-1..T-3). */
export const tipEvents = pgTable(
  "tip_events",
  {
    id: serial("id").primaryKey(),
    tipId: text("tip_id")
      .notNull()
      .references(() => tips.id),
    seq: integer("seq").notNull(),
    event: jsonb("event").notNull(),
    actor: text("actor").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("tip_events_seq_idx").on(t.tipId, t.seq)],
)

/** Photos of a tip, re-encoded without metadata before they are stored. */
export const tipPhotos = pgTable(
  "tip_photos",
  {
    id: text("id").primaryKey(),
    tipId: text("tip_id")
      .notNull()
      .references(() => tips.id),
    seq: integer("seq").notNull(),
    mime: text("mime").notNull(),
    bytes: bytea("bytes").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
  },
  (t) => [uniqueIndex("tip_photos_seq_idx").on(t.tipId, t.seq)],
)

/*
 * The closed loop's records are kept as the domain's own encoded documents (`doc`), with the columns
 * queries filter on beside them: the domain's Effect Schemas decode what is read, so a record can never
 * come back in a shape the rules do not understand.
 */

export const hazards = pgTable(
  "hazards",
  {
    id: text("id").primaryKey(),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    gridId: text("grid_id")
      .notNull()
      .references(() => grids.id),
    foundOn: date("found_on").notNull(),
    severity: text("severity").notNull(),
    stateTag: text("state_tag").notNull(),
    state: jsonb("state").notNull(),
    doc: jsonb("doc").notNull(),
  },
  (t) => [index("hazards_grid_idx").on(t.gridId), index("hazards_unit_idx").on(t.unitId)],
)

export const hazardEvents = pgTable(
  "hazard_events",
  {
    id: serial("id").primaryKey(),
    hazardId: text("hazard_id")
      .notNull()
      .references(() => hazards.id),
    seq: integer("seq").notNull(),
    event: jsonb("event").notNull(),
    actor: text("actor").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("hazard_events_seq_idx").on(t.hazardId, t.seq)],
)

export const notices = pgTable(
  "notices",
  {
    id: text("id").primaryKey(),
    number: text("number").notNull(),
    unitId: text("unit_id")
      .notNull()
      .references(() => units.id),
    gridId: text("grid_id")
      .notNull()
      .references(() => grids.id),
    issuerGridId: text("issuer_grid_id")
      .notNull()
      .references(() => grids.id),
    issuedOn: date("issued_on").notNull(),
    deadline: date("deadline").notNull(),
    doc: jsonb("doc").notNull(),
  },
  (t) => [uniqueIndex("notices_number_idx").on(t.number), index("notices_grid_idx").on(t.gridId)],
)

export const rechecks = pgTable(
  "rechecks",
  {
    id: text("id").primaryKey(),
    noticeId: text("notice_id")
      .notNull()
      .references(() => notices.id),
    on: date("on").notNull(),
    byGridId: text("by_grid_id")
      .notNull()
      .references(() => grids.id),
    doc: jsonb("doc").notNull(),
  },
  (t) => [index("rechecks_notice_idx").on(t.noticeId)],
)

/** Escalations have ids derived from (trigger, subject): recording one twice is a no-op, not a duplicate. */
export const escalations = pgTable(
  "escalations",
  {
    id: text("id").primaryKey(),
    trigger: text("trigger").notNull(),
    fromGridId: text("from_grid_id")
      .notNull()
      .references(() => grids.id),
    triggeredOn: date("triggered_on").notNull(),
    dueOn: date("due_on").notNull(),
    doc: jsonb("doc").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("escalations_grid_idx").on(t.fromGridId)],
)

/** Inspections, trainings, publicity days, joint meetings, letters, supervision — what grids did (§2). */
export const activities = pgTable(
  "activities",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(),
    gridId: text("grid_id")
      .notNull()
      .references(() => grids.id),
    date: date("date").notNull(),
    doc: jsonb("doc").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("activities_grid_date_idx").on(t.gridId, t.date), index("activities_kind_idx").on(t.kind)],
)

/** The county's duty rules (D-1..D-11) as data it can change. */
export const dutyRules = pgTable("duty_rules", {
  id: text("id").primaryKey(),
  doc: jsonb("doc").notNull(),
  active: boolean("active").notNull().default(true),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
})

/** A township's chosen day for a rule in a period, e.g. its inspection day for 2026-10 (D-1, D-8). */
export const fixedDays = pgTable(
  "fixed_days",
  {
    gridId: text("grid_id")
      .notNull()
      .references(() => grids.id),
    ruleId: text("rule_id").notNull(),
    period: text("period").notNull(),
    date: date("date").notNull(),
  },
  (t) => [primaryKey({ columns: [t.gridId, t.ruleId, t.period] })],
)

export const majorDeterminations = pgTable("major_determinations", {
  hazardId: text("hazard_id")
    .primaryKey()
    .references(() => hazards.id),
  determinedOn: date("determined_on").notNull(),
  isMajor: boolean("is_major").notNull(),
  doc: jsonb("doc").notNull(),
})

/** Fires and casualties, the hardest fact in an evaluation (S-1) and the start of accountability (S-2). */
export const fires = pgTable(
  "fires",
  {
    id: text("id").primaryKey(),
    gridId: text("grid_id")
      .notNull()
      .references(() => grids.id),
    unitId: text("unit_id").references(() => units.id),
    occurredOn: date("occurred_on").notNull(),
    deaths: integer("deaths").notNull().default(0),
    injuries: integer("injuries").notNull().default(0),
    lossYuan: integer("loss_yuan").notNull().default(0),
    doc: jsonb("doc").notNull(),
  },
  (t) => [index("fires_grid_idx").on(t.gridId)],
)

export const evaluations = pgTable(
  "evaluations",
  {
    id: text("id").primaryKey(),
    gridId: text("grid_id")
      .notNull()
      .references(() => grids.id),
    period: text("period").notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull(),
    doc: jsonb("doc").notNull(),
  },
  (t) => [index("evaluations_grid_period_idx").on(t.gridId, t.period)],
)

/** County configuration: escalation policy, score weights, calendar years supplied by the county. */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
})
