import { stringify } from 'csv-stringify/sync'

type Cell = string | number | boolean | null | undefined

/**
 * Rows as CSV (RFC 4180 quoting by csv-stringify). A text cell that a spreadsheet would run
 * as a formula (= + - @, tab, carriage return first) gets a leading apostrophe.
 */
export function toCsv(rows: Cell[][]): string {
  const safe = rows.map((row) =>
    row.map((cell) =>
      typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : (cell ?? ''),
    ),
  )
  return stringify(safe, { record_delimiter: '\r\n' })
}
