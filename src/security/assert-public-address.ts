import ipaddr from 'ipaddr.js'

// Only globally routable unicast addresses are public. Everything else — loopback,
// private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16 incl. cloud
// metadata, fe80::/10), CGNAT, multicast, reserved, unspecified — is refused.
const PUBLIC_RANGES = new Set(['unicast'])

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

export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false
  let parsed = ipaddr.parse(address)
  // ::ffff:10.0.0.1 is 10.0.0.1: judge the embedded IPv4 address.
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address()
  }
  return PUBLIC_RANGES.has(parsed.range())
}

export function assertPublicAddress(host: string, address: string): void {
  if (!isPublicAddress(address)) throw new PrivateAddressError(host, address)
}
