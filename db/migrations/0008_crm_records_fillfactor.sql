-- Deals, activities and tasks change owner in bulk (a bulk assignment moves them with their
-- conversations). Their owner is not indexed, so with room left on each page the new row version
-- stays on the same page and no index is touched (a HOT update). Applies to pages written from now on.
ALTER TABLE "opportunities" SET (fillfactor = 70);
--> statement-breakpoint
ALTER TABLE "activities" SET (fillfactor = 70);
--> statement-breakpoint
ALTER TABLE "tasks" SET (fillfactor = 70);
