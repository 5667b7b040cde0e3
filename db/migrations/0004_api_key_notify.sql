-- An API process keeps the principals of the keys it has seen in memory, so that a dashboard's poll does not
-- look its key up. Announcing every change to a key row (a revocation above all) at commit lets each process
-- drop that key at once. Payload: the key's digest as stored in key_hash, which is what the processes hold.
CREATE OR REPLACE FUNCTION rollwave_notify_api_key() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('rollwave_api_key', OLD.key_hash);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER api_keys_notify
  AFTER UPDATE OR DELETE ON api_keys
  FOR EACH ROW EXECUTE FUNCTION rollwave_notify_api_key();
