// Structured logs (pino), one line per event. Secrets are redacted by key name. On a terminal the lines are pretty,
// coloured and still one per event (pino-pretty, in pino's transport thread); otherwise JSON, for machines.
import pino, { type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/** What every log line about an instance carries: the ids both APIs show (never the internal one) and its name. */
export const instanceLogFields = (i: { huaweiId: string; alibabaId: string; name: string }): { huaweiId: string; alibabaId: string; name: string } => ({
  huaweiId: i.huaweiId,
  alibabaId: i.alibabaId,
  name: i.name,
});

const REDACT = ['secretKey', 'secret', '*.secretKey', '*.secret', 'authorization', '*.authorization', 'token', '*.token', 'password', '*.password'];

export function createLogger(level: string, name = 'hangar', opts: { pretty?: boolean } = {}): Logger {
  const options: LoggerOptions = { name, level, redact: { paths: REDACT, censor: '[redacted]' } };
  if (!(opts.pretty ?? process.stdout.isTTY === true)) return pino(options);
  return pino({
    ...options,
    transport: {
      target: 'pino-pretty',
      options: { colorize: true, singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', messageKey: 'msg' },
    },
  });
}
