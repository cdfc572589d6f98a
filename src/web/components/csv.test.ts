import { describe, expect, it } from 'vitest'
import { csvHref, csvText } from './csv.ts'

describe('csvText', () => {
  it('quotes what needs quoting and leaves the rest plain, one CRLF per row', () => {
    expect(
      csvText([
        ['text', 'n'],
        ['say "hi", then\nleave', 3],
        [null, undefined],
      ]),
    ).toBe('text,n\r\n"say ""hi"", then\nleave",3\r\n,\r\n')
  })

  it('keeps a spreadsheet from running a cell as a formula', () => {
    expect(csvText([['=HYPERLINK("x")', '-3', -3]])).toBe(`"'=HYPERLINK(""x"")",'-3,-3\r\n`)
  })

  it('downloads as a data address', () => {
    expect(decodeURIComponent(csvHref([['a b']]).split(',')[1] ?? '')).toBe('a b\r\n')
  })
})
