// The relay's structured logger: JSON lines on stdout (pino), one child per component.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'undertone-relay' }, timestamp: pino.stdTimeFunctions.isoTime });
}
