import { Badge, Card, Group, Stack, Text } from '@mantine/core'
import { formatRelative } from '../components/format-date.ts'
import {
  formatWait,
  KIND_COLOURS,
  KIND_LABELS,
  label,
  SENTIMENT_COLOURS,
  SENTIMENT_LABELS,
  STATUS_LABELS,
  whoSaidIt,
} from './inbox-labels.ts'
import type { InboxItem } from './inbox-queries.ts'

/** The inbox's messages, one card each; the selected one is outlined and current. */
export function InboxList({
  items,
  selectedId,
  memberName,
  onSelect,
}: {
  items: InboxItem[]
  selectedId: string | null
  memberName: (userId: string) => string
  onSelect: (item: InboxItem) => void
}) {
  return (
    <Stack gap="xs" component="ul" aria-label="Messages" p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((item) => (
        <li key={item.id}>
          <InboxRow
            item={item}
            selected={item.id === selectedId}
            assignee={item.assigneeId ? memberName(item.assigneeId) : null}
            onSelect={() => onSelect(item)}
          />
        </li>
      ))}
    </Stack>
  )
}

function InboxRow({
  item,
  selected,
  assignee,
  onSelect,
}: {
  item: InboxItem
  selected: boolean
  assignee: string | null
  onSelect: () => void
}) {
  const who = whoSaidIt(item)
  return (
    <Card
      id={`inbox-${item.id}`}
      withBorder
      padding="sm"
      component="button"
      type="button"
      aria-current={selected ? 'true' : undefined}
      onClick={onSelect}
      style={{
        width: '100%',
        textAlign: 'left',
        cursor: 'pointer',
        borderLeft: item.overdue
          ? '4px solid var(--mantine-color-red-7)'
          : item.priority === 'high'
            ? '4px solid var(--mantine-color-orange-6)'
            : undefined,
        outline: selected ? '2px solid var(--mantine-color-sous-7)' : undefined,
      }}
    >
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text fw={600} size="sm" truncate>
            {who}
          </Text>
          <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
            {formatRelative(item.createdAt)}
          </Text>
        </Group>
        <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
          {item.text}
        </Text>
        <Group gap={4}>
          <Badge size="sm" variant="light" color={KIND_COLOURS[item.kind] ?? 'gray'}>
            {label(KIND_LABELS, item.kind)}
          </Badge>
          <Badge size="sm" variant="outline" color={SENTIMENT_COLOURS[item.sentiment] ?? 'gray'}>
            {label(SENTIMENT_LABELS, item.sentiment)}
          </Badge>
          {item.priority === 'high' && (
            <Badge size="sm" color="orange" variant="filled">
              High priority
            </Badge>
          )}
          {item.status !== 'open' && (
            <Badge size="sm" variant="default">
              {STATUS_LABELS[item.status]}
            </Badge>
          )}
          {item.overdue ? (
            <Badge size="sm" color="red" variant="filled">
              Overdue · waited {formatWait(item.waitedMs)}
            </Badge>
          ) : (
            !item.firstResponseAt &&
            item.dueAt && (
              <Text size="xs" c="dimmed">
                answer {formatRelative(item.dueAt)}
              </Text>
            )
          )}
          {assignee && (
            <Text size="xs" c="dimmed">
              · {assignee}
            </Text>
          )}
        </Group>
      </Stack>
    </Card>
  )
}
