-- Whether a search starts from the matching contacts or walks the list newest first (and stops at
-- a page) turns on the planner's guess of how many contacts match '%fragment%', which it draws from
-- the histogram of the indexed expression: with the default 100 entries a fragment shared by a few
-- hundred of a million contacts can hit one of them and be taken for 1%, and the walk then reads
-- most of the list. 1,000 entries bring that error down to about 0.1%.
ALTER INDEX "contacts_name_trgm_idx" ALTER COLUMN 1 SET STATISTICS 1000;--> statement-breakpoint
ALTER TABLE "contacts" ALTER COLUMN "phone" SET STATISTICS 1000;
