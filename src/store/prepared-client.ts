import { createHash } from 'node:crypto'
import pg from 'pg'

// A statement the database has parsed and planned once runs again without either: a
// parameterised lookup took 676 µs unprepared and 156 µs prepared on embedded PGlite, 159 and
// 33–100 µs on PostgreSQL (bench/api.ts shows the effect per request).
const SEEN_BEFORE_NAMING = 2
/** Each named statement holds a plan in the server session for the connection's life. */
const MAX_NAMED = 200
/** Bulk statements (multi-row VALUES) vary with their size and are rarely repeated. */
const MAX_TEXT = 8_000
const MAX_TRACKED = 2_000

type QueryConfig = { text?: string; name?: string; values?: unknown[] }

/**
 * A `pg` client that turns the parameterised statements it sends again and again into named
 * prepared statements, parsed once per connection. Only extended-protocol statements (a config
 * or values given, so always a single statement) are named; a text seen once, a long one, or
 * any beyond the first MAX_NAMED stays unnamed. The name is a hash of the text, so one name
 * always means one text.
 */
export class PreparedClient extends pg.Client {
  private readonly seen = new Map<string, number>()
  private readonly names = new Map<string, string>()

  // biome-ignore lint/suspicious/noExplicitAny: pg's query() has a dozen overloads; passed through
  override query(config: any, values?: any, callback?: any): any {
    if (typeof config === 'string' && Array.isArray(values)) {
      return super.query(this.withName({ text: config, values }), callback)
    }
    if (config && typeof config === 'object' && typeof config.text === 'string' && !config.name) {
      return super.query(this.withName(config), values, callback)
    }
    return super.query(config, values, callback)
  }

  private withName<T extends QueryConfig>(config: T): T {
    const text = config.text as string
    let name = this.names.get(text)
    if (!name) {
      if (text.length > MAX_TEXT || this.names.size >= MAX_NAMED) return config
      const count = (this.seen.get(text) ?? 0) + 1
      if (count < SEEN_BEFORE_NAMING) {
        if (this.seen.size >= MAX_TRACKED) this.seen.clear()
        this.seen.set(text, count)
        return config
      }
      this.seen.delete(text)
      name = `sous_${createHash('sha1').update(text).digest('base64url')}`
      this.names.set(text, name)
    }
    return { ...config, name }
  }
}
