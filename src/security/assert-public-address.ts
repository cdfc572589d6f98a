import ipaddr from 'ipaddr.js'

// Only globally routable unicast addresses are public. Everything else — loopback,
// private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16 incl. cloud
// metadata, fe80::/10), CGNAT, multicast, reserved, unspecified, 6to4, Teredo — is refused.
const PUBLIC_RANGES = new Set(['unicast'])
const NAT64 = ipaddr.parseCIDR('64:ff9b::/96')

export class PrivateAddressError extends Error {
  readonly code = 'private_address'
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(
      `${host} resolves to ${address}, a private or reserved address; Sous only fetches public addresses`,
    )
    this.name = 'PrivateAddressError'
  }
}

/** Any textual form (`2130706433`, `0x7f.1`, `::127.0.0.1` …) is judged by the address it denotes. */
export function isPublicAddress(address: string): boolean {
  const parsed = parseAddress(address)
  if (!parsed) return false
  if (parsed.kind() === 'ipv4') return PUBLIC_RANGES.has(parsed.range())
  const v6 = parsed as ipaddr.IPv6
  const parts = v6.parts
  // IPv4-compatible ::a.b.c.d (deprecated, RFC 4291) reaches the IPv4 host on some stacks and
  // ipaddr.js calls it unicast: refused whatever it embeds. `::` and `::1` are caught here too.
  if (parts.slice(0, 6).every((part) => part === 0)) return false
  // ::ffff:a.b.c.d and NAT64 64:ff9b::a.b.c.d reach a.b.c.d: judge that address.
  if (v6.isIPv4MappedAddress() || v6.match(NAT64)) {
    return isPublicAddress(embeddedIPv4(parts).toString())
  }
  return PUBLIC_RANGES.has(v6.range())
}

/**
 * Read as undici and browsers read a URL's host: ipaddr.js alone takes `::1.2.3.4` for the
 * IPv4-mapped `::ffff:1.2.3.4`, while it is IPv4-compatible. Anything unreadable is null.
 */
function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  let host: string
  try {
    host = new URL(`http://${address.includes(':') ? `[${address}]` : address}/`).hostname
  } catch {
    return null
  }
  host = host.replace(/^\[|\]$/g, '')
  return ipaddr.isValid(host) ? ipaddr.parse(host) : null
}

function embeddedIPv4(parts: number[]): ipaddr.IPv4 {
  const high = parts[6] ?? 0
  const low = parts[7] ?? 0
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff])
}

export function assertPublicAddress(host: string, address: string): void {
  if (!isPublicAddress(address)) throw new PrivateAddressError(host, address)
}
