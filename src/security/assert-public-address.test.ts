import { describe, expect, it } from 'vitest'
import {
  assertPublicAddress,
  isPublicAddress,
  PrivateAddressError,
} from './assert-public-address.ts'

describe('public address check', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '224.0.0.1',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false)
  })

  it.each([
    // IPv4 written the other ways URL parsers and inet_aton accept
    '2130706433',
    '0x7f000001',
    '0177.0.0.1',
    '127.1',
    // IPv4-compatible IPv6 (::a.b.c.d), however it embeds
    '::127.0.0.1',
    '::7f00:1',
    '::169.254.169.254',
    '::10.0.0.1',
    '::8.8.8.8',
    // NAT64 and 6to4 carrying a private IPv4 address
    '64:ff9b::127.0.0.1',
    '64:ff9b::a9fe:a9fe',
    '2002:7f00:1::1',
    '2002:a00:1::1',
    // IPv4-translated (RFC 6145) and Teredo
    '::ffff:0:127.0.0.1',
    '2001::1',
  ])('refuses the disguised private address %s', (address) => {
    expect(isPublicAddress(address)).toBe(false)
  })

  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::8.8.8.8'])(
    'allows %s',
    (address) => {
      expect(isPublicAddress(address)).toBe(true)
    },
  )

  it('names the host and the address it refuses', () => {
    expect(() => assertPublicAddress('evil.example', '::7f00:1')).toThrow(PrivateAddressError)
    expect(() => assertPublicAddress('evil.example', '::7f00:1')).toThrow(
      /evil\.example resolves to ::7f00:1, a private or reserved address/,
    )
  })
})
