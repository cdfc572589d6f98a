// `node --import tsx bench/text-agreement.ts [count]`: countText against the reference libraries
// over generated text (default 100,000 strings a check); every agreement must be 100 %.
// bench/run.ts takes hyphen-free names only, so this one runs directly.
import { spawnSync } from 'node:child_process'
import { pathToFileURL } from 'node:url'
import { RichText } from '@atproto/api'
import fc from 'fast-check'
import { countText } from '../src/core/text/count-text.ts'
import { countRubyGraphemes } from '../src/core/text/ruby-graphemes.ts'
import { blueskyCounting, mastodonCounting, xCounting } from '../src/core/text/rules.ts'
import { parseTweet } from '../src/core/text/twitter-text.ts'
import { countGraphemes } from '../src/core/text/units.ts'
import { anyText, postText, stockUrlText } from '../test/text-arbitraries.ts'
import { mastodonByTwitterText } from '../test/text-oracles.ts'

const SEED = 20261124

interface Check {
  name: string
  agree: number
  total: number
  firstDisagreement?: string
}

function check(
  name: string,
  texts: string[],
  agrees: (text: string, index: number) => boolean,
): Check {
  const result: Check = { name, agree: 0, total: texts.length }
  texts.forEach((text, index) => {
    if (agrees(text, index)) result.agree++
    else result.firstDisagreement ??= text
  })
  return result
}

function timePerThousand(texts: string[], count: (text: string) => unknown): number {
  const started = performance.now()
  for (const text of texts) count(text)
  return Math.round(((performance.now() - started) / texts.length) * 1000 * 10) / 10
}

// Ruby 3.x's each_grapheme_cluster is what Mastodon counts with. Ruby is not a dependency of
// Sous: when it is installed, this compares against it; the Ruby here may know an older Unicode
// than Mastodon's, so only post-like text (no characters newer than Unicode 13) is compared.
function rubyGraphemes(texts: string[]): number[] | undefined {
  const ruby = spawnSync(
    'ruby',
    ['-rjson', '-e', 'STDIN.each_line { |l| puts JSON.parse(l).each_grapheme_cluster.size }'],
    { input: texts.map((text) => JSON.stringify(text)).join('\n'), maxBuffer: 1 << 28 },
  )
  if (ruby.status !== 0) return undefined
  return ruby.stdout.toString().trim().split('\n').map(Number)
}

export async function run(args: string[]): Promise<void> {
  const count = Number(args[0] ?? 100_000)
  const posts = fc.sample(postText, { numRuns: count / 2, seed: SEED })
  const any = fc.sample(anyText, { numRuns: count / 2, seed: SEED + 1 })
  const mixed = [...posts, ...any]
  const stock = fc.sample(stockUrlText, { numRuns: count, seed: SEED + 2 })

  const checks = [
    check('bluesky graphemes = RichText.graphemeLength', mixed, (text) => {
      return countText(blueskyCounting, text).length === new RichText({ text }).graphemeLength
    }),
    check('bluesky bytes = RichText.length (UTF-8)', mixed, (text) => {
      return countText(blueskyCounting, text).bytes === new RichText({ text }).length
    }),
    check('x = twitter-text parseTweet().weightedLength', mixed, (text) => {
      return countText(xCounting(), text).length === parseTweet(text).weightedLength
    }),
    check('mastodon = twitter-text URLs as 23 (http(s), ASCII paths)', stock, (text) => {
      return countText(mastodonCounting(), text).length === mastodonByTwitterText(text.trim())
    }),
  ]
  const ruby = rubyGraphemes(posts)
  if (ruby) {
    checks.push(
      check('mastodon graphemes = Ruby each_grapheme_cluster', posts, (text, index) => {
        return countRubyGraphemes(text) === ruby[index]
      }),
    )
  }

  for (const { name, agree, total, firstDisagreement } of checks) {
    const percent = ((agree / total) * 100).toFixed(3)
    console.log(`${name}: ${agree} of ${total} agree (${percent} %)`)
    if (firstDisagreement !== undefined)
      console.log(`  first: ${JSON.stringify(firstDisagreement)}`)
  }
  if (!ruby) console.log('mastodon graphemes = Ruby each_grapheme_cluster: skipped, no ruby here')
  const indicSplit = posts.filter((text) => countRubyGraphemes(text) !== countGraphemes(text))
  console.log(
    `post-like texts Mastodon counts longer than Intl.Segmenter (Indic conjuncts): ${indicSplit.length} of ${posts.length}`,
  )
  const msPerThousand = {
    bluesky: timePerThousand(posts, (text) => countText(blueskyCounting, text)),
    mastodon: timePerThousand(posts, (text) => countText(mastodonCounting(), text)),
    x: timePerThousand(posts, (text) => countText(xCounting(), text)),
  }
  console.log(`ms per 1,000 post-like texts: ${JSON.stringify(msPerThousand)}`)
  console.log(
    JSON.stringify({
      bench: 'text-agreement',
      seed: SEED,
      checks: checks.map(({ name, agree, total }) => ({ name, agree, total })),
      allAgree: checks.every(({ agree, total }) => agree === total),
      rubyCompared: ruby !== undefined,
      mastodonIndicLonger: indicSplit.length,
      msPerThousand,
    }),
  )
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run(process.argv.slice(2))
