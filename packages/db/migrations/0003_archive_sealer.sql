-- Writers no longer chain the archive themselves (they took turns under a lock); a sealer does it.
CREATE SEQUENCE IF NOT EXISTS "audit_events_seq_seq" AS bigint OWNED BY "audit_events"."seq";--> statement-breakpoint
SELECT setval('"audit_events_seq_seq"', coalesce((SELECT max("seq") FROM "audit_events"), 0) + 1, false);--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "seq" SET DEFAULT nextval('"audit_events_seq_seq"');--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ALTER COLUMN "hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "content_hash" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "chain_pos" bigint;--> statement-breakpoint
-- Events chained under the old scheme are sealed again, in their order, under the new one.
UPDATE "audit_events" SET "prev_hash" = NULL, "hash" = NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_chain_pos_idx" ON "audit_events" USING btree ("chain_pos");--> statement-breakpoint
CREATE INDEX "audit_events_grid_idx" ON "audit_events" USING btree ("grid_id");
