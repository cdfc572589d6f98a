import { lookup } from 'node:dns/promises'
import { InvalidInputError } from '../core/errors.ts'

/**
 * A server address a person typed (an instance, a PDS) must name a host the resolver knows:
 * a typo is their input to fix (422), not an outage of the network (5xx). Any other
 * resolver trouble (a timeout) passes, and the call that follows reports it as an outage.
 */
export async function assertHostExists(url: string, field: string): Promise<void> {
  const { hostname, port } = new URL(url)
  if (port && BAD_PORTS.has(Number(port)))
    throw new InvalidInputError(`Port ${port} is not allowed for web requests: check the address`, {
      [field]: 'blocked port',
    })
  try {
    await lookup(hostname.replace(/^\[|\]$/g, ''))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTFOUND')
      throw new InvalidInputError(`No server is known by the name ${hostname}: check the address`, {
        [field]: 'unknown host',
      })
  }
}

// The fetch standard's "bad ports" (https://fetch.spec.whatwg.org/#bad-port): fetch() refuses
// them outright, so an address on one is an input to fix, not an outage.
const BAD_PORTS = new Set([
  0, 1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102,
  103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465,
  512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993,
  995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668,
  6669, 6679, 6697, 10080,
])
