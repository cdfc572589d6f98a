// `npm run bench -- listen [events] [searches]`: the compiled matcher over a replayed stream of
// Jetstream post events (JSON parsing included, one core), beside a baseline that checks every
// saved search with its own regular expressions, in the same run. Also: compiling 10,000
// searches, afresh and after one edit. Every figure is printed with the load average; the
// last line is JSON. Defaults: 50,000 events, 10,000 searches (the baseline gets 1/25 of the
// events, or it would run for minutes).
import os from 'node:os'
import { compileSearches, type Matcher } from '../src/core/listen/compile-searches.ts'
import { normalizeText } from '../src/core/listen/normalize-text.ts'
import { parseQuery } from '../src/core/listen/parse-query.ts'
import type { PositionalNode, QueryNode, WordsTerm } from '../src/core/listen/query-ast.ts'
import type { ListenPost } from '../src/core/listen/read-post.ts'
import { isCjkToken } from '../src/core/listen/tokenize.ts'

const GOALS = { eventsPerSecond: 50_000, timesBaseline: 20 }
const SEED = 20260518

export async function run(args: string[]): Promise<void> {
  const eventCount = Number(args[0] ?? 50_000)
  const searchCount = Number(args[1] ?? 10_000)
  const random = mulberry32(SEED)
  const brands = brandNames(random, 20_000)
  const events = Array.from({ length: eventCount }, (_, at) => jetstreamEvent(random, brands, at))
  const searches = Array.from({ length: searchCount }, (_, at) => ({
    id: `s${at}`,
    query: savedSearch(random, brands, at),
  }))
  const bytes = events.reduce((sum, event) => sum + Buffer.byteLength(event), 0) / events.length
  console.log(
    `${events.length.toLocaleString('en')} Jetstream post events (average ${Math.round(bytes)} bytes), ${searches.length.toLocaleString('en')} saved searches; Node ${process.version}, ${os.cpus().length} cores`,
  )
  for (const sample of [0, 1, 2]) console.log(`  e.g. ${searches[sample]?.query}`)

  // Compiling: afresh, and after one search was edited (parsed queries reused).
  const compileMs = median(3, () => timed(() => compileSearches(searches)).ms)
  const matcher = compileSearches(searches)
  const edited = searches.map((s, at) => (at === 17 ? { ...s, query: `${s.query} -edited` } : s))
  const recompileMs = median(
    3,
    () => timed(() => compileSearches(edited, { previous: matcher })).ms,
  )
  console.log(
    `\nCompile ${searches.length.toLocaleString('en')} searches: ${compileMs.toFixed(0)} ms afresh, ${recompileMs.toFixed(0)} ms after editing one (load ${load()})`,
  )
  console.log(
    `  rejected ${matcher.rejected.length}, broad (checked on every post) ${matcher.broad.length}`,
  )

  // Rates are per second of this process's CPU time (one core; the machine is shared), with
  // the wall-clock rate beside them.
  const parseOnly = medianRate(3, events, (line) => JSON.parse(line))
  console.log(`\nJSON.parse alone:               ${show(parseOnly)} (load ${load()})`)
  let matched = 0
  const matchEvent = (line: string) => {
    const post = postOf(line)
    if (post) matched += matcher.match(post).length
  }
  for (const line of events.slice(0, 2_000)) matchEvent(line)
  matched = 0
  const compiled = medianRate(3, events, matchEvent)
  console.log(`compiled matcher (parse+match): ${show(compiled)} (load ${load()})`)
  const perEvent = matched / 3 / events.length
  console.log(`  ${perEvent.toFixed(2)} matching searches per event on average`)

  const baselineEvents = events.slice(0, Math.max(200, Math.floor(events.length / 25)))
  const baseline = regexBaseline(searches)
  const baselineEvent = (line: string) => {
    const post = postOf(line)
    if (post) baseline(post)
  }
  // V8 compiles each regular expression on its first use: warm them all up first.
  for (const line of baselineEvents.slice(0, 20)) baselineEvent(line)
  const baselineRate = rateOf(baselineEvents, baselineEvent)
  console.log(
    `baseline, a regex per search:   ${show(baselineRate)} over ${baselineEvents.length.toLocaleString('en')} events (load ${load()})`,
  )
  const times = compiled.cpu / baselineRate.cpu
  console.log(`  the compiled matcher is ${times.toFixed(0)}× the baseline`)

  searchesById = new Map(searches.map(({ id, query }) => [id, query]))
  const agreement = agree(baselineEvents, matcher, baseline)
  console.log(
    `\nAgreement with the baseline on those events: ${agreement.both} matches found by both, ${agreement.onlyCompiled} only by the compiled matcher, ${agreement.onlyBaseline} only by the baseline`,
  )
  for (const example of agreement.examples) console.log(`  ${example}`)

  const goals = {
    eventsPerSecond: compiled.cpu >= GOALS.eventsPerSecond,
    timesBaseline: times >= GOALS.timesBaseline,
  }
  console.log(
    `\nGoals: ≥ ${fmt(GOALS.eventsPerSecond)} events/s ${goals.eventsPerSecond ? 'met' : 'MISSED'}; ≥ ${GOALS.timesBaseline}× the baseline ${goals.timesBaseline ? 'met' : 'MISSED'}. Load average at the end: ${load()} on ${os.cpus().length} cores.`,
  )
  console.log(
    JSON.stringify({
      bench: 'listen',
      events: events.length,
      averageEventBytes: Math.round(bytes),
      searches: searches.length,
      compileMs: Math.round(compileMs),
      recompileAfterOneEditMs: Math.round(recompileMs),
      broad: matcher.broad.length,
      jsonParsePerSecond: parseOnly,
      matcherPerSecond: compiled,
      baselinePerSecond: baselineRate,
      timesBaseline: Math.round(times * 10) / 10,
      matchesPerEvent: Math.round(perEvent * 100) / 100,
      agreement,
      goals,
      loadavg: os.loadavg(),
    }),
  )
}

