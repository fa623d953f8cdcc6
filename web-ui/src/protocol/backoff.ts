export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** 0..1 in, the chance source; tests pass a constant. */
  random: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, random: Math.random };

/**
 * The wait before reconnect attempt n (0-based): doubling, capped, with half
 * of it random so a server restart is not met by every browser at once.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * options.random());
}
