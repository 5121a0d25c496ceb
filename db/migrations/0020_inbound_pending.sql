CREATE TABLE "inbound_pending" (
	"account_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"preview" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbound_pending_account_id_message_id_pk" PRIMARY KEY("account_id","message_id")
);
--> statement-breakpoint
ALTER TABLE "inbound_pending" ADD CONSTRAINT "inbound_pending_conversation_fk" FOREIGN KEY ("account_id","conversation_id") REFERENCES "public"."conversations"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbound_pending_conversation_idx" ON "inbound_pending" USING btree ("account_id","conversation_id");--> statement-breakpoint
-- A summary applied late (see inbound_pending) is announced like the message itself: screens
-- showing the conversation re-read it. Only the kind of table changes in the function.
CREATE OR REPLACE FUNCTION turno_publish_change() RETURNS trigger LANGUAGE plpgsql AS $$
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
    ELSIF TG_TABLE_NAME IN ('messages', 'inbound_pending') THEN
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
CREATE TRIGGER inbound_pending_publish AFTER DELETE ON inbound_pending
  REFERENCING OLD TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION turno_publish_change();