// ---- The stream: what a Jetstream consumer with wantedCollections=app.bsky.feed.post gets.

/** A Jetstream event as the later source will see it: text, langs, tags and mentions from facets. */
function postOf(line: string): ListenPost | undefined {
  const event = JSON.parse(line)
  const commit = event.commit
  if (event.kind !== 'commit' || commit?.operation !== 'create') return undefined
  if (commit.collection !== 'app.bsky.feed.post') return undefined
  const record = commit.record
  const hashtags: string[] = []
  const mentions: string[] = []
  for (const facet of record.facets ?? []) {
    for (const feature of facet.features ?? []) {
      if (feature.tag) hashtags.push(feature.tag)
      else if (feature.did) mentions.push(feature.did)
    }
  }
  return { text: record.text ?? '', lang: record.langs, author: event.did, hashtags, mentions }
}

type Language = { code: string; sentences: string[]; words: Record<string, string[]> }

// Post-like sentences with slots; {brand} is one of 2,000 invented brand names.
const LANGUAGES: Language[] = [
  {
    code: 'en',
    sentences: [
      'Just tried the new {food} from {brand} and honestly it was {adj}!',
      "Can't believe {brand} support took {n} days to answer about my {thing}. Still no refund.",
      'Morning walk, coffee, and a slice of {food}. Life is {adj} sometimes.',
      'Anyone else seeing the {thing} from {brand} arrive broken? Third time this month…',
      'Thread: what I learned baking {food} every day for a year (1/{n})',
      'The {event} downtown is all over the news, stay safe everyone.',
      "{brand}'s customer service was {adj} today, props to the team",
    ],
    words: {
      food: ['sourdough', 'bread', 'rye loaf', 'croissant', 'bagel', 'banana bread', 'pizza'],
      adj: ['amazing', 'terrible', 'fine', 'so good', 'disappointing', 'great'],
      thing: ['order', 'delivery', 'oven', 'mixer', 'subscription', 'package'],
      event: ['flood', 'fire', 'protest', 'earthquake', 'marathon', 'power outage'],
    },
  },
  {
    code: 'de',
    sentences: [
      'Heute zum ersten Mal {food} gebacken – die Kruste ist {adj} geworden!',
      'Bei {brand} warte ich seit {n} Tagen auf meine {thing}. Kundenservice? Fehlanzeige.',
      'Wer kennt einen guten Bäcker in {city}? Suche frisches {food}.',
      'Die Nachrichten über das {event} in {city} sind schrecklich.',
    ],
    words: {
      food: ['Sauerteigbrot', 'Brötchen', 'Roggenbrot', 'Brezeln', 'Käsekuchen'],
      adj: ['perfekt', 'zu dunkel', 'großartig', 'enttäuschend'],
      thing: ['Bestellung', 'Lieferung', 'Rückerstattung'],
      city: ['München', 'Köln', 'Berlin', 'Düsseldorf', 'Zürich'],
      event: ['Hochwasser', 'Feuer', 'Erdbeben', 'Unwetter'],
    },
  },
  {
    code: 'fr',
    sentences: [
      "J'ai enfin réussi mon {food} ! La croûte est {adj} 🥖",
      'Service client de {brand} : {n} jours sans réponse pour ma {thing}.',
      'Les images de {event} à {city} sont terribles.',
    ],
    words: {
      food: ['pain au levain', 'brioche', 'croissant', 'crème brûlée', 'baguette'],
      adj: ['parfaite', 'trop cuite', 'magnifique', 'décevante'],
      thing: ['commande', 'livraison', 'facture'],
      city: ['Paris', 'Lyon', 'Marseille', 'Montréal'],
      event: ["l'incendie", "l'inondation", 'la tempête'],
    },
  },
  {
    code: 'es',
    sentences: [
      '¡Por fin me salió bien el {food}! Quedó {adj} 😍',
      '{brand} lleva {n} días sin responder sobre mi {thing}. Qué desastre.',
      'Las noticias del {event} en {city} son terribles.',
    ],
    words: {
      food: ['pan de masa madre', 'roscón', 'churros', 'pan integral'],
      adj: ['perfecto', 'increíble', 'quemado', 'delicioso'],
      thing: ['pedido', 'reembolso', 'envío'],
      city: ['Madrid', 'Sevilla', 'Ciudad de México', 'Bogotá'],
      event: ['terremoto', 'incendio', 'huracán'],
    },
  },
  {
    code: 'pt',
    sentences: [
      'Hoje fiz {food} pela primeira vez e ficou {adj}!',
      'A {brand} não responde há {n} dias sobre o meu {thing}.',
    ],
    words: {
      food: ['pão de queijo', 'pão caseiro', 'bolo de fubá'],
      adj: ['ótimo', 'perfeito', 'horrível'],
      thing: ['pedido', 'reembolso'],
    },
  },
  {
    code: 'ja',
    sentences: [
      '{city}で新しいパン屋さんがオープンしました！{food}がとても美味しいです。',
      '{brand}のサポート、{n}日待っても返事なし。{thing}はどうなったの？',
      '{city}で{event}のニュース、みんな気をつけて。',
    ],
    words: {
      city: ['東京', '大阪', '京都', '札幌', '福岡'],
      food: ['クロワッサン', 'メロンパン', '食パン', 'カレーパン'],
      thing: ['注文', '配送', '返金'],
      event: ['地震', '台風', '火事', '大雨'],
    },
  },
  {
    code: 'zh',
    sentences: [
      '今天在{city}买了{food}，味道{adj}！',
      '{brand}的客服{n}天都没回复我的{thing}问题。',
      '{city}发生{event}，大家注意安全。',
    ],
    words: {
      city: ['北京', '上海', '台北', '广州'],
      food: ['面包', '蛋挞', '菠萝包', '月饼'],
      adj: ['很好', '一般', '太棒了'],
      thing: ['订单', '退款', '快递'],
      event: ['地震', '洪水', '火灾'],
    },
  },
  {
    code: 'ko',
    sentences: [
      '오늘 {city}에서 {food}을 먹었어요 정말 {adj}',
      '{brand} 고객센터는 {n}일째 답이 없네요. {thing} 언제 와요?',
    ],
    words: {
      city: ['서울', '부산', '대구'],
      food: ['빵', '크루아상', '소금빵'],
      adj: ['맛있어요', '별로예요'],
      thing: ['주문', '배송', '환불'],
    },
  },
]
const EMOJI = ['🍞', '🥐', '🥖', '😍', '🙏', '🔥', '😭', '👍🏽', '❤️', '🇩🇪', '👩‍🍳', '']
const TAGS = [
  'baking',
  'sourdough',
  'Brot',
  'backen',
  'パン',
  '面包',
  '빵스타그램',
  'café',
  'news',
  'food',
]

