export type UtmTags = { source: string; medium: string; campaign: string; content?: string }

/** The workspace's tag templates: `{network}` in any of them becomes the post's network. */
export type UtmTemplate = { source: string; medium: string; campaign: string }

export const DEFAULT_UTM: UtmTemplate = { source: '{network}', medium: 'social', campaign: 'sous' }

export function utmTagsFor(
  template: UtmTemplate,
  post: { network: string; campaignTag?: string | null; postId: string },
): UtmTags {
  const fill = (value: string) => value.replaceAll('{network}', post.network)
  return {
    source: fill(template.source),
    medium: fill(template.medium),
    campaign: post.campaignTag || fill(template.campaign),
    content: post.postId,
  }
}

/**
 * The link with UTM tags added. Tags the author already wrote into the link win: they chose
 * them for that link. Everything else about the URL (fragment, other parameters) is kept.
 */
export function withUtm(url: string, tags: UtmTags): string {
  const parsed = new URL(url)
  const set = (name: string, value: string | undefined) => {
    if (value && !parsed.searchParams.has(name)) parsed.searchParams.set(name, value)
  }
  set('utm_source', tags.source)
  set('utm_medium', tags.medium)
  set('utm_campaign', tags.campaign)
  set('utm_content', tags.content)
  return parsed.toString()
}
