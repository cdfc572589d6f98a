import {
  Badge,
  Button,
  Group,
  List,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core'
import { type FormEvent, useState } from 'react'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import {
  KIND_COLOURS,
  KIND_LABELS,
  label,
  SENTIMENT_COLOURS,
  SENTIMENT_LABELS,
} from './inbox-labels.ts'
import { useTryMessage } from './routing-queries.ts'

type Option = { value: string; label: string }

/**
 * Paste a message and see how it would be read (kind, sentiment, why) and where the saved
 * rules would send it. Nothing is stored.
 */
export function TryMessage({
  workspaceId,
  accounts,
  memberName,
}: {
  workspaceId: string
  accounts: Option[]
  memberName: (userId: string) => string
}) {
  const trial = useTryMessage(workspaceId)
  const [text, setText] = useState('')
  const [accountId, setAccountId] = useState<string | null>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    trial.mutate({ text, ...(accountId ? { accountId } : {}) })
  }
  const result = trial.data

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="try-message-title">
      <Stack gap="sm">
        <Title order={3} size="h5" id="try-message-title">
          Try a message
        </Title>
        <Text size="xs" c="dimmed">
          Tried against the saved rules: save first to try a change.
        </Text>
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Textarea
              label="Message"
              autosize
              minRows={2}
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
            />
            <Select
              label="Arrives on (optional)"
              placeholder="Any account"
              data={accounts}
              value={accountId}
              onChange={setAccountId}
              clearable
            />
            <Group justify="flex-end">
              <Button
                type="submit"
                variant="default"
                loading={trial.isPending}
                disabled={!text.trim()}
              >
                Try it
              </Button>
            </Group>
          </Stack>
        </form>
        <ProblemAlert error={trial.error} title="Could not try it" />
        {result && (
          <Stack gap={6} role="status" aria-label="How it would be routed">
            <Group gap="xs">
              <Badge color={KIND_COLOURS[result.kind] ?? 'gray'} variant="light">
                {label(KIND_LABELS, result.kind)}
              </Badge>
              <Badge color={SENTIMENT_COLOURS[result.sentiment] ?? 'gray'} variant="light">
                {label(SENTIMENT_LABELS, result.sentiment)}
              </Badge>
              {result.priority === 'high' && <Badge color="red">High priority</Badge>}
              {result.spam && <Badge color="gray">Spam</Badge>}
              {result.tags.map((tag) => (
                <Badge key={tag} variant="outline">
                  #{tag}
                </Badge>
              ))}
            </Group>
            {result.reasons.length > 0 && (
              <List size="sm" aria-label="Why it would be read so">
                {result.reasons.map((reason) => (
                  <List.Item key={reason}>{reason}</List.Item>
                ))}
              </List>
            )}
            <Text size="sm">
              {result.rule ? `Rule: ${result.rule.name}` : 'No rule matched: it stays unassigned.'}
            </Text>
            {result.rule && (
              <Text size="sm">
                Assigned to:{' '}
                {result.assigneeId ? memberName(result.assigneeId) : 'nobody (unassigned)'}
              </Text>
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  )
}