function jetstreamEvent(random: () => number, brands: string[], at: number): string {
  const language = pick(random, LANGUAGES)
  const fill = (sentence: string) =>
    sentence.replace(/\{(\w+)\}/g, (_, slot: string) => {
      if (slot === 'brand') return pick(random, brands)
      if (slot === 'n') return String(2 + Math.floor(random() * 20))
      return pick(random, language.words[slot] ?? [''])
    })
  let text = fill(pick(random, language.sentences))
  if (random() < 0.1) text += ` ${fill(pick(random, language.sentences))}`
  text += ` ${pick(random, EMOJI)}`
  const facets: object[] = []
  const addFacet = (label: string, feature: object) => {
    const byteStart = Buffer.byteLength(`${text} `)
    text += ` ${label}`
    facets.push({
      index: { byteStart, byteEnd: byteStart + Buffer.byteLength(label) },
      features: [feature],
    })
  }
  if (random() < 0.3) {
    const tag = random() < 0.5 ? pick(random, TAGS) : pick(random, brands)
    addFacet(`#${tag}`, { $type: 'app.bsky.richtext.facet#tag', tag })
  }
  if (random() < 0.1) {
    const handle = `${pick(random, brands).toLowerCase()}.bsky.social`
    addFacet(`@${handle}`, { $type: 'app.bsky.richtext.facet#mention', did: fakeDid(random) })
  }
  const timeUs = 1_747_000_000_000_000 + at * 40_000
  const event = {
    did: fakeDid(random),
    time_us: timeUs,
    kind: 'commit',
    commit: {
      rev: tid(random),
      operation: 'create',
      collection: 'app.bsky.feed.post',
      rkey: tid(random),
      record: {
        $type: 'app.bsky.feed.post',
        createdAt: new Date(timeUs / 1000).toISOString(),
        langs: [language.code],
        text: text.trim(),
        ...(facets.length ? { facets } : {}),
      },
      cid: `bafyrei${base32(random, 52)}`,
    },
  }
  return JSON.stringify(event)
}

