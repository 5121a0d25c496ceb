-- Live inbox: every committed change is announced on channel turno_live, so each app instance
-- (one LISTEN connection each) can tell its open screens. Published by statement-level triggers
-- on the tables every change writes — history (through lib/history) and messages — so no writer
-- can forget, and NOTIFY is transactional: an event exists exactly when its change committed.
-- Payloads carry ids and kinds, never customer text; past 50 conversations in one statement
-- they carry none ("refetch"), so a 100,000-row bulk is one event, not 100,000.
CREATE FUNCTION turno_publish_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  acc uuid;
  touched int;
BEGIN
  FOR acc IN SELECT DISTINCT account_id FROM new_rows LOOP
    SELECT count(DISTINCT conversation_id) INTO touched FROM new_rows WHERE account_id = acc;
    IF touched > 50 THEN
      PERFORM pg_notify('turno_live', json_build_object('a', acc, 'k', 'change', 'c', NULL)::text);
    ELSIF TG_TABLE_NAME = 'messages' THEN
      PERFORM pg_notify('turno_live', json_build_object(
        'a', acc,
        'k', 'message',
        'c', (SELECT json_agg(DISTINCT conversation_id) FROM new_rows WHERE account_id = acc)
      )::text);
    ELSE
      PERFORM pg_notify('turno_live', json_build_object(
        'a', acc,
        'k', 'change',
        'c', (SELECT coalesce(json_agg(DISTINCT conversation_id), '[]'::json) FROM new_rows
              WHERE account_id = acc AND conversation_id IS NOT NULL),
        -- The people a change moved conversations from or to: a seller who just lost one must hear of it.
        'u', (SELECT coalesce(json_agg(DISTINCT person), '[]'::json) FROM new_rows r,
                LATERAL (VALUES (r.data->>'from'), (r.data->>'to'), (r.data->>'handOverTo')) v(person)
              WHERE r.account_id = acc AND person IS NOT NULL),
        -- Who made the change: their own screen follows their own action, it needs no "lost" notice.
        'by', (SELECT coalesce(json_agg(DISTINCT actor_id), '[]'::json) FROM new_rows
               WHERE account_id = acc AND actor_id IS NOT NULL),
        -- (conversation, new owner) when someone else gave it to them: "Te asignaron la conversación…".
        't', (SELECT coalesce(json_agg(json_build_array(conversation_id, data->>'to')), '[]'::json) FROM new_rows
              WHERE account_id = acc AND kind IN ('conversation.assigned', 'conversation.closed')
                AND data->>'to' IS NOT NULL AND data->>'to' IS DISTINCT FROM data->>'from'
                AND data->>'to' IS DISTINCT FROM actor_id::text)
      )::text);
    END IF;
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
