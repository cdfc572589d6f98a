/** Longer messages are cut here: no network allows more, and a 1 MB body must not fill the inbox. */
export const MAX_TEXT = 10_000

/**
 * Incoming text as Sous stores it: plain text, never HTML (markup stays inert characters and
 * is only ever returned as text), without NUL and other control characters, at most MAX_TEXT.
 */
export function plainText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').slice(0, MAX_TEXT)
}
