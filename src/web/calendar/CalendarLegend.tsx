import { ColorSwatch, Group, Select, Text } from '@mantine/core'
import type { Account } from '../accounts/account-queries.ts'
import { accountColour } from '../components/account-colours.ts'
import type { Campaign } from '../measure/measure-queries.ts'

/**
 * Each account's colour, and the campaign filter: with a campaign chosen, the calendar shows
 * only that campaign's posts; each post of a campaign carries the campaign's colour.
 */
export function CalendarLegend({
  accounts,
  campaigns,
  campaignId,
  onCampaign,
}: {
  accounts: Account[]
  campaigns: Campaign[]
  campaignId: string | null
  onCampaign: (id: string | null) => void
}) {
  const chosen = campaigns.find((c) => c.id === campaignId)
  return (
    <Group justify="space-between" align="flex-end" gap="sm" mb="sm">
      {accounts.length > 0 ? (
        <Group gap="md" aria-label="Accounts and their colours" role="list">
          {accounts.map((account) => (
            <Group key={account.id} gap={6} role="listitem">
              <ColorSwatch
                size={14}
                color={`var(--mantine-color-${accountColour(account.id, accounts)}-6)`}
                aria-hidden
              />
              <Text size="sm">{account.handle}</Text>
            </Group>
          ))}
        </Group>
      ) : (
        <span />
      )}
      {campaigns.length > 0 && (
        <Select
          label="Campaign"
          size="xs"
          w={200}
          data={[
            { value: '', label: 'All posts' },
            ...campaigns.map((c) => ({ value: c.id, label: c.name })),
          ]}
          value={campaignId ?? ''}
          onChange={(value) => onCampaign(value || null)}
          leftSection={chosen ? <ColorSwatch size={12} color={chosen.colour} aria-hidden /> : null}
        />
      )}
    </Group>
  )
}

/** The campaign badge on a calendar entry: its colour and name. */
export function CampaignMark({ campaign }: { campaign: Campaign | undefined }) {
  if (!campaign) return null
  return (
    <Group gap={4} wrap="nowrap" mt={2}>
      <ColorSwatch size={10} color={campaign.colour} aria-hidden style={{ flexShrink: 0 }} />
      <Text size="xs" truncate>
        {campaign.name}
      </Text>
    </Group>
  )
}
