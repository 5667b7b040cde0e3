/** Configuration from the environment, validated once at start-up. */
import { isIP } from 'node:net';
import { z } from 'zod';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

/** Ranges proxy-addr (behind Fastify's `trustProxy`) knows by name. */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/** An address, a CIDR range or a named range: what a `trustProxy` list may hold. */
function isProxyAddress(entry: string): boolean {
  if (NAMED_RANGES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

/**
 * `false` (or empty), `true`, or a comma-separated list of proxies' addresses and CIDR ranges. A hop count, which
 * Fastify refuses to trust, is refused here with the reason rather than quietly ignored.
 */
const trustProxy = z
  .string()
  .optional()
  .transform((value, ctx): boolean | string[] => {
    const setting = value?.trim().toLowerCase() ?? '';
    if (setting === '' || setting === 'false') return false;
    if (setting === 'true') return true;
    if (/^\d+$/.test(setting)) {
      ctx.addIssue({ code: 'custom', message: "a hop count cannot tell a proxy from a client that reaches the API directly; list the proxies' addresses" });
      return z.NEVER;
    }
    const entries = setting.split(',').map((entry) => entry.trim());
    const bad = entries.find((entry) => !isProxyAddress(entry));
    if (bad !== undefined) {
      ctx.addIssue({ code: 'custom', message: `"${bad}" is not an IP address, a CIDR range (10.0.0.0/8), loopback, linklocal or uniquelocal` });
      return z.NEVER;
    }
    return entries;
  });

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
  /** Failed authentications one client address may make per minute before its keys are not looked up; 0 turns it off. */
  ROLLWAVE_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(30),
  /** Whose X-Forwarded-For names the client: nobody's (false), any peer's (true), or the listed proxies'. */
  ROLLWAVE_TRUST_PROXY: trustProxy,
  /** Rollouts whose progress answers the API keeps in memory (retired by Postgres notifications); 0 turns it off. */
  ROLLWAVE_PROGRESS_CACHE_ROLLOUTS: z.coerce.number().int().min(0).max(1_000_000).default(1000),
  /** API keys whose principal the API keeps in memory (dropped by Postgres notifications); 0 turns it off. */
  ROLLWAVE_API_KEY_CACHE_KEYS: z.coerce.number().int().min(0).max(1_000_000).default(10_000),
  /**
   * The base of the readiness links' URLs (`https://rollwave.example.com`), for an API behind a proxy whose address
   * site leads do not reach; omitted → the host each request came to.
   */
  ROLLWAVE_PUBLIC_URL: optionalString.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://rollwave.example.com' }).optional()),
  /** Days a readiness link works after it is made, unless its request asks for another span. */
  ROLLWAVE_READINESS_LINK_DAYS: z.coerce.number().int().min(1).max(365).default(14),
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
