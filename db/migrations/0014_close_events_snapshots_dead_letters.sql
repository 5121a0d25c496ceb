CREATE TABLE "conversation_closes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	"closed_by_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"owner_before" uuid,
	"owner_after" uuid,
	"reopened_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "whatsapp_dead_letters" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"payload" text NOT NULL,
	"payload_sha256" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "whatsapp_dead_letters_payload_key" UNIQUE("account_id","payload_sha256"),
	CONSTRAINT "whatsapp_dead_letters_kind_check" CHECK ("whatsapp_dead_letters"."kind" in ('delivery', 'message', 'status')),
	CONSTRAINT "whatsapp_dead_letters_reason_check" CHECK (length("whatsapp_dead_letters"."reason") between 1 and 1000)
);
--> statement-breakpoint
DROP INDEX "conversations_closed_idx";--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "changed_xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
ALTER TABLE "conversation_closes" ADD CONSTRAINT "conversation_closes_conversation_fk" FOREIGN KEY ("account_id","conversation_id") REFERENCES "public"."conversations"("account_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_closes" ADD CONSTRAINT "conversation_closes_closed_by_fk" FOREIGN KEY ("account_id","closed_by_id") REFERENCES "public"."users"("account_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_closes" ADD CONSTRAINT "conversation_closes_owner_before_fk" FOREIGN KEY ("account_id","owner_before") REFERENCES "public"."users"("account_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_closes" ADD CONSTRAINT "conversation_closes_owner_after_fk" FOREIGN KEY ("account_id","owner_after") REFERENCES "public"."users"("account_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "whatsapp_dead_letters" ADD CONSTRAINT "whatsapp_dead_letters_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_closes_audit_idx" ON "conversation_closes" USING btree ("account_id","closed_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "conversation_closes_open_idx" ON "conversation_closes" USING btree ("conversation_id") WHERE "conversation_closes"."reopened_at" is null;--> statement-breakpoint
CREATE INDEX "whatsapp_dead_letters_account_idx" ON "whatsapp_dead_letters" USING btree ("account_id","received_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
-- Every write to a conversation records its transaction, whoever makes it (the app, a seed, a
-- hand-run UPDATE): "Todas" compares it with the snapshot it counted under.
CREATE FUNCTION conversations_touch() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.changed_xid := pg_current_xact_id();
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER conversations_touch BEFORE UPDATE ON conversations
  FOR EACH ROW EXECUTE FUNCTION conversations_touch();
--> statement-breakpoint
-- The closes made before this table existed, from history: each 'conversation.closed' entry is a
-- close, reopened at the first reopen that followed it.
INSERT INTO conversation_closes (account_id, conversation_id, closed_at, closed_by_id, reason, owner_before, owner_after, reopened_at)
SELECT h.account_id, h.conversation_id, h.created_at, h.actor_id, coalesce(h.data->>'reason', c.close_reason, '—'),
  (h.data->>'from')::uuid, coalesce((h.data->>'to')::uuid, (h.data->>'handOverTo')::uuid, h.actor_id),
  (SELECT min(r.created_at) FROM history_entries r
    WHERE r.conversation_id = h.conversation_id AND r.kind = 'conversation.reopened' AND r.id > h.id)
FROM history_entries h
JOIN conversations c ON c.account_id = h.account_id AND c.id = h.conversation_id
WHERE h.kind = 'conversation.closed' AND h.actor_id IS NOT NULL;
--> statement-breakpoint
-- Conversations closed without a close in history (loaded closed): their current close.
INSERT INTO conversation_closes (account_id, conversation_id, closed_at, closed_by_id, reason, owner_after)
SELECT c.account_id, c.id, c.closed_at, c.closed_by_id, c.close_reason, c.owner_id
FROM conversations c
WHERE c.status = 'closed'
  AND NOT EXISTS (SELECT 1 FROM conversation_closes k WHERE k.conversation_id = c.id AND k.reopened_at IS NULL);
--> statement-breakpoint
-- One writer for close events: the conversation row itself. A close (open → closed, or a row
-- loaded closed) adds one; a reopen marks the close it ends.
CREATE FUNCTION conversations_record_close() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'closed' THEN
    INSERT INTO conversation_closes (account_id, conversation_id, closed_at, closed_by_id, reason, owner_before, owner_after)
    VALUES (NEW.account_id, NEW.id, NEW.closed_at, NEW.closed_by_id, NEW.close_reason,
            CASE WHEN TG_OP = 'UPDATE' THEN OLD.owner_id END, NEW.owner_id);
  ELSE
    UPDATE conversation_closes SET reopened_at = now()
    WHERE account_id = NEW.account_id AND conversation_id = NEW.id AND reopened_at IS NULL;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER conversations_record_close_insert AFTER INSERT ON conversations
  FOR EACH ROW WHEN (NEW.status = 'closed')
  EXECUTE FUNCTION conversations_record_close();
--> statement-breakpoint
CREATE TRIGGER conversations_record_close_update AFTER UPDATE OF status ON conversations
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION conversations_record_close();
--> statement-breakpoint
-- Like history, a close event is never deleted, and once its conversation reopens it is frozen:
-- the only changes are the reopen mark, once, and (before it) mirroring the conversation's close.
CREATE FUNCTION conversation_closes_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.reopened_at IS NULL
    AND (NEW.id, NEW.account_id, NEW.conversation_id, NEW.owner_before, NEW.owner_after) IS NOT DISTINCT FROM
        (OLD.id, OLD.account_id, OLD.conversation_id, OLD.owner_before, OLD.owner_after)
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'conversation_closes is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER conversation_closes_append_only BEFORE UPDATE OR DELETE ON conversation_closes
  FOR EACH ROW EXECUTE FUNCTION conversation_closes_refuse_change();
--> statement-breakpoint
-- Until the conversation reopens, its close event is the same fact as the conversation's close
-- columns: a correction made there (a data fix) is mirrored. A reopened close is frozen.
CREATE FUNCTION conversations_mirror_close() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE conversation_closes
  SET closed_at = NEW.closed_at, closed_by_id = NEW.closed_by_id, reason = NEW.close_reason
  WHERE account_id = NEW.account_id AND conversation_id = NEW.id AND reopened_at IS NULL;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER conversations_mirror_close AFTER UPDATE OF closed_at, closed_by_id, close_reason ON conversations
  FOR EACH ROW WHEN (OLD.status = 'closed' AND NEW.status = 'closed'
    AND (OLD.closed_at, OLD.closed_by_id, OLD.close_reason) IS DISTINCT FROM (NEW.closed_at, NEW.closed_by_id, NEW.close_reason))
  EXECUTE FUNCTION conversations_mirror_close();
