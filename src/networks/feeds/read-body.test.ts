import { describe, expect, it } from 'vitest'
import { fixture } from '../../../test/feed-server.ts'
import type { BodyReading, FeedDocument } from './feed-document.ts'
import { readBody } from './read-body.ts'

const read = (
  name: string,
  contentType: string | null = 'application/xml',
  url = 'https://site.example/feed',
) => readBody({ bytes: fixture(name), contentType, url, expect: 'feed' })

function feedOf(reading: BodyReading): FeedDocument {
  if (reading.kind !== 'feed') throw new Error(`expected a feed, got ${JSON.stringify(reading)}`)
  return reading.feed
}

describe('reading feeds of every format', () => {
  it('RSS 2.0: tracking link kept as sent, HTML summary as text without script, thumbnail, author', () => {
    const feed = feedOf(read('rss2.xml'))
    expect(feed).toMatchObject({
      format: 'rss',
      title: 'Kitchen Notes',
      siteUrl: 'https://kitchen.example/',
      ttlMinutes: 60,
    })
    expect(feed.entries[0]).toEqual({
      key: 'kitchen-1',
      url: 'https://kitchen.example/posts/sourdough?utm_source=rss&utm_medium=feed',
      title: 'Sourdough starters & the science of wild yeast',
      summary: 'How a starter works.',
      author: 'Ada Baker',
      imageUrl: 'https://kitchen.example/img/starter.jpg',
      published: 'Tue, 03 Mar 2026 09:30:00 GMT',
    })
    // content:encoded's first image, resolved against the item's own address
    expect(feed.entries[1]).toMatchObject({
      summary: 'Cold butter makes layers.',
      imageUrl: 'https://kitchen.example/img/butter.jpg',
    })
  })

  it('Atom: an html title is text once read, a relative link resolves against the site', () => {
    const feed = feedOf(read('atom.xml'))
    expect(feed).toMatchObject({
      format: 'atom',
      title: 'Pastry Lab',
      siteUrl: 'https://pastry.example/',
    })
    expect(feed.entries[0]).toMatchObject({
      key: 'urn:pastry:1',
      url: 'https://pastry.example/lab/laminated-dough',
      title: 'Laminated dough <step by step>',
      summary: 'Folding butter into dough, 27 layers at a time.',
      author: 'Grace Hopper',
      published: '2026-03-03T10:00:00+02:00',
    })
  })

  it('RDF / RSS 1.0 and JSON Feed', () => {
    expect(feedOf(read('rdf.xml')).entries[0]).toMatchObject({
      url: 'https://grain.example/2026/rye',
      title: 'Rye harvest comes in early',
      author: 'Mill Desk',
      published: '2026-03-01T06:00:00Z',
    })
    const json = feedOf(read('json-feed.json', 'application/feed+json'))
    expect(json).toMatchObject({ format: 'json', title: 'Fermentation Weekly' })
    expect(json.entries[0]).toMatchObject({
      key: 'ferment-7',
      summary: 'Salt, cabbage, patience.',
      imageUrl: 'https://ferment.example/img/kimchi.png',
      author: 'Lin',
    })
  })

  it('relative links resolve against the feed; links that are not http(s) are dropped', () => {
    const feed = feedOf(
      read('relative-links.xml', 'application/rss+xml', 'https://rel.example/blog/feed.xml'),
    )
    expect(feed.entries.map((e) => e.url)).toEqual([
      'https://rel.example/notes/one',
      'https://rel.example/two.html',
      'https://cdn.example/three',
    ])
  })
})

describe('character sets', () => {
  it('windows-1252, ISO-8859-1 and Shift_JIS from the XML declaration', () => {
    expect(feedOf(read('windows-1252.xml', 'text/xml')).entries[0]?.title).toBe(
      'Crème brûlée — “the” classic',
    )
    expect(feedOf(read('iso-8859-1.xml', 'text/xml')).title).toBe('Straße')
    expect(feedOf(read('shift-jis.xml', 'text/xml')).entries[0]?.title).toBe('和菓子の作り方')
  })

  it('a wrong header charset (UTF-8 for windows-1252 bytes) falls to the declaration', () => {
    expect(feedOf(read('windows-1252.xml', 'text/xml; charset=utf-8')).title).toBe(
      'Café – naïve news',
    )
  })

  it('the header charset when the document declares none; windows-1252 when nothing is said', () => {
    expect(
      feedOf(read('undeclared-latin1.xml', 'application/xml; charset=iso-8859-1')).entries[0]
        ?.title,
    ).toBe('Crêpe au citron')
    expect(feedOf(read('undeclared-latin1.xml', 'application/xml')).entries[0]?.title).toBe(
      'Crêpe au citron',
    )
  })
})

