CREATE TABLE "activities" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"grid_id" text NOT NULL,
	"date" date NOT NULL,
	"doc" jsonb NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_rules" (
	"id" text PRIMARY KEY NOT NULL,
	"doc" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "escalations" (
	"id" text PRIMARY KEY NOT NULL,
	"trigger" text NOT NULL,
	"from_grid_id" text NOT NULL,
	"triggered_on" date NOT NULL,
	"due_on" date NOT NULL,
	"doc" jsonb NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"id" text PRIMARY KEY NOT NULL,
	"grid_id" text NOT NULL,
	"period" text NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"doc" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fires" (
	"id" text PRIMARY KEY NOT NULL,
	"grid_id" text NOT NULL,
	"unit_id" text,
	"occurred_on" date NOT NULL,
	"deaths" integer DEFAULT 0 NOT NULL,
	"injuries" integer DEFAULT 0 NOT NULL,
	"loss_yuan" integer DEFAULT 0 NOT NULL,
	"doc" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fixed_days" (
	"grid_id" text NOT NULL,
	"rule_id" text NOT NULL,
	"period" text NOT NULL,
	"date" date NOT NULL,
	CONSTRAINT "fixed_days_grid_id_rule_id_period_pk" PRIMARY KEY("grid_id","rule_id","period")
);
--> statement-breakpoint
CREATE TABLE "hazard_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"hazard_id" text NOT NULL,
	"seq" integer NOT NULL,
	"event" jsonb NOT NULL,
	"actor" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hazards" (
	"id" text PRIMARY KEY NOT NULL,
	"unit_id" text NOT NULL,
	"grid_id" text NOT NULL,
	"found_on" date NOT NULL,
	"severity" text NOT NULL,
	"state_tag" text NOT NULL,
	"state" jsonb NOT NULL,
	"doc" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "major_determinations" (
	"hazard_id" text PRIMARY KEY NOT NULL,
	"determined_on" date NOT NULL,
	"is_major" boolean NOT NULL,
	"doc" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" text PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"unit_id" text NOT NULL,
	"grid_id" text NOT NULL,
	"issuer_grid_id" text NOT NULL,
	"issued_on" date NOT NULL,
	"deadline" date NOT NULL,
	"doc" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rechecks" (
	"id" text PRIMARY KEY NOT NULL,
	"notice_id" text NOT NULL,
	"on" date NOT NULL,
	"by_grid_id" text NOT NULL,
	"doc" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tip_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"tip_id" text NOT NULL,
	"seq" integer NOT NULL,
	"event" jsonb NOT NULL,
	"actor" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tip_photos" (
	"id" text PRIMARY KEY NOT NULL,
	"tip_id" text NOT NULL,
	"seq" integer NOT NULL,
	"mime" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tips" ALTER COLUMN "status" SET DEFAULT 'Received';--> statement-breakpoint
ALTER TABLE "tips" ADD COLUMN "received_on" date;--> statement-breakpoint
ALTER TABLE "tips" ADD COLUMN "point" jsonb;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_from_grid_id_grids_id_fk" FOREIGN KEY ("from_grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fires" ADD CONSTRAINT "fires_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fires" ADD CONSTRAINT "fires_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fixed_days" ADD CONSTRAINT "fixed_days_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazard_events" ADD CONSTRAINT "hazard_events_hazard_id_hazards_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazards" ADD CONSTRAINT "hazards_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hazards" ADD CONSTRAINT "hazards_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "major_determinations" ADD CONSTRAINT "major_determinations_hazard_id_hazards_id_fk" FOREIGN KEY ("hazard_id") REFERENCES "public"."hazards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_issuer_grid_id_grids_id_fk" FOREIGN KEY ("issuer_grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rechecks" ADD CONSTRAINT "rechecks_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rechecks" ADD CONSTRAINT "rechecks_by_grid_id_grids_id_fk" FOREIGN KEY ("by_grid_id") REFERENCES "public"."grids"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tip_events" ADD CONSTRAINT "tip_events_tip_id_tips_id_fk" FOREIGN KEY ("tip_id") REFERENCES "public"."tips"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tip_photos" ADD CONSTRAINT "tip_photos_tip_id_tips_id_fk" FOREIGN KEY ("tip_id") REFERENCES "public"."tips"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_grid_date_idx" ON "activities" USING btree ("grid_id","date");--> statement-breakpoint
CREATE INDEX "activities_kind_idx" ON "activities" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "escalations_grid_idx" ON "escalations" USING btree ("from_grid_id");--> statement-breakpoint
CREATE INDEX "evaluations_grid_period_idx" ON "evaluations" USING btree ("grid_id","period");--> statement-breakpoint
CREATE INDEX "fires_grid_idx" ON "fires" USING btree ("grid_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hazard_events_seq_idx" ON "hazard_events" USING btree ("hazard_id","seq");--> statement-breakpoint
CREATE INDEX "hazards_grid_idx" ON "hazards" USING btree ("grid_id");--> statement-breakpoint
CREATE INDEX "hazards_unit_idx" ON "hazards" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notices_number_idx" ON "notices" USING btree ("number");--> statement-breakpoint
CREATE INDEX "notices_grid_idx" ON "notices" USING btree ("grid_id");--> statement-breakpoint
CREATE INDEX "rechecks_notice_idx" ON "rechecks" USING btree ("notice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "tip_events_seq_idx" ON "tip_events" USING btree ("tip_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "tip_photos_seq_idx" ON "tip_photos" USING btree ("tip_id","seq");