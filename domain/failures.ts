/**
 * Failure type names (Temporal ApplicationFailure types) that cross layers: workflows decide by them, activities and
 * db/ raise them, the API maps them to HTTP statuses.
 */
export const FAILURE = {
  /** The action is not allowed in the current state (HTTP 409). */
  conflict: 'Conflict',
  /** The site answered 400/404/409/422: retrying cannot help. */
  sitePermanent: 'SitePermanentError',
  /** A finished data load reports another record count or checksum. */
  dataVerification: 'DataVerificationFailed',
  /** The post-cutover health check is not ok or reports another version. */
  healthCheck: 'HealthCheckFailed',
  /** The rollout's rows are gone (its start failed and was undone). */
  rolloutGone: 'RolloutGone',
  /** Postgres refused a value (SQLSTATE class 22 or 23): no retry can store it. */
  unstorableData: 'UnstorableData',
  /** A webhook delivery's webhook was removed: nobody is left to deliver to. */
  webhookGone: 'WebhookGone',
} as const;
