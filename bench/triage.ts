// `npm run bench -- triage`: triage's accuracy on the labelled messages, per kind and per
// sentiment — recall (right / labelled so), precision (right / answered so) and how many it
// called "unsure" — on the set the word lists were tuned with (labelled-messages.json) and on
// a held-out set written without looking at its verdicts (held-out-messages.json).
// The baseline in the same run: always answering the commonest label of the set.

import { readFileSync } from 'node:fs'
import { KINDS } from '../src/core/inbox/classify-kind.ts'
import { SENTIMENTS } from '../src/core/inbox/score-sentiment.ts'
import { triage } from '../src/core/inbox/triage.ts'

type Labelled = { text: string; lang: string; kind: string; sentiment: string }
type Field = 'kind' | 'sentiment'

const load = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../test/fixtures/inbox/${name}`, import.meta.url), 'utf8'),
  ) as Labelled[]
const pct = (n: number) => `${Math.round(n * 1000) / 10} %`

function perClass(messages: Labelled[], field: Field, classes: readonly string[]) {
  const answers = messages.map((m) => triage(m.text)[field])
  const rows = classes
    .filter((c) => c !== 'unsure')
    .map((label) => {
      const labelled = messages.filter((m) => m[field] === label).length
      const answered = answers.filter((a) => a === label).length
      const right = messages.filter((m, i) => m[field] === label && answers[i] === label).length
      const unsure = messages.filter((m, i) => m[field] === label && answers[i] === 'unsure').length
      return {
        label,
        labelled,
        right,
        unsure,
        recall: right / Math.max(1, labelled),
        precision: right / Math.max(1, answered),
      }
    })
  const right = rows.reduce((sum, r) => sum + r.right, 0)
  const commonest = Math.max(...rows.map((r) => r.labelled))
  const wrong = messages
    .map((m, i) => ({ m, answer: answers[i] }))
    .filter(({ m, answer }) => m[field] !== answer)
    .map(({ m, answer }) => `${m[field]} → ${answer}: ${m.text.slice(0, 70)}`)
  return {
    rows,
    accuracy: right / messages.length,
    baseline: commonest / messages.length,
    wrong,
  }
}

export async function run(args: string[]) {
  const verbose = args.includes('--wrong')
  const results: Record<string, Record<Field, ReturnType<typeof perClass>>> = {}
  for (const [name, file] of [
    ['tuned', 'labelled-messages.json'],
    ['held-out', 'held-out-messages.json'],
  ] as const) {
    const messages = load(file)
    const langs = [...new Set(messages.map((m) => m.lang))]
      .map((l) => `${l} ${messages.filter((m) => m.lang === l).length}`)
      .join(', ')
    console.log(`${name}: ${messages.length} messages (${langs})`)
    results[name] = {
      kind: perClass(messages, 'kind', KINDS),
      sentiment: perClass(messages, 'sentiment', SENTIMENTS),
    }
    for (const field of ['kind', 'sentiment'] as const) {
      const r = results[name][field]
      console.log(
        `  ${field}: accuracy ${pct(r.accuracy)} (baseline, the commonest label: ${pct(r.baseline)})`,
      )
      for (const row of r.rows)
        console.log(
          `    ${row.label.padEnd(10)} recall ${pct(row.recall).padStart(7)} (${row.right}/${row.labelled}, unsure ${row.unsure})  precision ${pct(row.precision).padStart(7)}`,
        )
      if (verbose) for (const line of r.wrong) console.log(`      ${line}`)
    }
  }
  const summary = Object.fromEntries(
    Object.entries(results).map(([name, byField]) => [
      name,
      Object.fromEntries(
        Object.entries(byField).map(([field, r]) => [
          field,
          {
            accuracy: r.accuracy,
            perClass: Object.fromEntries(r.rows.map((row) => [row.label, row.recall])),
          },
        ]),
      ),
    ]),
  )
  console.log(JSON.stringify({ bench: 'triage', ...summary }))
}
