-- The folded name is stored rather than computed at each recheck (see db/crm.ts); the trigram
-- index moves to the stored column, with the same 1,000-entry statistics 0019 gave the expression.
DROP INDEX "contacts_name_trgm_idx";--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "name_folded" text GENERATED ALWAYS AS (turno_fold(name)) STORED;--> statement-breakpoint
CREATE INDEX "contacts_name_folded_trgm_idx" ON "contacts" USING gin ("name_folded" gin_trgm_ops);--> statement-breakpoint
ALTER TABLE "contacts" ALTER COLUMN "name_folded" SET STATISTICS 1000;
