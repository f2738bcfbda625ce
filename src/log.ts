// Structured logs (pino), one line per event. Secrets are redacted by key name.
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, name = 'hangar'): Logger {
  return pino({
    name,
    level,
    redact: { paths: ['secretKey', 'secret', '*.secretKey', '*.secret', 'authorization', '*.authorization', 'token', '*.token'], censor: '[redacted]' },
  });
}