// ---- The saved searches: brand monitoring mostly, some topics, crisis terms and languages.

function savedSearch(random: () => number, brands: string[], at: number): string {
  const brand = pick(random, brands).toLowerCase()
  const other = pick(random, brands).toLowerCase()
  const complaint = pick(random, ['broken', 'late', '"customer service"', 'support', 'delivery'])
  if (at % 2_000 === 1_999) return pick(random, ['NOT spam lang:en', 'lang:ja -lang:en'])
  // A few searches on a topic rather than a brand: they match many posts.
  if (at % 100 === 99) return pick(random, TOPICS)
  const roll = random()
  if (roll < 0.25) return `${brand} -giveaway -hiring`
  if (roll < 0.35) return `"${brand} ${pick(random, ['support', 'order', 'app'])}" OR #${brand}`
  if (roll < 0.5) return `(${brand} OR ${other} OR #${brand}) AND (${complaint} OR refund*)`
  if (roll < 0.6) return `${brand} NEAR/3 (late OR broken OR refund*)`
  if (roll < 0.7) return `#${brand} OR #${brand}fail OR @${brand}`
  if (roll < 0.75) return `from:${brand}.bsky.social OR @${brand}.bsky.social`
  if (roll < 0.88) {
    return pick(random, [
      `lang:de ${brand} (brot* OR lieferung OR bestellung) -werbung`,
      `lang:ja (東京 OR 大阪) ${brand}`,
      `lang:fr "${brand}" -emploi`,
      `lang:es ${brand} ("masa madre" OR pedido)`,
      `lang:ko ${brand} 환불`,
    ])
  }
  if (roll < 0.95) {
    return pick(random, [
      `(sourdough OR "sour dough" OR #sourdough) ${brand}`,
      `(${brand} OR croissant*) ONEAR/4 (amazing OR great)`,
      `面包 ${brand}`,
      `"crème brûlée" ${brand}`,
    ])
  }
  return pick(random, [
    `(earthquake OR flood OR fire OR 地震 OR Erdbeben OR terremoto) -game -movie ${brand}`,
    `(shooting OR explosion OR evacuat*) NEAR/5 (downtown OR school) ${brand}`,
    `#${brand} (outage OR down OR "not working")`,
  ])
}

