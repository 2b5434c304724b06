ALTER TABLE "tips" ADD COLUMN "media_url" text;--> statement-breakpoint
CREATE UNIQUE INDEX "units_grid_name_idx" ON "units" USING btree ("grid_id","name");