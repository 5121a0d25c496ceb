DROP INDEX "history_conversation_idx";--> statement-breakpoint
ALTER TABLE "history_entries" ALTER COLUMN "data" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "history_entries" ALTER COLUMN "data" SET DEFAULT '{}'::json;--> statement-breakpoint
CREATE INDEX "history_conversation_idx" ON "history_entries" USING btree ("conversation_id","created_at","id");