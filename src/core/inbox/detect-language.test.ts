import { describe, expect, it } from 'vitest'
import heldOut from '../../../test/fixtures/inbox/held-out-messages.json' with { type: 'json' }
import labelled from '../../../test/fixtures/inbox/labelled-messages.json' with { type: 'json' }
import { detectLanguage, leadingLanguage } from './detect-language.ts'

const messages = [...labelled, ...heldOut] as Array<{ text: string; lang: string }>

describe('the language of a message', () => {
  it('is decided by its own words when one language clearly leads, and then never wrongly', () => {
    const decided = messages.filter((m) => leadingLanguage(m.text) !== null)
    expect(decided.length / messages.length).toBeGreaterThan(0.75)
    for (const m of decided) expect(leadingLanguage(m.text), m.text).toBe(m.lang)
  })

  it('leaves a mixed or wordless message to the n-gram model', () => {
    expect(leadingLanguage('great, another outage')).toBeNull()
    expect(leadingLanguage('😍😍🎉')).toBeNull()
    expect(leadingLanguage('Merci for the help, the team is très sympa')).toBeNull()
  })

  it('reads at least as many labelled messages right as the model alone did (258 of 261)', () => {
    const right = messages.filter((m) => detectLanguage(m.text) === m.lang).length
    expect(right).toBeGreaterThanOrEqual(258)
  })
})
