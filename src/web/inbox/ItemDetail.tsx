import { Badge, Button, Card, Divider, Group, List, Stack, Text, Title } from '@mantine/core'
import type { RefObject } from 'react'
import type { Account } from '../accounts/account-queries.ts'
import { formatDateTime, formatRelative } from '../components/format-date.ts'
import { Loading } from '../components/Loading.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { ConversationThread } from './ConversationThread.tsx'
import {
  formatWait,
  KIND_COLOURS,
  KIND_LABELS,
  label,
  SENTIMENT_COLOURS,
  SENTIMENT_LABELS,
  STATUS_LABELS,
  whatHappened,
  whoSaidIt,
} from './inbox-labels.ts'
import { type InboxItem, type Snippet, useInboxItem } from './inbox-queries.ts'
import { PersonPanel } from './PersonPanel.tsx'
import { ReplyBox } from './ReplyBox.tsx'
import type { TriageActions } from './use-triage.ts'

/** The selected message in full: who, why it was read so, where it stands, the conversation, a reply. */
export function ItemDetail({
  workspaceId,
  item,
  accounts,
  snippets,
  memberName,
  mayTriage,
  mayReply,
  triage,
  replyBox,
  onReplySent,
}: {
  workspaceId: string
  item: InboxItem
  accounts: Account[]
  snippets: Snippet[]
  memberName: (userId: string) => string
  mayTriage: boolean
  mayReply: boolean
  triage: TriageActions
  replyBox: RefObject<HTMLTextAreaElement | null>
  onReplySent: (item: InboxItem, approval: 'pending' | 'sent') => void
}) {
  const detail = useInboxItem(workspaceId, item.id)
  const account = accounts.find((a) => a.id === item.account?.id)
  return (
    <Card withBorder padding="md" role="region" aria-label="Selected message">
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h4" style={{ overflowWrap: 'anywhere' }}>
            {whoSaidIt(item)}
          </Title>
          <Text size="sm" c="dimmed">
            {whatHappened(item)} · {formatDateTime(item.createdAt)}
          </Text>
        </Stack>
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{item.text}</Text>

        <Reading item={item} />
        <Clock item={item} />

        <Group gap={6}>
          <Text size="sm">
            {STATUS_LABELS[item.status]}
            {item.status === 'snoozed' && item.snoozeUntil
              ? ` until ${formatDateTime(item.snoozeUntil)}`
              : ''}
            {' · '}
            {item.assigneeId ? `assigned to ${memberName(item.assigneeId)}` : 'not assigned'}
          </Text>
          {item.tags.map((tag) => (
            <Badge key={tag} size="sm" variant="dot">
              {tag}
            </Badge>
          ))}
        </Group>

        {mayTriage && (
          <Group gap={6}>
            {item.status === 'done' ? (
              <Button size="xs" variant="default" onClick={triage.reopen}>
                Open again (o)
              </Button>
            ) : (
              <Button size="xs" onClick={triage.done}>
                Done (e)
              </Button>
            )}
            {item.status !== 'waiting' && (
              <Button size="xs" variant="default" onClick={triage.waiting}>
                Waiting on them (w)
              </Button>
            )}
            <Button size="xs" variant="default" onClick={triage.snooze}>
              Snooze… (s)
            </Button>
            <Button size="xs" variant="default" onClick={triage.assign}>
              Assign… (a)
            </Button>
            <Button size="xs" variant="default" onClick={triage.tag}>
              Tags… (#)
            </Button>
            {item.kind !== 'spam' && (
              <Button size="xs" variant="subtle" color="red" onClick={triage.spam}>
                Spam (x)
              </Button>
            )}
          </Group>
        )}
        <ProblemAlert error={triage.error} title="Not changed" />

        <Divider />
        {mayReply ? (
          <ReplyBox
            workspaceId={workspaceId}
            item={item}
            account={account}
            snippets={snippets}
            textarea={replyBox}
            onSent={onReplySent}
          />
        ) : (
          <Text size="sm" c="dimmed">
            Contributors and up may reply.
          </Text>
        )}

        <Divider />
        {detail.isPending ? (
          <Loading label="Loading the conversation…" />
        ) : detail.isError ? (
          <ProblemAlert error={detail.error} title="The conversation did not load" />
        ) : (
          <>
            <ConversationThread detail={detail.data} memberName={memberName} />
            {detail.data.person && (
              <PersonPanel
                workspaceId={workspaceId}
                itemId={item.id}
                person={detail.data.person}
                mayTriage={mayTriage}
              />
            )}
          </>
        )}
      </Stack>
    </Card>
  )
}

/** Kind and sentiment with the words that decided them, and the rule that placed the item. */
function Reading({ item }: { item: InboxItem }) {
  return (
    <Stack gap={4}>
      <Group gap={6}>
        <Badge variant="light" color={KIND_COLOURS[item.kind] ?? 'gray'}>
          {label(KIND_LABELS, item.kind)}
        </Badge>
        <Badge variant="outline" color={SENTIMENT_COLOURS[item.sentiment] ?? 'gray'}>
          {label(SENTIMENT_LABELS, item.sentiment)}
        </Badge>
        {item.priority === 'high' && (
          <Badge color="orange" variant="filled">
            High priority
          </Badge>
        )}
      </Group>
      {item.reasons.length > 0 && (
        <List size="sm" spacing={0} aria-label="Why it was read so">
          {item.reasons.map((reason) => (
            <List.Item key={reason}>
              <Text span size="sm" c="dimmed">
                {reason}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
      <Text size="sm" c="dimmed">
        {item.rule ? `Placed by the rule “${item.rule.name}”.` : 'No routing rule matched it.'}
      </Text>
    </Stack>
  )
}

/** How long it has waited in business time against the workspace's first-response target. */
function Clock({ item }: { item: InboxItem }) {
  if (item.firstResponseAt)
    return (
      <Text size="sm" c="dimmed">
        First answered {formatRelative(item.firstResponseAt)}, after {formatWait(item.waitedMs)} of
        business time.
      </Text>
    )
  if (!item.dueAt) return null
  return (
    <Text size="sm" c={item.overdue ? 'red' : 'dimmed'} fw={item.overdue ? 600 : undefined}>
      {item.overdue
        ? `Overdue: waited ${formatWait(item.waitedMs)} of business time; the target was ${formatDateTime(item.dueAt)}.`
        : `Waited ${formatWait(item.waitedMs)} of business time; answer by ${formatDateTime(item.dueAt)} (${formatRelative(item.dueAt)}).`}
    </Text>
  )
}
