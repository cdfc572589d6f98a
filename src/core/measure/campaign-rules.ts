/** Calendar colours a campaign may take (the web theme's palette names or #rrggbb). */
export const CAMPAIGN_COLOUR = /^#[0-9a-f]{6}$/i

/** A UTM campaign tag as analytics tools expect it: lower case, digits, - and _ only. */
export function utmCampaignTag(name: string): string {
  const tag = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return tag || 'campaign'
}

export type CampaignPeriodProblem = { field: 'endsAt'; message: string } | null

export function campaignPeriodProblem(startsAt: Date, endsAt: Date): CampaignPeriodProblem {
  return endsAt > startsAt ? null : { field: 'endsAt', message: 'must be after startsAt' }
}
