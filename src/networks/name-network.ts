import { NetworkError } from './types.ts'

/** Runs a network call so that any failure says which network refused and why. */
export async function nameNetwork<T>(displayName: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error
    const f = error.failure
    const said = (text: string) => `${displayName}: ${text}`
    throw new NetworkError(
      f.kind === 'rejected' ? { ...f, reason: said(f.reason) } : { ...f, message: said(f.message) },
    )
  }
}
