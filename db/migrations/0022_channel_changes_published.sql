-- Instances keep the WhatsApp numbers' secrets in memory to check webhook signatures without a
-- query per delivery; any change to the channels is announced so each one forgets them.
CREATE FUNCTION turno_channels_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('turno_channels', '');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER whatsapp_channels_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON whatsapp_channels
  FOR EACH STATEMENT EXECUTE FUNCTION turno_channels_changed();
