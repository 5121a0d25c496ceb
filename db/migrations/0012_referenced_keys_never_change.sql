-- The foreign keys replaced in 0007 also refused changing a referenced key. The app never changes
-- an id or moves a row to another account; these guards keep it that way for anything history
-- or a CRM record points to. They fire only when a key column is in the UPDATE and changes, so
-- the everyday updates (owners, unread, status) don't pay for them.
CREATE OR REPLACE FUNCTION refuse_orphaning() RETURNS trigger
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
  -- An update that passes goes through as asked.
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER accounts_keep_referenced_keys BEFORE UPDATE OF id ON accounts
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id)
  EXECUTE FUNCTION refuse_orphaning();
--> statement-breakpoint
CREATE TRIGGER users_keep_referenced_keys BEFORE UPDATE OF id, account_id ON users
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.account_id IS DISTINCT FROM NEW.account_id)
  EXECUTE FUNCTION refuse_orphaning();
--> statement-breakpoint
CREATE TRIGGER conversations_keep_referenced_keys BEFORE UPDATE OF id, account_id ON conversations
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.account_id IS DISTINCT FROM NEW.account_id)
  EXECUTE FUNCTION refuse_orphaning();
