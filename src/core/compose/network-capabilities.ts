import type { CountingRule } from '../text/count-text.ts'

/** How a network counts text: the rules and the counting itself live in core/text. */
export type TextRule = CountingRule

export type NetworkCapabilities = {
  text: TextRule
  media: {
    maxImages: number
    maxImageBytes: number
    imageTypes: string[]
    altTextMaxLength: number
  }
  threads: boolean
  linkCards: boolean
  contentWarnings: boolean
  visibility: boolean
  directMessages: boolean
  languages: boolean
  /** The network's documented request limit, which the inbox's polling keeps well inside. */
  rateLimit?: { requests: number; windowMs: number; per: 'ip' | 'account' }
}
