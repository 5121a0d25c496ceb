ALTER TABLE "activities" DROP CONSTRAINT "activities_owner_fk";
--> statement-breakpoint
ALTER TABLE "opportunities" DROP CONSTRAINT "opportunities_owner_fk";
--> statement-breakpoint
ALTER TABLE "tasks" DROP CONSTRAINT "tasks_owner_fk";
--> statement-breakpoint
ALTER TABLE "history_entries" DROP CONSTRAINT "history_entries_account_id_accounts_id_fk";
--> statement-breakpoint
ALTER TABLE "history_entries" DROP CONSTRAINT "history_entries_actor_fk";
--> statement-breakpoint
ALTER TABLE "history_entries" DROP CONSTRAINT "history_entries_conversation_fk";
--> statement-breakpoint
DROP INDEX "history_account_idx";--> statement-breakpoint
CREATE INDEX "history_account_idx" ON "history_entries" USING btree ("account_id","created_at") WHERE "history_entries"."conversation_id" is null;
--> statement-breakpoint
-- The references the foreign keys above held, checked once per statement over all its rows (one
-- anti-join each) instead of one key lookup and row lock per row and per key: a bulk assignment
-- writes 100,000 history entries and moves as many deals, activities and tasks in one statement,
-- and those row-by-row checks were a third of its time.
-- Row locks are not needed here: every conversation entry is written by a statement that also
-- updates that conversation, so the conversation row is locked until commit, and the delete guards
-- below refuse removing anything history points to.
CREATE FUNCTION history_entries_check_references() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  one_account uuid;
  accounts_in_statement int;
  missing text;
BEGIN
  SELECT min(account_id::text)::uuid, count(DISTINCT account_id) INTO one_account, accounts_in_statement FROM added;
  -- EXECUTE plans each check for this statement's size (a single entry probes an index; a bulk
  -- assignment hashes), where a cached plan would keep whichever size came first. Statements
  -- almost always write to one account, which lets the checks read only that account's rows.
  EXECUTE $q$
    SELECT CASE
      WHEN EXISTS (SELECT 1 FROM added h WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = h.account_id))
        THEN 'account'
      WHEN EXISTS (
        SELECT 1 FROM added h
        WHERE h.actor_id IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM users u WHERE u.account_id = h.account_id AND u.id = h.actor_id
            AND ($1 IS NULL OR u.account_id = $1)))
        THEN 'actor'
      WHEN EXISTS (
        SELECT 1 FROM added h
        WHERE h.conversation_id IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM conversations c WHERE c.account_id = h.account_id AND c.id = h.conversation_id
            AND ($1 IS NULL OR c.account_id = $1)))
        THEN 'conversation'
    END$q$
    INTO missing
    USING CASE WHEN accounts_in_statement = 1 THEN one_account END;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'history_entries: % not found in the account', missing USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER history_entries_references
  AFTER INSERT ON history_entries
  REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION history_entries_check_references();
--> statement-breakpoint
-- What history or a CRM record points to is never deleted (the app deactivates people and never
-- deletes accounts or conversations): the foreign keys refused it, and so do these guards.
CREATE FUNCTION refuse_orphaning() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF (TG_TABLE_NAME = 'accounts' AND EXISTS (SELECT 1 FROM history_entries h WHERE h.account_id = OLD.id))
    OR (TG_TABLE_NAME = 'users' AND (
      EXISTS (SELECT 1 FROM history_entries h WHERE h.account_id = OLD.account_id AND h.actor_id = OLD.id)
      OR EXISTS (SELECT 1 FROM opportunities r WHERE r.account_id = OLD.account_id AND r.owner_id = OLD.id)
      OR EXISTS (SELECT 1 FROM activities r WHERE r.account_id = OLD.account_id AND r.owner_id = OLD.id)
      OR EXISTS (SELECT 1 FROM tasks r WHERE r.account_id = OLD.account_id AND r.owner_id = OLD.id)))
    OR (TG_TABLE_NAME = 'conversations' AND EXISTS (
      SELECT 1 FROM history_entries h WHERE h.account_id = OLD.account_id AND h.conversation_id = OLD.id))
  THEN
    RAISE EXCEPTION '% % is still referenced', TG_TABLE_NAME, OLD.id USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER accounts_keep_referenced BEFORE DELETE ON accounts
  FOR EACH ROW EXECUTE FUNCTION refuse_orphaning();
--> statement-breakpoint
CREATE TRIGGER users_keep_referenced BEFORE DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION refuse_orphaning();
--> statement-breakpoint
CREATE TRIGGER conversations_keep_referenced BEFORE DELETE ON conversations
  FOR EACH ROW EXECUTE FUNCTION refuse_orphaning();
--> statement-breakpoint
-- Deals, activities and tasks: the owner, when set, is a user of the same account.
CREATE FUNCTION crm_records_check_owner() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  one_account uuid;
  accounts_in_statement int;
  missing boolean;
BEGIN
  SELECT min(account_id::text)::uuid, count(DISTINCT account_id) INTO one_account, accounts_in_statement
  FROM changed WHERE owner_id IS NOT NULL;
  IF accounts_in_statement = 0 THEN
    RETURN NULL;
  END IF;
  -- Planned per statement, like history_entries_check_references.
  EXECUTE $q$
    SELECT EXISTS (
      SELECT 1 FROM changed r
      WHERE r.owner_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM users u WHERE u.account_id = r.account_id AND u.id = r.owner_id
          AND ($1 IS NULL OR u.account_id = $1)))$q$
    INTO missing
    USING CASE WHEN accounts_in_statement = 1 THEN one_account END;
  IF missing THEN
    RAISE EXCEPTION '%: owner not found in the account', TG_TABLE_NAME USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER opportunities_owner_on_insert AFTER INSERT ON opportunities
  REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION crm_records_check_owner();
--> statement-breakpoint
CREATE TRIGGER opportunities_owner_on_update AFTER UPDATE ON opportunities
  REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION crm_records_check_owner();
--> statement-breakpoint
CREATE TRIGGER activities_owner_on_insert AFTER INSERT ON activities
  REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION crm_records_check_owner();
--> statement-breakpoint
CREATE TRIGGER activities_owner_on_update AFTER UPDATE ON activities
  REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION crm_records_check_owner();
--> statement-breakpoint
CREATE TRIGGER tasks_owner_on_insert AFTER INSERT ON tasks
  REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION crm_records_check_owner();
--> statement-breakpoint
CREATE TRIGGER tasks_owner_on_update AFTER UPDATE ON tasks
  REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION crm_records_check_owner();
