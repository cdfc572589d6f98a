import { describe, expect, it } from 'vitest'
import { formLetterWarning } from './form-letter.ts'

const template = (name: string) =>
  `Hi ${name}, thanks for reaching out! We are sorry for the trouble. Please send us your order number by DM and we will look into it right away.`

describe('the form-letter warning', () => {
  it('warns when nearly the same text went to three other people', () => {
    const sent = ['ann', 'bob', 'cem'].map((p) => ({ text: template(p), personKey: p }))
    const warning = formLetterWarning(template('dora'), sent, 'dora')
    expect(warning?.people).toBe(3)
    expect(warning?.examples[0]).toContain('order number')
  })

  it('stays quiet below three people, for replies to the same person, and for a personal answer', () => {
    const two = ['ann', 'bob'].map((p) => ({ text: template(p), personKey: p }))
    expect(formLetterWarning(template('dora'), two, 'dora')).toBeNull()
    const same = ['dora', 'dora', 'dora'].map((p) => ({ text: template(p), personKey: p }))
    expect(formLetterWarning(template('dora'), same, 'dora')).toBeNull()
    const sent = ['ann', 'bob', 'cem'].map((p) => ({ text: template(p), personKey: p }))
    expect(
      formLetterWarning(
        'Dora, the blue one ships Tuesday; I checked with the warehouse myself.',
        sent,
        'dora',
      ),
    ).toBeNull()
  })
})
