import { describe, expect, it } from 'vitest'
import heldOut from '../../../test/fixtures/inbox/held-out-messages.json' with { type: 'json' }
import labelled from '../../../test/fixtures/inbox/labelled-messages.json' with { type: 'json' }
import { KINDS } from './classify-kind.ts'
import { SENTIMENTS } from './score-sentiment.ts'
import { triage } from './triage.ts'

type Labelled = { text: string; lang: string; kind: string; sentiment: string }
const tuned = labelled as Labelled[]
const messages = tuned

/** Recall per class (right / labelled so), and how many were answered "unsure". */
function report(field: 'kind' | 'sentiment', classes: readonly string[], set = tuned) {
  const rows = classes
    .filter((c) => c !== 'unsure')
    .map((label) => {
      const of = set.filter((m) => m[field] === label)
      const right = of.filter((m) => triage(m.text)[field] === label).length
      const unsure = of.filter((m) => triage(m.text)[field] === 'unsure').length
      return { label, total: of.length, right, unsure, accuracy: right / Math.max(1, of.length) }
    })
  const right = rows.reduce((sum, r) => sum + r.right, 0)
  return { rows, overall: right / set.length }
}

describe('triage on the labelled set (test/fixtures/inbox/labelled-messages.json)', () => {
  it('holds at least 150 messages in English, German, French and Spanish, sarcasm and spam among them', () => {
    expect(messages.length).toBeGreaterThanOrEqual(150)
    for (const lang of ['en', 'de', 'fr', 'es'])
      expect(messages.filter((m) => m.lang === lang).length).toBeGreaterThanOrEqual(15)
    expect(messages.filter((m) => m.kind === 'spam').length).toBeGreaterThanOrEqual(15)
  })

  it('tells the kind right for most of each kind', () => {
    const { rows, overall } = report('kind', KINDS)
    console.table(rows)
    expect(overall).toBeGreaterThanOrEqual(0.9)
    for (const row of rows) expect(row.accuracy, row.label).toBeGreaterThanOrEqual(0.85)
  })

  it('tells the sentiment right for most of each sentiment', () => {
    const { rows, overall } = report('sentiment', SENTIMENTS)
    console.table(rows)
    expect(overall).toBeGreaterThanOrEqual(0.9)
    for (const row of rows) expect(row.accuracy, row.label).toBeGreaterThanOrEqual(0.85)
  })
})

// Written without looking at triage's verdicts and never tuned on: the honest figure
// (`npm run bench -- triage --wrong` lists its misses). Per class it is 9 to 22 messages.
describe('triage on the held-out set (test/fixtures/inbox/held-out-messages.json)', () => {
  const held = heldOut as Labelled[]
  it('tells kind and sentiment right for nine in ten, and no kind falls below three in four', () => {
    for (const [field, classes] of [
      ['kind', KINDS],
      ['sentiment', SENTIMENTS],
    ] as const) {
      const { rows, overall } = report(field, classes, held)
      console.table(rows)
      expect(overall, field).toBeGreaterThanOrEqual(0.9)
      for (const row of rows) expect(row.accuracy, row.label).toBeGreaterThanOrEqual(0.75)
    }
  })
})

describe('triage, message by message', () => {
  it('names the words that decided', () => {
    const result = triage('The new update broke the export. Completely useless now.')
    expect(result).toMatchObject({ kind: 'complaint', sentiment: 'negative' })
    expect(result.reasons.join(' ')).toContain('"useless"')
  })

  it('flips a negated word within its clause, not across the next', () => {
    expect(triage('Not bad at all, really impressed').sentiment).toBe('positive')
    expect(triage('This is not good').sentiment).toBe('negative')
    expect(triage('Das ist nicht gut, total enttäuscht').sentiment).toBe('negative')
    expect(triage('No es malo, me encanta').sentiment).toBe('positive')
  })

  it('reads emoji', () => {
    expect(triage('😍😍🎉').sentiment).toBe('positive')
    expect(triage('😡😡😡').sentiment).toBe('negative')
  })

  it('reads sarcasm markers as blame, not praise', () => {
    const result = triage('Great, another outage. Thanks a lot 🙄')
    expect(result).toMatchObject({ kind: 'complaint', sentiment: 'negative' })
    expect(result.reasons.join(' ')).toContain('sarcasm')
  })

  it('reads a late order as a complaint, and "please help" as a request, not praise', () => {
    for (const text of [
      'My cake order was late, please help',
      'Meine Bestellung ist verspätet',
      'Ma commande est en retard',
      'Mi pedido no ha llegado',
    ])
      expect(triage(text).kind, text).toBe('complaint')
    expect(triage('My cake order was late, please help').sentiment).toBe('negative')
    expect(triage('Please help me find the opening hours').sentiment).not.toBe('positive')
  })

  it('says unsure when the words point both ways', () => {
    const result = triage('I love the design. The app is terrible.')
    expect(result.sentiment).toBe('unsure')
    expect(result.reasons.join(' ')).toMatch(/unsure/)
  })

  it('reads German, French and Spanish questions', () => {
    expect(triage('Wie kann ich mein Abo kündigen?')).toMatchObject({
      kind: 'question',
      language: 'de',
    })
    expect(triage('Est-ce que vous livrez en Belgique ?')).toMatchObject({
      kind: 'question',
      language: 'fr',
    })
    expect(triage('¿Hacen envíos a México?')).toMatchObject({ kind: 'question', language: 'es' })
  })

  it('gives spam no feeling', () => {
    expect(triage('FREE crypto giveaway, claim now https://x.example')).toMatchObject({
      kind: 'spam',
      sentiment: 'neutral',
    })
  })

  it('reads a 1 MB message quickly', () => {
    const huge = 'is this broken? '.repeat(65_536)
    const started = performance.now()
    expect(triage(huge).kind).toBe('complaint')
    expect(performance.now() - started).toBeLessThan(500)
  })
})
