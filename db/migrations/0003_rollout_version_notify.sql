-- Every change a reader can see bumps rollouts.version (see appendEvent and rollwave_record_site_transition).
-- Announcing each new version lets an API process keep progress answers in memory and drop one as soon as the
-- rollout moves on. NOTIFY is sent at commit, so a listener never hears of a version it cannot read yet.
-- Payload: "<rollout id> <version>"; a deleted rollout announces version -1.
CREATE OR REPLACE FUNCTION rollwave_notify_rollout_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('rollwave_rollout_version', OLD.id || ' -1');
  ELSE
    PERFORM pg_notify('rollwave_rollout_version', NEW.id || ' ' || NEW.version);
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER rollouts_version_notify
  AFTER UPDATE OF version OR DELETE ON rollouts
  FOR EACH ROW EXECUTE FUNCTION rollwave_notify_rollout_version();
