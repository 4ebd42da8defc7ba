// Reconnect delays: exponential growth with full jitter, so a relay restart is not met by every client at once.

export type BackoffOptions = { baseMs: number; capMs: number; random?: () => number };

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 30_000 };

/** Delay before reconnect attempt `attempt` (0-based): uniform in [ceiling/2, ceiling], ceiling doubling to a cap. */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const random = options.random ?? Math.random;
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
