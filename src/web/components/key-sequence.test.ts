import { describe, expect, it } from 'vitest'
import {
  createKeyMatcher,
  displayKeys,
  type KeyPress,
  SEQUENCE_TIMEOUT_MS,
} from './key-sequence.ts'

const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  inField: false,
  ...extra,
})

const shortcuts = [
  { keys: '?' },
  { keys: 'g c' },
  { keys: 'g l' },
  { keys: 'b' },
  { keys: 'mod+Enter' },
]

describe('keyboard shortcuts', () => {
  it('runs a single key and a two-key sequence', () => {
    const feed = createKeyMatcher(false)
    expect(feed(shortcuts, press('?'), 0)).toEqual({ keys: '?' })
    expect(feed(shortcuts, press('g'), 10)).toBeNull()
    expect(feed(shortcuts, press('c'), 20)).toEqual({ keys: 'g c' })
  })

  it('forgets a sequence left waiting too long, and starts again from the new key', () => {
    const feed = createKeyMatcher(false)
    feed(shortcuts, press('g'), 0)
    expect(feed(shortcuts, press('c'), SEQUENCE_TIMEOUT_MS + 1)).toBeNull()
    feed(shortcuts, press('g'), 5000)
    expect(feed(shortcuts, press('b'), 5010)).toEqual({ keys: 'b' })
  })

  it('ignores plain keys typed in a field, but not a modified one', () => {
    const feed = createKeyMatcher(false)
    expect(feed(shortcuts, press('b', { inField: true }), 0)).toBeNull()
    expect(feed(shortcuts, press('Enter', { ctrlKey: true, inField: true }), 0)).toEqual({
      keys: 'mod+Enter',
    })
  })

  it('reads mod as ⌘ on a Mac and Ctrl elsewhere, and never fires a plain key with a modifier', () => {
    expect(createKeyMatcher(true)(shortcuts, press('Enter', { metaKey: true }), 0)).toEqual({
      keys: 'mod+Enter',
    })
    expect(createKeyMatcher(true)(shortcuts, press('Enter', { ctrlKey: true }), 0)).toBeNull()
    expect(createKeyMatcher(false)(shortcuts, press('b', { ctrlKey: true }), 0)).toBeNull()
  })

  it('shows the keys a person presses', () => {
    expect(displayKeys('g c', false)).toEqual([['g'], ['c']])
    expect(displayKeys('mod+Enter', true)).toEqual([['⌘', 'Enter']])
    expect(displayKeys('mod+Enter', false)).toEqual([['Ctrl', 'Enter']])
  })
})
