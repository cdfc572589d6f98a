import { formatDateTime, formatRelative } from '../components/format-date.ts'
import type { Source } from './curate-queries.ts'

export type HealthWords = { label: string; colour: string; detail: string }

/** A source's health as a person reads it: a short label, and what happened and what comes next. */
export function describeHealth(source: Source, now = new Date()): HealthWords {
  const h = source.health
  const next = `next read ${formatRelative(h.nextPollAt, now)}`
  if (h.polling) return { label: 'Reading', colour: 'blue', detail: 'Being read now.' }
  switch (h.status) {
    case 'pending':
      return {
        label: 'Waiting',
        colour: 'gray',
        detail: `Not read yet: it is read within a minute or two (${next}).`,
      }
    case 'ok':
      return {
        label: 'Healthy',
        colour: 'green',
        detail: `Read ${h.lastSuccessAt ? ago(h.lastSuccessAt, now) : 'recently'}; ${next}.`,
      }
    case 'erroring':
      return {
        label: 'Erroring',
        colour: 'orange',
        detail: `${failures(h.failures)}: ${reason(h.lastError)}. Tried again with growing pauses; ${next}.${lastGood(h.lastSuccessAt)}`,
      }
    case 'failing':
      return {
        label: 'Failing',
        colour: 'red',
        detail: `Failing since ${h.failingSince ? formatDateTime(h.failingSince) : 'days'}: ${reason(h.lastError)}. Tried once a day; ${next}. Check its address, or remove it.`,
      }
  }
}

function ago(at: string, now: Date): string {
  const words = formatRelative(at, now)
  return words === 'now' ? 'just now' : words
}

function failures(n: number): string {
  return n === 1 ? 'The last read failed' : `The last ${n} reads failed`
}

function reason(error: string | null): string {
  return error?.replace(/[.\s]+$/, '') ?? 'no reason given'
}

function lastGood(at: string | null): string {
  return at ? ` Its earlier items stay (last good read ${ago(at, new Date())}).` : ''
}
