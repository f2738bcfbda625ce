// Structured logs (pino), one line per event. Secrets are redacted by key name.
import pino, { type Logger } from 'pino';

export type { Logger };

/** What every log line about an instance carries: the ids both APIs show (never the internal one) and its name. */
export const instanceLogFields = (i: { huaweiId: string; alibabaId: string; name: string }): { huaweiId: string; alibabaId: string; name: string } => ({
  huaweiId: i.huaweiId,
  alibabaId: i.alibabaId,
  name: i.name,
});

export function createLogger(level: string, name = 'hangar'): Logger {
  return pino({
    name,
    level,
    redact: { paths: ['secretKey', 'secret', '*.secretKey', '*.secret', 'authorization', '*.authorization', 'token', '*.token'], censor: '[redacted]' },
  });
}
