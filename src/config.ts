/** Configuration from the environment, validated once at start-up. */
import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Omitted → an embedded Postgres under the data directory. */
  DATABASE_URL: optionalString.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  /** Omitted → a Temporal dev server started by Rollwave itself. */
  TEMPORAL_ADDRESS: optionalString,
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('rollwave'),
  ROLLWAVE_DATA_DIR: z.string().min(1).default('./.rollwave'),
  ROLLWAVE_ADMIN_KEY: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  ROLLWAVE_ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  /** Requests one API key may make per minute; 0 turns the limit off. */
  ROLLWAVE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(1200),
  /** Rollouts whose progress answers the API keeps in memory (retired by Postgres notifications); 0 turns it off. */
  ROLLWAVE_PROGRESS_CACHE_ROLLOUTS: z.coerce.number().int().min(0).max(1_000_000).default(1000),
  /** API keys whose principal the API keeps in memory (dropped by Postgres notifications); 0 turns it off. */
  ROLLWAVE_API_KEY_CACHE_KEYS: z.coerce.number().int().min(0).max(1_000_000).default(10_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`invalid configuration:\n${problems}`);
  }
  return parsed.data;
}
