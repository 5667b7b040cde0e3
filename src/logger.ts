import { pino, type Logger } from 'pino';

/** Structured logs; API keys and readiness-link tokens never reach them. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'headers.authorization',
        'authorization',
        // A readiness link's token: the page sends it in this header (never in a URL).
        'req.headers["x-readiness-token"]',
        'headers["x-readiness-token"]',
        'token',
        'key',
        '*.key',
        'adminKey',
      ],
      censor: '[redacted]',
    },
  });
}
