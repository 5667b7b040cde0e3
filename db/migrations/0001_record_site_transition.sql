-- One site transition in one round trip: the site row, the wave counters, the rollout version and the event.
-- Every transition of a rollout locks the same rollout row and counter rows; doing the work inside the
-- server keeps those locks for microseconds instead of several client round trips.
CREATE OR REPLACE FUNCTION rollwave_record_site_transition(
  p_rollout_id text,
  p_code text,
  p_seq integer,
  p_state text,
  p_step text,
  p_error text,
  p_attempts integer,
  p_completed_steps text[],
  p_previous_version text,
  p_data_load_id text,
  p_window_opens_at timestamptz,
  p_cause text
) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  cur record;
  wave_name text;
  new_version bigint;
  timings jsonb;
  now_iso text := to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
BEGIN
  SELECT state, step, seq, wave_idx, step_timings INTO cur
    FROM site_runs WHERE rollout_id = p_rollout_id AND site_code = p_code FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'site % is not part of rollout %', p_code, p_rollout_id;
  END IF;
  -- A transition the row already has (a retried activity) changes nothing.
  IF cur.seq >= p_seq THEN
    RETURN false;
  END IF;

  timings := cur.step_timings;
  IF cur.step IS NOT NULL AND cur.step IS DISTINCT FROM p_step AND timings ? cur.step AND NOT (timings -> cur.step ? 'finishedAt') THEN
    timings := jsonb_set(timings, ARRAY[cur.step, 'finishedAt'], to_jsonb(now_iso));
  END IF;
  IF p_step IS NOT NULL AND p_step IS DISTINCT FROM cur.step AND p_state IN ('running', 'rolling_back') THEN
    timings := jsonb_set(timings, ARRAY[p_step], jsonb_build_object('startedAt', now_iso));
  END IF;
  IF p_step IS NOT NULL AND p_state IN ('succeeded', 'failed') AND timings ? p_step AND NOT (timings -> p_step ? 'finishedAt') THEN
    timings := jsonb_set(timings, ARRAY[p_step, 'finishedAt'], to_jsonb(now_iso));
  END IF;

  UPDATE site_runs SET
    state = p_state,
    step = p_step,
    seq = p_seq,
    error = p_error,
    attempts = p_attempts,
    completed_steps = p_completed_steps,
    previous_version = p_previous_version,
    data_load_id = p_data_load_id,
    window_opens_at = p_window_opens_at,
    data_load = CASE WHEN p_state = 'running' AND p_step = 'data_load' THEN data_load END,
    step_timings = timings,
    updated_at = now()
  WHERE rollout_id = p_rollout_id AND site_code = p_code;

  SELECT name INTO wave_name FROM rollout_waves WHERE rollout_id = p_rollout_id AND idx = cur.wave_idx;

  IF cur.state <> p_state THEN
    UPDATE wave_state_counts
      SET count = count + CASE WHEN state = p_state THEN 1 ELSE -1 END
      WHERE rollout_id = p_rollout_id AND wave_idx = cur.wave_idx AND state IN (cur.state, p_state);
  END IF;

  -- The event's seq is the rollout's new version, taken under the rollout row's lock: seqs commit in order.
  UPDATE rollouts SET version = version + 1, updated_at = now() WHERE id = p_rollout_id
    RETURNING version INTO new_version;
  INSERT INTO events (rollout_id, seq, type, site, wave, data)
  VALUES (
    p_rollout_id, new_version, 'site.state', p_code, wave_name,
    jsonb_strip_nulls(jsonb_build_object(
      'from', cur.state,
      'state', p_state,
      'step', p_step,
      'error', p_error,
      'windowOpensAt', to_char(p_window_opens_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'cause', p_cause,
      'attempt', p_attempts
    ))
  );
  RETURN true;
END;
$$;
