/**
 * Keyboard shortcuts as written in a page's declaration: steps separated by spaces, each a key
 * with optional modifiers — `?`, `b`, `g c` (g, then c), `mod+Enter` (⌘ on a Mac, Ctrl elsewhere).
 */
export type KeyStep = { key: string; mod: boolean; alt: boolean }

export function parseKeys(keys: string): KeyStep[] {
  return keys
    .trim()
    .split(/\s+/)
    .map((step) => {
      const parts = step.split('+')
      const key = parts.pop() ?? ''
      return { key: key.toLowerCase(), mod: parts.includes('mod'), alt: parts.includes('alt') }
    })
}

export type KeyPress = {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  /** Typing in a field: only shortcuts with a modifier apply there. */
  inField: boolean
}

function stepMatches(step: KeyStep, press: KeyPress, isMac: boolean): boolean {
  const mod = isMac ? press.metaKey : press.ctrlKey
  const otherMod = isMac ? press.ctrlKey : press.metaKey
  if (press.inField && !step.mod) return false
  return (
    press.key.toLowerCase() === step.key &&
    mod === step.mod &&
    press.altKey === step.alt &&
    !otherMod
  )
}

/** How long the next step of a sequence (`g` … `c`) may wait. */
export const SEQUENCE_TIMEOUT_MS = 1500

/**
 * Feeds key presses, remembers a started sequence, and returns the shortcut a press completes.
 * Pure apart from the clock passed in, so it is tested without a browser.
 */
export function createKeyMatcher<T extends { keys: string }>(isMac: boolean) {
  let pending: { steps: KeyPress[]; at: number } | null = null
  return (shortcuts: readonly T[], press: KeyPress, now: number): T | null => {
    if (['shift', 'control', 'alt', 'meta'].includes(press.key.toLowerCase())) return null
    const earlier = pending && now - pending.at <= SEQUENCE_TIMEOUT_MS ? pending.steps : []
    for (const presses of [[...earlier, press], [press]]) {
      let prefix = false
      for (const shortcut of shortcuts) {
        const steps = parseKeys(shortcut.keys)
        if (steps.length < presses.length) continue
        const same = presses.every((p, i) => {
          const step = steps[i]
          return step !== undefined && stepMatches(step, p, isMac)
        })
        if (!same) continue
        if (steps.length === presses.length) {
          pending = null
          return shortcut
        }
        prefix = true
      }
      if (prefix) {
        pending = { steps: presses, at: now }
        return null
      }
    }
    pending = null
    return null
  }
}

/** How a shortcut is shown: each step's keys, e.g. [['g'], ['c']] or [['Ctrl', 'Enter']]. */
export function displayKeys(keys: string, isMac: boolean): string[][] {
  return parseKeys(keys).map((step) => {
    const shown: string[] = []
    if (step.mod) shown.push(isMac ? '⌘' : 'Ctrl')
    if (step.alt) shown.push(isMac ? '⌥' : 'Alt')
    shown.push(
      step.key.length === 1 ? step.key : step.key.charAt(0).toUpperCase() + step.key.slice(1),
    )
    return shown
  })
}
