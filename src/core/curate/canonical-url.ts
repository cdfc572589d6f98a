/** Query parameters that say where a click came from, never what the page is. */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  'ref',
  'ref_src',
  'ref_url',
  'cmpid',
  'ncid',
  'sr_share',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'spm',
])
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hmb_']

/**
 * The one spelling of a link that two sources of the same story share, and still a link that
 * works: http(s) only, host lower-cased without a trailing dot, default port, credentials and
 * fragment dropped, tracking parameters removed, the rest of the query sorted. Scheme, `www.`,
 * path case and trailing slashes stay: a server may answer differently without them.
 * Returns null for what is not an absolute http(s) URL (relative ones resolve against `base`).
 */
export function canonicalUrl(raw: string, base?: string): string | null {
  let url: URL
  try {
    url = base ? new URL(raw.trim(), base) : new URL(raw.trim())
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  url.hash = ''
  url.username = ''
  url.password = ''
  url.hostname = url.hostname.toLowerCase().replace(/\.$/, '')
  const kept = [...url.searchParams].filter(([key]) => !isTracking(key.toLowerCase()))
  kept.sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a < b ? -1 : 1))
  url.search = new URLSearchParams(kept).toString()
  return url.toString()
}

function isTracking(key: string): boolean {
  return TRACKING_PARAMS.has(key) || TRACKING_PREFIXES.some((prefix) => key.startsWith(prefix))
}
