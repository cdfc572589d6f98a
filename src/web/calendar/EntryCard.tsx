import { Badge, Box, Button, Group, Text } from '@mantine/core'
import type { DragEvent } from 'react'
import type { Account } from '../accounts/account-queries.ts'
import { accountColour } from '../components/account-colours.ts'
import { formatDateTime } from '../components/format-date.ts'
import { Link } from '../components/router.tsx'
import type { Campaign } from '../measure/measure-queries.ts'
import { CampaignMark } from './CalendarLegend.tsx'
import type { CalendarEntry } from './calendar-queries.ts'

const WAITING = new Set<CalendarEntry['state']>(['needs_review', 'held'])
const STATE_WORDS: Record<CalendarEntry['state'], string> = {
  scheduled: 'Scheduled',
  claimed: 'Going out',
  published: 'Published',
  retry_wait: 'Retrying',
  held: 'Held: in Review',
  needs_review: 'In Review',
  failed: 'Failed',
}

/** One delivery on the calendar: account, time, state in words; drag or Move when it may be moved. */
export function EntryCard({
  entry,
  compact,
  accounts,
  campaign,
  braked,
  movable,
  onDragStart,
  onDragEnd,
  onMove,
  reviewPath,
}: {
  entry: CalendarEntry
  compact: boolean
  accounts: Account[]
  campaign?: Campaign | undefined
  braked: boolean
  movable: boolean
  onDragStart: () => void
  onDragEnd: () => void
  onMove: () => void
  reviewPath: string
}) {
  const colour = accountColour(entry.accountId, accounts)
  const time = formatDateTime(entry.dueAt, { show: 'time' })
  const waiting = WAITING.has(entry.state)
  return (
    <Box
      draggable={movable}
      onDragStart={(event: DragEvent) => {
        event.dataTransfer.setData('text/plain', entry.postId)
        event.dataTransfer.effectAllowed = 'move'
        onDragStart()
      }}
      onDragEnd={onDragEnd}
      p={6}
      style={{
        borderLeft: `4px solid var(--mantine-color-${colour}-6)`,
        background: `var(--mantine-color-${colour}-light)`,
        borderRadius: 'var(--mantine-radius-sm)',
        cursor: movable ? 'grab' : undefined,
        opacity: entry.state === 'failed' ? 0.7 : 1,
      }}
      aria-label={`${time} ${entry.handle}: ${entry.text}`}
      role="article"
    >
      <Group gap={4} justify="space-between" wrap="nowrap">
        <Text size="xs" fw={600}>
          {time}
        </Text>
        {movable && (
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={onMove}
            aria-label={`Move the post of ${time}`}
          >
            Move
          </Button>
        )}
      </Group>
      <Text size="xs" truncate>
        {entry.handle}
      </Text>
      <CampaignMark campaign={campaign} />
      {!compact && (
        <Text size="xs" lineClamp={3} style={{ overflowWrap: 'anywhere' }}>
          {entry.text}
        </Text>
      )}
      <Group gap={4} mt={2}>
        {entry.state !== 'scheduled' && (
          <Badge
            size="xs"
            variant="light"
            color={waiting ? 'orange' : entry.state === 'failed' ? 'red' : 'gray'}
          >
            {STATE_WORDS[entry.state]}
          </Badge>
        )}
        {braked && (entry.state === 'scheduled' || entry.state === 'retry_wait') && (
          <Badge size="xs" variant="light" color="red">
            Brake
          </Badge>
        )}
      </Group>
      {waiting && !compact && (
        <Link size="xs" underline="always" to={reviewPath}>
          Decide in Review
        </Link>
      )}
    </Box>
  )
}
