import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { htmlToText } from './text.ts'

describe('htmlToText', () => {
  it('turns Mastodon content into plain text with whole links, mentions and hashtags', () => {
    const html =
      '<p>Hi <span class="h-card" translate="no"><a href="https://ex.social/@alice" class="u-url mention">@<span>alice</span></a></span>, see ' +
      '<a href="https://example.com/a/very/long/path?x=1&amp;y=2" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">https://</span><span class="ellipsis">example.com/a/very/long/pat</span><span class="invisible">h?x=1&amp;y=2</span></a> ' +
      '<a href="https://ex.social/tags/cats" class="mention hashtag" rel="tag">#<span>cats</span></a></p><p>line one<br />line two &lt;b&gt; &amp; &#39;</p>'
    expect(htmlToText(html)).toEqual({
      text: "Hi @alice, see https://example.com/a/very/long/path?x=1&y=2 #cats\n\nline one\nline two <b> & '",
      links: [
        'https://ex.social/@alice',
        'https://example.com/a/very/long/path?x=1&y=2',
        'https://ex.social/tags/cats',
      ],
    })
  })

  it('drops scripts, styles, images, the quote fallback paragraph and unsafe links', () => {
    const html =
      '<p class="quote-inline">RE: <a href="https://ex.social/@bob/1">https://ex.social/@bob/1</a></p>' +
      '<p>safe<script>alert(1)</script><style>p{}</style><img src="x" alt="nope"> ' +
      '<a href="javascript:alert(1)">click</a></p>'
    expect(htmlToText(html)).toEqual({ text: 'safe click', links: [] })
  })

  it('removes bidi overrides and control characters but keeps line breaks', () => {
    expect(htmlToText('<p>a\u202Eb\u0007c</p><p>d</p>').text).toBe('abc\n\nd')
  })

  it('never lets markup, controls or non-http links through, whatever the input', () => {
    const tag = fc.constantFrom('p', 'a', 'span', 'br', 'script', 'b', 'img', 'div')
    const piece = fc.oneof(
      fc.string(),
      fc
        .tuple(tag, fc.string())
        .map(([name, inner]) => `<${name} href="${inner}">${inner}</${name}>`),
      fc.constantFrom('\u202E', '\u0000', '&lt;', '&amp;', 'javascript:x', '<!-- c -->'),
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const { text, links } = htmlToText(pieces.join(''))
        const unsafe = [...text].filter((character) => {
          const code = character.codePointAt(0) ?? 0
          return (
            (code < 0x20 && code !== 0x09 && code !== 0x0a) || (code >= 0x202a && code <= 0x202e)
          )
        })
        expect(unsafe).toEqual([])
        for (const link of links) expect(link).toMatch(/^https?:\/\//i)
      }),
    )
  })
})
