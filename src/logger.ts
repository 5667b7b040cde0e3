import { pino, type Logger } from 'pino';

/** Structured logs; API keys never reach them. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', 'authorization', 'key', '*.key', 'adminKey'],
      censor: '[redacted]',
    },
  });
}