describe('hostile and broken bodies', () => {
  it('never loads an external entity', () => {
    const reading = read('external-entity.xml')
    expect(reading).toEqual({
      kind: 'unreadable',
      reason: 'the feed cannot be read: it declares an external entity, which Sous never loads',
    })
    expect(JSON.stringify(reading)).not.toContain('root:')
  })

  it('never expands a billion laughs', () => {
    const reading = read('billion-laughs.xml')
    const text = JSON.stringify(reading)
    expect(text.length).toBeLessThan(5_000)
    expect(text).not.toContain('lollollol')
  })

  it('says malformed XML is malformed, and that a web page is not a feed', () => {
    const broken = read('malformed.xml')
    expect(broken.kind).toBe('unreadable')
    expect((broken as { reason: string }).reason).toMatch(
      /^the feed cannot be read: its XML is malformed/,
    )
    expect(read('page-without-feed.html', 'text/html')).toEqual({ kind: 'page', links: [] })
    expect(read('page-without-feed.html', 'application/xml')).toEqual({ kind: 'page', links: [] })
    expect(
      readBody({
        bytes: new TextEncoder().encode('{"not":"a feed"}'),
        contentType: 'application/json',
        url: 'https://x.example/',
        expect: 'feed',
      }),
    ).toEqual({
      kind: 'unreadable',
      reason: 'it is not a feed Sous can read (RSS, Atom, RDF or JSON Feed)',
    })
  })
})

describe('autodiscovery', () => {
  it('lists the feeds a page names with <link rel="alternate">, resolved, in page order', () => {
    expect(read('page-with-alternate.html', 'text/html', 'https://kitchen.example/about')).toEqual({
      kind: 'page',
      links: [
        {
          url: 'https://kitchen.example/rss2.xml',
          type: 'application/rss+xml',
          title: 'Kitchen Notes',
        },
        { url: 'https://kitchen.example/atom.xml', type: 'application/atom+xml', title: null },
      ],
    })
  })
})

describe('OPML', () => {
  const opml = (text: string) =>
    readBody({
      bytes: new TextEncoder().encode(text),
      contentType: null,
      url: 'about:blank',
      expect: 'opml',
    })

  it('flattens folders into categories, keeps each URL once, and never follows includes', () => {
    const reading = opml(fixture('nested.opml').toString('utf8'))
    expect(reading).toEqual({
      kind: 'opml',
      opml: {
        feeds: [
          {
            url: 'https://kitchen.example/rss2.xml',
            title: 'Kitchen Notes',
            siteUrl: 'https://kitchen.example/',
            category: 'Food',
          },
          {
            url: 'https://pastry.example/atom.xml',
            title: 'Pastry Lab',
            siteUrl: null,
            category: 'Food/Baking',
          },
          {
            url: 'https://grain.example/rdf.xml',
            title: 'Grain Report',
            siteUrl: null,
            category: 'Agriculture/Grain',
          },
        ],
        skipped: [
          {
            text: 'Itself',
            reason:
              'it includes another OPML file, which Sous does not follow: import that file itself',
          },
          { text: 'Not a web address', reason: 'its xmlUrl is not an http(s) address' },
        ],
      },
    })
  })

  it('reads 10,000 outlines, and nesting 5,000 folders deep, without running out of stack', () => {
    const outlines = Array.from(
      { length: 10_000 },
      (_, i) => `<outline type="rss" text="F${i}" xmlUrl="https://f${i}.example/feed"/>`,
    ).join('')
    const wide = opml(`<opml version="2.0"><head/><body>${outlines}</body></opml>`)
    expect(wide.kind === 'opml' && wide.opml.feeds.length).toBe(10_000)
    const depth = 5_000
    const deep = opml(
      `<opml version="2.0"><head/><body>${'<outline text="d">'.repeat(depth)}<outline type="rss" text="bottom" xmlUrl="https://deep.example/feed"/>${'</outline>'.repeat(depth)}</body></opml>`,
    )
    // Either read (the feed found) or refused in words: never a crash.
    if (deep.kind === 'opml')
      expect(deep.opml.feeds.map((f) => f.url)).toEqual(['https://deep.example/feed'])
    else expect(deep.kind).toBe('unreadable')
  })

  it('says a file that is not OPML is not', () => {
    expect(opml('<rss version="2.0"><channel/></rss>').kind).toBe('unreadable')
  })
})
