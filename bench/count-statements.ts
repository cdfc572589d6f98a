// Counts the SQL statements this process sends (every pg client, pooled or not), by kind, so
// a bench can report statements per delivery or per request. Bench-only: it patches pg.
import pg from 'pg'

export type StatementCounts = Record<string, number>

const counts = new Map<string, number>()
let installed = false

/** Starts counting in this process (idempotent); `take()` returns the counts since the last take. */
export function countStatements() {
  if (!installed) {
    installed = true
    const query = pg.Client.prototype.query
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const kind = kindOf(args[0])
      counts.set(kind, (counts.get(kind) ?? 0) + 1)
      return (query as (...a: unknown[]) => unknown).apply(this, args)
    } as typeof query
  }
  return {
    take: (): StatementCounts => {
      const taken = Object.fromEntries(counts)
      counts.clear()
      return taken
    },
  }
}

const kinds = new Map<string, string>()

/** The statement's verb and the table it changes or reads first: enough to tell the hot ones apart. */
function kindOf(query: unknown): string {
  const text =
    typeof query === 'string' ? query : ((query as { text?: string } | null)?.text ?? '?')
  let kind = kinds.get(text)
  if (kind === undefined) {
    const flat = text.replace(/\s+/g, ' ').trim().toLowerCase()
    const verb = flat.split(' ')[0] ?? '?'
    const write = flat.match(/(?<!for )\b(update|insert into|delete from) "?([a-z_]+)"?/)
    const read = flat.match(/\b(?:from|join) "?([a-z_]+)"?/)?.[1]
    kind = (
      write ? `${verb === 'with' ? 'with ' : ''}${write[1]} ${write[2]}` : `${verb} ${read ?? ''}`
    ).trim()
    kinds.set(text, kind)
  }
  return kind
}

export function total(counts: StatementCounts): number {
  return Object.values(counts).reduce((a, b) => a + b, 0)
}

export function addCounts(into: StatementCounts, from: StatementCounts): StatementCounts {
  for (const [kind, n] of Object.entries(from)) into[kind] = (into[kind] ?? 0) + n
  return into
}

/** `kind n/unit, …`, most frequent first. */
export function perUnit(counts: StatementCounts, units: number): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `${kind} ${(n / units).toFixed(2)}`)
    .join(', ')
}
