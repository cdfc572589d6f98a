import { Button, ColorSwatch, Group, Paper, Stack, Text } from '@mantine/core'
import { addDays } from '../calendar/calendar-dates.ts'
import { formatDateTime } from '../components/format-date.ts'
import type { Campaign } from './measure-queries.ts'

/** "1 Mar – 31 Mar": a campaign's first and last day (it ends at the midnight after the last). */
export function campaignDays(campaign: Campaign): string {
  const last = addDays(new Date(campaign.endsAt), -1)
  return `${formatDateTime(campaign.startsAt, { show: 'date' })} – ${formatDateTime(last, { show: 'date' })}`
}

/** The workspace's campaigns, latest first: open one to see its posts and results, or edit it. */
export function CampaignsTab({
  campaigns,
  mayManage,
  onOpen,
  onEdit,
  onCreate,
}: {
  campaigns: Campaign[]
  mayManage: boolean
  onOpen: (campaign: Campaign) => void
  onEdit: (campaign: Campaign) => void
  onCreate: () => void
}) {
  if (campaigns.length === 0)
    return (
      <Paper withBorder p="lg">
        <Text fw={600}>No campaigns yet.</Text>
        <Text size="sm" c="dimmed" mb="sm">
          A campaign groups posts toward one goal, with its own period, colour on the calendar and
          UTM tag. Create one, then put posts in it from Compose.
        </Text>
        {mayManage && <Button onClick={onCreate}>New campaign</Button>}
      </Paper>
    )
  const now = Date.now()
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {campaigns.map((campaign) => {
        const running = Date.parse(campaign.startsAt) <= now && now < Date.parse(campaign.endsAt)
        return (
          <Paper key={campaign.id} withBorder p="sm" component="li">
            <Group justify="space-between" gap="xs" align="flex-start">
              <Group gap="sm" wrap="nowrap" align="flex-start" style={{ minWidth: 0, flex: 1 }}>
                <ColorSwatch color={campaign.colour} size={18} mt={3} aria-hidden />
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {campaign.name}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {campaignDays(campaign)}
                    {running ? ' · running now' : ''} · utm_campaign={campaign.utmCampaign}
                  </Text>
                  {campaign.goal && (
                    <Text size="sm" lineClamp={2}>
                      {campaign.goal}
                    </Text>
                  )}
                </Stack>
              </Group>
              <Group gap="xs">
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => onOpen(campaign)}
                  aria-label={`Open ${campaign.name}`}
                >
                  Open
                </Button>
                {mayManage && (
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => onEdit(campaign)}
                    aria-label={`Edit ${campaign.name}`}
                  >
                    Edit
                  </Button>
                )}
              </Group>
            </Group>
          </Paper>
        )
      })}
    </Stack>
  )
}
