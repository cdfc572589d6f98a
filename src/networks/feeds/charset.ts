const MULTI_BYTE = new Set([
  'shift_jis',
  'euc-jp',
  'iso-2022-jp',
  'gbk',
  'gb18030',
  'big5',
  'euc-kr',
])

/** The WHATWG name of a charset label, or null if TextDecoder does not know it. */
export function knownEncoding(label: string | null | undefined): string | null {
  if (!label) return null
  try {
    return new TextDecoder(label.trim().replace(/^["']|["']$/g, '')).encoding
  } catch {
    return null
  }
}

export function charsetOfContentType(contentType: string | null | undefined): string | null {
  return /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType ?? '')?.[1] ?? null
}

/** `<?xml … encoding="…"?>` or an HTML `<meta charset>` near the start, read as ASCII. */
export function declaredCharset(head: Uint8Array): string | null {
  const ascii = new TextDecoder('latin1').decode(head.subarray(0, 1024))
  return (
    /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(ascii)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([^"'\s/>;]+)/i.exec(ascii)?.[1] ??
    null
  )
}

/**
 * Decodes a feed body: a byte-order mark wins; then valid UTF-8 is UTF-8 (a body with
 * non-ASCII bytes that happens to be valid UTF-8 is, in practice, never Latin-1), unless a
 * multi-byte legacy charset is declared; then the HTTP header's charset, then the XML
 * declaration's, each only if the bytes decode under it; windows-1252 decodes anything last.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return strict('utf-8', bytes) ?? loose('utf-8', bytes)
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return loose('utf-16le', bytes)
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return loose('utf-16be', bytes)
  const declared = [charsetOfContentType(contentType), declaredCharset(bytes)]
    .map(knownEncoding)
    .filter((name): name is string => name !== null)
  if (!declared.some((name) => MULTI_BYTE.has(name))) {
    const utf8 = strict('utf-8', bytes)
    if (utf8 !== null) return utf8
  }
  for (const name of declared) {
    const text = strict(name, bytes)
    if (text !== null) return text
  }
  return loose('windows-1252', bytes)
}

function strict(encoding: string, bytes: Uint8Array): string | null {
  try {
    return fixWindows1252(encoding, new TextDecoder(encoding, { fatal: true }).decode(bytes))
  } catch {
    return null
  }
}

function loose(encoding: string, bytes: Uint8Array): string {
  return fixWindows1252(encoding, new TextDecoder(encoding).decode(bytes))
}

// WHATWG's windows-1252 index for 0x80–0x9F (undefined bytes map to themselves).
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178'

/**
 * Node 20's TextDecoder decodes windows-1252 (and so ISO-8859-1, its WHATWG alias) as
 * Latin-1, leaving 0x80–0x9F as C1 controls: “smart quotes” and dashes came out as
 * U+0093 and U+0097. Mapped here as the Encoding Standard says; a no-op where Node is right.
 */
function fixWindows1252(encoding: string, text: string): string {
  if (encoding !== 'windows-1252') return text
  return text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] as string)
}
