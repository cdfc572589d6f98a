/**
 * Matches a path against a pattern like `/w/:ws/compose`: the named segments' values, or null.
 * Segments are compared whole and decoded; a trailing slash does not matter.
 */
export function matchRoute(pattern: string, pathname: string): Record<string, string> | null {
  const want = split(pattern)
  const have = split(pathname)
  if (want.length !== have.length) return null
  const params: Record<string, string> = {}
  for (const [index, segment] of want.entries()) {
    const value = have[index] ?? ''
    if (segment.startsWith(':')) {
      if (!value) return null
      try {
        params[segment.slice(1)] = decodeURIComponent(value)
      } catch {
        return null
      }
    } else if (segment !== value) {
      return null
    }
  }
  return params
}

function split(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '')
}

/**
 * Where to go after logging in: only a path on this site (`/…`, never `//host` or a URL),
 * so a crafted login link cannot send a person elsewhere.
 */
export function safeNextPath(next: string | null | undefined, fallback = '/'): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.includes('\\')) return fallback
  return next
}
