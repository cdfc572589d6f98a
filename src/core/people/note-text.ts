/**
 * Whether a note names its person: the mention is what makes a public post reach them.
 * Handles compare without case; `@bob` also names `bob@instance` (a local Mastodon mention);
 * an instance may carry a port (`bob@127.0.0.1:3000`, a development server).
 */
export function mentionsHandle(text: string, handle: string): boolean {
  const wanted = handle.toLowerCase().replace(/^@/, '')
  const local = wanted.includes('@') ? wanted.slice(0, wanted.indexOf('@')) : null
  for (const match of text.matchAll(/(?<![\w@])@([\w.-]+(?:@[\w.-]+(?::\d+)?)?)/g)) {
    const said = (match[1] as string).toLowerCase().replace(/[.-]+$/, '')
    if (said === wanted || (local !== null && said === local)) return true
  }
  return false
}

/**
 * The words of a note without its mentions, for the form-letter comparison: "@ada thanks
 * for the follow!" and "@bob thanks for the follow!" are the same letter.
 */
export function withoutMentions(text: string): string {
  return text
    .replace(/(?<![\w@])@[\w.-]+(?:@[\w.-]+(?::\d+)?)?/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}
