import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Context } from 'hono'

/** Replaced in index.html by a fresh nonce per response (vite.config.ts sets it as `html.cspNonce`). */
const NONCE_PLACEHOLDER = 'SOUS_CSP_NONCE'

// Only this origin's scripts run; Mantine's <style> elements carry the page's nonce
// (src/web/main.tsx reads it), so no inline style element without it applies either.
const contentSecurityPolicy = (nonce: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')

/**
 * Paths the web UI never answers, even when nothing else does: the API, health probes, and
 * the public pages the server renders itself (short links `/l/{code}`, feedback `/f/{slug}`).
 * Their unknown paths stay a problem+json 404 instead of becoming the app's HTML.
 */
const SERVER_PATHS = [/^\/api(\/|$)/, /^\/healthz$/, /^\/readyz$/, /^\/l(\/|$)/, /^\/f(\/|$)/]

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

/** What a GET for `pathname` is, for the web UI: one of its files, a page of the app, or not its business. */
export function classifyWebPath(pathname: string): 'file' | 'page' | 'server' {
  if (SERVER_PATHS.some((pattern) => pattern.test(pathname))) return 'server'
  if (pathname === '/index.html') return 'page'
  const last = pathname.slice(pathname.lastIndexOf('/') + 1)
  return pathname.startsWith('/assets/') || last.includes('.') ? 'file' : 'page'
}

/** The folder Vite builds the UI into, found from this file whether it runs from src/ or dist/server/. */
export function defaultWebDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  return path.join(dir, 'dist/web')
}

type Loaded = { body: Buffer; br?: Buffer; gz?: Buffer }

/**
 * The web UI, served by the same process as the API: hashed files under /assets/ cached for a
 * year, index.html never (it names the current hashes, and carries a fresh CSP nonce), and
 * every other page path answered with index.html so the app's own router takes over. It is
 * public: the files hold no data; what a page shows comes from the API, which checks access.
 * Returns null for what is not the UI's (`classifyWebPath` → `server`, or not a GET).
 */
export function createWebHandler(options: { webDir?: string } = {}) {
  const webDir = path.resolve(options.webDir ?? defaultWebDir())
  const indexFile = path.join(webDir, 'index.html')
  const files = new Map<string, Loaded | null>()
  let index: { html: string; mtimeMs: number } | undefined

  function load(pathname: string): Loaded | null {
    if (files.has(pathname)) return files.get(pathname) ?? null
    const file = path.join(webDir, pathname)
    // The decoded path may not leave the folder (`/..%2f`), nor read dotfiles like the stamp.
    const inside = file.startsWith(`${webDir}${path.sep}`) && !/\/\./.test(pathname)
    let loaded: Loaded | null = null
    if (inside && existsSync(file) && statSync(file).isFile()) {
      const read = (suffix: string) =>
        existsSync(file + suffix) ? readFileSync(file + suffix) : undefined
      loaded = { body: readFileSync(file), br: read('.br'), gz: read('.gz') }
    }
    files.set(pathname, loaded)
    return loaded
  }

  function page(c: Context): Response {
    if (!existsSync(indexFile)) {
      return c.html(
        '<!doctype html><title>Sous</title><p>The web UI of Sous is not built yet. Run <code>npm run build</code> (or <code>npm start</code>, which builds it) and reload.</p>',
        503,
        { 'Cache-Control': 'no-store' },
      )
    }
    // A rebuild swaps dist/web under a running Sous: pick up its index.html (and files).
    const mtimeMs = statSync(indexFile).mtimeMs
    if (index?.mtimeMs !== mtimeMs) {
      index = { html: readFileSync(indexFile, 'utf8'), mtimeMs }
      files.clear()
    }
    const nonce = randomBytes(16).toString('base64')
    return c.html(index.html.replaceAll(NONCE_PLACEHOLDER, nonce), 200, {
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': contentSecurityPolicy(nonce),
    })
  }

  function file(c: Context, pathname: string): Response {
    const loaded = load(pathname)
    if (!loaded) {
      return c.text(`No file ${pathname}`, 404, { 'Cache-Control': 'no-cache' })
    }
    const type = CONTENT_TYPES[path.extname(pathname)] ?? 'application/octet-stream'
    const accepts = c.req.header('accept-encoding') ?? ''
    const [body, encoding] =
      loaded.br && /\bbr\b/.test(accepts)
        ? [loaded.br, 'br']
        : loaded.gz && /\bgzip\b/.test(accepts)
          ? [loaded.gz, 'gzip']
          : [loaded.body, undefined]
    const headers: Record<string, string> = {
      'Content-Type': type,
      // Vite names everything under /assets/ by its content hash: it never changes.
      'Cache-Control': pathname.startsWith('/assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
      Vary: 'Accept-Encoding',
    }
    if (encoding) headers['Content-Encoding'] = encoding
    return c.body(new Uint8Array(body), 200, headers)
  }

  return (c: Context): Response | null => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return null
    let pathname: string
    try {
      pathname = decodeURIComponent(c.req.path)
    } catch {
      return null
    }
    const kind = classifyWebPath(pathname)
    if (kind === 'server') return null
    return kind === 'page' ? page(c) : file(c, pathname)
  }
}
