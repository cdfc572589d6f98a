import { describe, expect, it } from 'vitest'
import { formLetterWarning } from '../inbox/form-letter.ts'
import { mentionsHandle, withoutMentions } from './note-text.ts'

describe('a personal note', () => {
  it('must name its person', () => {
    expect(mentionsHandle('@Ada.bsky.social loved your loaf', 'ada.bsky.social')).toBe(true)
    expect(mentionsHandle('loved your loaf', 'ada.bsky.social')).toBe(false)
    expect(mentionsHandle('@adam.bsky.social hi', 'ada.bsky.social')).toBe(false)
    expect(mentionsHandle('mail ada@ada.bsky.social', 'ada.bsky.social')).toBe(false)
    expect(mentionsHandle('@bob welcome', 'bob@bakers.social')).toBe(true)
    expect(mentionsHandle('@bob@bakers.social welcome', 'bob@bakers.social')).toBe(true)
    // The card's own mention, on an instance with a port (a development server).
    expect(mentionsHandle('@bob@127.0.0.1:3000 welcome', 'bob@127.0.0.1:3000')).toBe(true)
    expect(withoutMentions('@bob@127.0.0.1:3000 welcome')).toBe('welcome')
  })

  it('reads as a form letter when only the names change', () => {
    const sent = ['ada', 'bob', 'cy'].map((name) => ({
      text: withoutMentions(`@${name}.bsky.social Thanks so much for the follow, welcome aboard!`),
      personKey: name,
    }))
    const mine = withoutMentions('@dee.bsky.social thanks so much for the follow — welcome aboard')
    expect(formLetterWarning(mine, sent, 'dee')).toMatchObject({ people: 3 })
    const personal = withoutMentions('@dee.bsky.social your rye starter post saved my weekend')
    expect(formLetterWarning(personal, sent, 'dee')).toBeNull()
  })
})
