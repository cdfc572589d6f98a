/** The languages offered (ISO 639-1, as Bluesky's `langs` and Mastodon's `language` take them). */
const CODES =
  'en de fr es it pt nl pl sv da nb fi cs tr el uk ru ar he hi ja ko zh id th vi ca eu ga cy'.split(
    ' ',
  )

/** Options for a language picker, each named in the person's own language. */
export function languageOptions(locale = navigator.language) {
  const names = new Intl.DisplayNames([locale, 'en'], { type: 'language' })
  return CODES.map((code) => ({ value: code, label: `${names.of(code) ?? code} (${code})` })).sort(
    (a, b) => a.label.localeCompare(b.label, locale),
  )
}
