-- Live inbox: every committed change is announced on channel turno_live, so each app instance
-- (one LISTEN connection each) can tell its open screens. Published by statement-level triggers
-- on the tables every change writes — history (through lib/history) and messages — so no writer
-- can forget, and NOTIFY is transactional: an event exists exactly when its change committed.
-- Payloads carry ids and kinds, never customer text. Past 50 conversations in one statement, for
-- a change to the account itself (plan, people), or past NOTIFY's size limit, they carry none
-- ("refetch"): a 100,000-row bulk is one event, and a notice can never make the change fail.
CREATE FUNCTION turno_publish_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  acc uuid;
  touched int;
  account_wide boolean;
  payload text;
  uuid_shape constant text := '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
BEGIN
  FOR acc IN SELECT DISTINCT account_id FROM new_rows LOOP
    SELECT count(DISTINCT conversation_id) INTO touched FROM new_rows WHERE account_id = acc;
    account_wide := false;
    IF TG_TABLE_NAME = 'history_entries' THEN
      -- A plan, add-on, role, deactivation or new password changes who may see what: every screen re-reads.
      SELECT exists (SELECT 1 FROM new_rows WHERE account_id = acc AND (kind LIKE 'account.%' OR kind IN ('user.role_changed', 'user.deactivated', 'user.password_changed')))
        INTO account_wide;
    END IF;
    IF touched > 50 OR account_wide THEN
      payload := NULL;
    ELSIF TG_TABLE_NAME = 'messages' THEN
      payload := json_build_object(
        'a', acc,
        'k', 'message',
        'c', (SELECT json_agg(DISTINCT conversation_id) FROM new_rows WHERE account_id = acc)
      )::text;
    ELSE
      payload := json_build_object(
        'a', acc,
        'k', 'change',
        'c', (SELECT coalesce(json_agg(DISTINCT conversation_id), '[]'::json) FROM new_rows
              WHERE account_id = acc AND conversation_id IS NOT NULL),
        -- The people a change moved conversations from or to: a seller who just lost one must hear of it.
        'u', (SELECT coalesce(json_agg(DISTINCT person), '[]'::json) FROM new_rows r,
                LATERAL (VALUES (r.data->>'from'), (r.data->>'to'), (r.data->>'handOverTo')) v(person)
              WHERE r.account_id = acc AND r.kind LIKE 'conversation.%' AND person ~ uuid_shape),
        -- (conversation, who changed it): their own screen follows their own action, it needs no "lost" notice.
        'by', (SELECT coalesce(json_agg(DISTINCT jsonb_build_array(conversation_id, actor_id)), '[]'::json) FROM new_rows
               WHERE account_id = acc AND actor_id IS NOT NULL AND conversation_id IS NOT NULL),
        -- (conversation, new owner) when someone else gave it to them: "Te asignaron la conversación…".
        't', (SELECT coalesce(json_agg(DISTINCT jsonb_build_array(conversation_id, data->>'to')), '[]'::json) FROM new_rows
              WHERE account_id = acc AND kind IN ('conversation.assigned', 'conversation.closed')
                AND data->>'to' ~ uuid_shape AND data->>'to' IS DISTINCT FROM data->>'from'
                AND data->>'to' IS DISTINCT FROM actor_id::text)
      )::text;
    END IF;
    -- NOTIFY refuses payloads of 8000 bytes or more, and that would abort the change itself.
    IF payload IS NULL OR octet_length(payload) > 7500 THEN
      payload := json_build_object('a', acc, 'k', 'change', 'c', NULL)::text;
    END IF;
    PERFORM pg_notify('turno_live', payload);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER history_entries_publish AFTER INSERT ON history_entries
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION turno_publish_change();
--> statement-breakpoint
CREATE TRIGGER messages_publish_insert AFTER INSERT ON messages
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION turno_publish_change();
--> statement-breakpoint
CREATE TRIGGER messages_publish_update AFTER UPDATE ON messages
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION turno_publish_change();
