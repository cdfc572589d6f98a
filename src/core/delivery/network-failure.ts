/**
 * The closed set of ways an adapter call can fail. The delivery engine reacts to `kind`,
 * never to message strings. `unknown_outcome`: the request may have been applied (the
 * response was lost); reconcile with `findPublished` before anything is retried.
 */
export type NetworkFailure =
  | { kind: 'auth_expired'; message: string }
  | { kind: 'rate_limited'; retryAfterMs: number; message: string }
  /** `retryAfterMs`: the server asked for at least this wait (a 503 with Retry-After). */
  | { kind: 'transient'; message: string; retryAfterMs?: number }
  | { kind: 'rejected'; reason: string }
  | { kind: 'unknown_outcome'; message: string }
