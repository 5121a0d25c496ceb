-- The per-statement history checks return at once when the statement inserted no entry.
CREATE OR REPLACE FUNCTION history_entries_check_references() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  one_account uuid;
  accounts_in_statement int;
  missing text;
BEGIN
  SELECT min(account_id::text)::uuid, count(DISTINCT account_id) INTO one_account, accounts_in_statement FROM added;
  -- A statement that inserted no entry (a message's statement carries the reopen insert
  -- whether or not it reopens) has nothing to check; the checks cost half a millisecond.
  IF accounts_in_statement = 0 THEN
    RETURN NULL;
  END IF;
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
