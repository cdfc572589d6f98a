type Cell = string | number | boolean | null | undefined

/**
 * Rows as CSV text, quoted as RFC 4180 says, for a table the page already holds. As the
 * server's CSV does, a text cell a spreadsheet would run as a formula gets a leading apostrophe.
 */
export function csvText(rows: Cell[][]): string {
  const cell = (value: Cell) => {
    if (value === null || value === undefined) return ''
    let text = String(value)
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
  }
  return rows.map((row) => `${row.map(cell).join(',')}\r\n`).join('')
}

/** A link target that downloads the rows as a CSV file (no request to the server). */
export function csvHref(rows: Cell[][]): string {
  return `data:text/csv;charset=utf-8,${encodeURIComponent(csvText(rows))}`
}
