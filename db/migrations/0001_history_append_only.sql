-- History is the record of who did what: nobody may rewrite it, not even an admin or the app itself.
CREATE FUNCTION history_entries_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'history_entries is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER history_entries_append_only
  BEFORE UPDATE OR DELETE ON history_entries
  FOR EACH ROW EXECUTE FUNCTION history_entries_refuse_change();
--> statement-breakpoint
CREATE TRIGGER history_entries_no_truncate
  BEFORE TRUNCATE ON history_entries
  FOR EACH STATEMENT EXECUTE FUNCTION history_entries_refuse_change();