const TOPICS = [
  'sourdough OR "sour dough" OR #sourdough',
  '(bread NEAR/2 butter) -recipe',
  'lang:de (sauerteig* OR roggenbrot) -rezept',
  '(earthquake OR 地震 OR erdbeben OR terremoto) -game',
  '#baking OR #backen OR #パン',
  '"customer service" NEAR/5 (terrible OR disappointing)',
  'クロワッサン OR メロンパン',
  '"pain au levain" OR "pão de queijo"',
]

// ---- The baseline: every search on its own, its terms as regular expressions over the text.
// Word boundaries are checked beside each regex hit with one shared Unicode class: 30,000
// regexes that each carry \p{L} compile to ~25 KB of machine code apiece and ran this process
// out of memory here.

type Check = (text: string, post: ListenPost) => boolean
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u
const GAP = '[\\s!-/:-@[-`{-~\\u2000-\\u206f\\u3000-\\u303f\\uff01-\\uff0f]+'
const NOT_GAP = '[^\\s!-/:-@[-`{-~\\u2000-\\u206f\\u3000-\\u303f\\uff01-\\uff0f]+'
const quote = (token: string) => token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function regexBaseline(
  searches: Array<{ id: string; query: string }>,
): (post: ListenPost) => string[] {
  const checks = searches.map(({ id, query }) => ({ id, check: checkOf(parseQuery(query)) }))
  return (post) => {
    const text = normalizeText(post.text)
    return checks.filter(({ check }) => check(text, post)).map(({ id }) => id)
  }
}

function checkOf(node: QueryNode): Check {
  switch (node.kind) {
    case 'and': {
      const children = node.children.map(checkOf)
      return (text, post) => children.every((check) => check(text, post))
    }
    case 'or': {
      const children = node.children.map(checkOf)
      return (text, post) => children.some((check) => check(text, post))
    }
    case 'not': {
      const child = checkOf(node.child)
      return (text, post) => !child(text, post)
    }
    case 'lang':
      return (_, post) =>
        [post.lang ?? []].flat().some((lang) => lang.toLowerCase().startsWith(node.code))
    case 'from':
      return (_, post) =>
        [post.author ?? []].flat().some((author) => author.toLowerCase() === node.handle)
    case 'hashtag':
      return boundedCheck(`#${quote(node.tag)}`, { start: false, end: true })
    case 'mention':
      return boundedCheck(`@${quote(node.handle)}`, { start: false, end: true })
    case 'near': {
      const [left, right] = [sourceOf(node.left), sourceOf(node.right)]
      const gap = `(?:${GAP}${NOT_GAP}){0,${node.distance}}${GAP}`
      const either = node.ordered ? '' : `|(?:${right})${gap}(?:${left})`
      return boundedCheck(`(?:${left})${gap}(?:${right})${either}`, { start: true, end: true })
    }
    default:
      if (node.kind === 'prefix') return boundedCheck(sourceOf(node), { start: true, end: false })
      return boundedCheck(sourceOf(node), { start: wholeWords(node), end: wholeWords(node) })
  }
}

function sourceOf(node: PositionalNode): string {
  if (node.kind === 'or') return node.children.map(sourceOf).join('|')
  if (node.kind === 'prefix') return quote(node.prefix)
  return node.tokens.map(quote).join(node.tokens.every(isCjkToken) ? '' : GAP)
}

// CJK words match inside longer words (see src/core/listen/tokenize.ts): no boundaries.
const wholeWords = (node: WordsTerm) => !node.tokens.every(isCjkToken)

