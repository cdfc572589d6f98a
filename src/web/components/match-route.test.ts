import { describe, expect, it } from 'vitest'
import { matchRoute, safeNextPath } from './match-route.ts'

describe('matching a path to a page', () => {
  it('gives the named segments, decoded', () => {
    expect(matchRoute('/w/:ws/compose', '/w/abc/compose')).toEqual({ ws: 'abc' })
    expect(matchRoute('/invite/:token', '/invite/a%2Fb')).toEqual({ token: 'a/b' })
    expect(matchRoute('/login', '/login/')).toEqual({})
  })

  it('refuses other lengths, other words and empty values', () => {
    expect(matchRoute('/w/:ws/compose', '/w/abc/calendar')).toBeNull()
    expect(matchRoute('/w/:ws/compose', '/w/abc/compose/x')).toBeNull()
    expect(matchRoute('/w/:ws', '/w')).toBeNull()
    expect(matchRoute('/invite/:token', '/invite/%E0%A4%A')).toBeNull()
  })
})

describe('where to go after logging in', () => {
  it('keeps a path on this site', () => {
    expect(safeNextPath('/w/1/calendar?day=2')).toBe('/w/1/calendar?day=2')
  })

  it('refuses anything that could leave it', () => {
    for (const next of ['//evil.example', 'https://evil.example', '/\\evil.example', '', null]) {
      expect(safeNextPath(next)).toBe('/')
    }
  })
})
