import { Badge, Card, Group, List, Stack, Text } from '@mantine/core'
import { formatDateTime, formatRelative } from '../components/format-date.ts'
import { Link } from '../components/router.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import type { ListenAlert } from './listen-queries.ts'

/**
 * Alerts, newest first: which search spiked, the minute's matches against its baseline and
 * the threshold it crossed, a few of the posts; for crisis watch, that it pulled the brake.
 */
export function AlertList({ alerts, empty }: { alerts: ListenAlert[]; empty: string }) {
  const { workspace } = useWorkspace()
  if (alerts.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        {empty}
      </Text>
    )
  }
  return (
    <Stack gap="sm" role="list" aria-label="Alerts">
      {alerts.map((alert) => (
        <Card
          key={alert.id}
          role="listitem"
          withBorder
          padding="sm"
          style={{
            borderLeft: `4px solid var(--mantine-color-${alert.kind === 'crisis' ? 'red' : 'grape'}-6)`,
          }}
        >
          <Stack gap={6}>
            <Group justify="space-between" gap="xs">
              <Group gap="xs">
                <Badge color={alert.kind === 'crisis' ? 'red' : 'grape'} variant="light">
                  {alert.kind === 'crisis' ? 'Crisis watch' : 'Spike'}
                </Badge>
                <Text fw={600}>{alert.search.name}</Text>
              </Group>
              <Text size="sm" c="dimmed" title={formatDateTime(alert.createdAt)}>
                {formatRelative(alert.createdAt)}
              </Text>
            </Group>
            <Text size="sm">
              {alert.volume.toLocaleString()} matches in the minute of{' '}
              {formatDateTime(alert.minute, { show: 'time' })}, against a baseline of{' '}
              {alert.baseline.toLocaleString(undefined, { maximumFractionDigits: 1 })} a minute (the
              threshold was {alert.threshold.toLocaleString()}).
            </Text>
            {alert.brakeId && (
              <Text size="sm" fw={600} c="red">
                Crisis watch pulled this workspace’s brake: scheduled posts wait in Review until a
                person releases it.{' '}
                <Link
                  to={`/w/${workspace.id}/review`}
                  size="sm"
                  fw={600}
                  c="red"
                  underline="always"
                >
                  Review what is queued
                </Link>
              </Text>
            )}
            {alert.samples.length > 0 && (
              <List size="sm" spacing={2} aria-label="Sample matches">
                {alert.samples.slice(0, 3).map((sample) => (
                  <List.Item key={sample.uri}>
                    <Text size="sm" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
                      {sample.text}
                    </Text>
                  </List.Item>
                ))}
              </List>
            )}
          </Stack>
        </Card>
      ))}
    </Stack>
  )
}