/** A regex hit that starts and ends at word boundaries (or anywhere, for CJK words). */
function boundedCheck(source: string, bounded: { start: boolean; end: boolean }): Check {
  const regex = new RegExp(source, 'g')
  return (text) => {
    regex.lastIndex = 0
    for (let hit = regex.exec(text); hit; hit = regex.exec(text)) {
      const before = text[hit.index - 1]
      const after = text[hit.index + hit[0].length]
      const atStart = !bounded.start || before === undefined || !WORD_CHAR.test(before)
      const atEnd = !bounded.end || after === undefined || !WORD_CHAR.test(after)
      if (atStart && atEnd) return true
      regex.lastIndex = hit.index + 1
    }
    return false
  }
}

/** Matches found by both, and by one only (with the first example of each). */
function agree(lines: string[], matcher: Matcher, baseline: (post: ListenPost) => string[]) {
  const result = { both: 0, onlyCompiled: 0, onlyBaseline: 0, examples: [] as string[] }
  for (const line of lines) {
    const post = postOf(line)
    if (!post) continue
    const ours = new Set(matcher.match(post))
    const theirs = new Set(baseline(post))
    for (const id of new Set([...ours, ...theirs])) {
      if (ours.has(id) && theirs.has(id)) result.both++
      else if (ours.has(id)) result.onlyCompiled++
      else result.onlyBaseline++
      if (ours.has(id) !== theirs.has(id) && result.examples.length < 3) {
        const query = searchesById.get(id)
        result.examples.push(
          `${ours.has(id) ? 'only compiled' : 'only baseline'}: ${query} ⟶ ${post.text}`,
        )
      }
    }
  }
  return result
}
let searchesById = new Map<string, string>()

// ---- Measuring.

type Rate = { cpu: number; wall: number }

/** Events per second of CPU time and of wall-clock time. */
function rateOf(lines: string[], each: (line: string) => void): Rate {
  const cpuBefore = process.cpuUsage()
  const { ms } = timed(() => {
    for (const line of lines) each(line)
  })
  const cpu = process.cpuUsage(cpuBefore)
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  return {
    cpu: Math.round(lines.length / cpuSeconds),
    wall: Math.round(lines.length / (ms / 1000)),
  }
}

function medianRate(times: number, lines: string[], each: (line: string) => void): Rate {
  const rates = Array.from({ length: times }, () => rateOf(lines, each))
  return rates.sort((a, b) => a.cpu - b.cpu)[Math.floor(times / 2)] as Rate
}

const show = (rate: Rate) => `${fmt(rate.cpu)} events/s of CPU (${fmt(rate.wall)}/s wall)`

function timed<T>(work: () => T): { ms: number; value: T } {
  const started = performance.now()
  const value = work()
  return { ms: performance.now() - started, value }
}

function median(times: number, measure: () => number): number {
  const values = Array.from({ length: times }, measure).sort((a, b) => a - b)
  return values[Math.floor(values.length / 2)] as number
}

const fmt = (value: number) => Math.round(value).toLocaleString('en')
const load = () => os.loadavg()[0]?.toFixed(2) ?? '?'

function mulberry32(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T
}

// Invented brand names, all different: each search watches its own brand, as on an instance
// where many workspaces watch theirs.
function brandNames(random: () => number, count: number): string[] {
  const syllables = ['kru', 'sten', 'pan', 'ora', 'mehl', 'werk', 'zor', 'vik', 'tal', 'me']
  syllables.push('no', 'fi', 'lo', 'ba', 'rix', 'quin', 'dal', 'sa', 'tu', 'ke', 'mon', 'bre')
  const names = new Set<string>()
  while (names.size < count) {
    const length = 2 + Math.floor(random() * 3)
    const name = Array.from({ length }, () => pick(random, syllables)).join('')
    names.add(name.charAt(0).toUpperCase() + name.slice(1))
  }
  return [...names]
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567'
function base32(random: () => number, length: number): string {
  return Array.from({ length }, () => pick(random, [...BASE32])).join('')
}
const fakeDid = (random: () => number) => `did:plc:${base32(random, 24)}`
const tid = (random: () => number) => `3l${base32(random, 11)}`
