DROP INDEX "conversations_inbox_idx";--> statement-breakpoint
DROP INDEX "conversations_inbox_all_idx";--> statement-breakpoint
DROP INDEX "conversations_owner_idx";--> statement-breakpoint
DROP INDEX "conversations_unread_idx";--> statement-breakpoint
CREATE INDEX "conversations_inbox_idx" ON "conversations" USING btree ("account_id","status","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "conversations_inbox_all_idx" ON "conversations" USING btree ("account_id","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "conversations_owner_idx" ON "conversations" USING btree ("account_id","owner_id","status","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "conversations_unread_idx" ON "conversations" USING btree ("account_id","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "conversations"."unread";