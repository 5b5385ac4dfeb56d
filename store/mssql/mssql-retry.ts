/**
 * Retry with exponential backoff and full jitter, for the failures mssql-errors.ts calls retryable (a deadlock
 * victim, a broken connection). The pause is cut short, and the retry abandoned, when the caller's signal aborts.
 */

export interface RetryPolicy {
  /** Tries in all, the first one included. */
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 200, maxDelayMs: 5000 };

/** The pause before try number `attempt + 1` (attempt counts from 1): random in [0, min(max, base * 2^(attempt-1))]. */
export function retryDelay(attempt: number, policy: RetryPolicy = DEFAULT_RETRY, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs op until it succeeds, fails with an error `retryable` rejects, or has been tried policy.attempts times.
 * The last error is thrown as it is.
 */
export async function withRetry<T>(
  op: (attempt: number) => Promise<T>,
  retryable: (error: unknown) => boolean,
  options: { policy?: RetryPolicy; signal?: AbortSignal } = {},
): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY;
  for (let attempt = 1; ; attempt++) {
    try {
      return await op(attempt);
    } catch (error) {
      if (attempt >= policy.attempts || !retryable(error) || options.signal?.aborted) throw error;
      await pause(retryDelay(attempt, policy), options.signal);
    }
  }
}
