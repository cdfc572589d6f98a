import { Button, Group, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { type FormEvent, useState } from 'react'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { type Topic, useSetTopics } from './curate-queries.ts'

type Row = { key: number; term: string; weight: string | number }

/**
 * The words and phrases suggestions are ranked against, each with a weight: positive lifts
 * what matches, negative pushes it down. Saved as a whole.
 */
export function TopicsPanel({ topics }: { topics: Topic[] }) {
  const { workspace, may } = useWorkspace()
  const save = useSetTopics(workspace.id)
  const mayManage = may('sources.manage')
  const [rows, setRows] = useState<Row[]>(() =>
    topics.length > 0 ? topics.map((t, key) => ({ key, ...t })) : [{ key: 0, term: '', weight: 3 }],
  )
  const [nextKey, setNextKey] = useState(rows.length)
  const edit = (key: number, patch: Partial<Row>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)))

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const cleaned = rows
      .filter((r) => r.term.trim())
      .map((r) => ({ term: r.term.trim(), weight: Number(r.weight) || 0 }))
    save.mutate(cleaned, {
      onSuccess: ({ topics: stored }) => {
        setRows(stored.map((t, key) => ({ key, ...t })))
        setNextKey(stored.length)
        notifications.show({
          color: 'green',
          message: 'Topics saved: the queue is ranked by them.',
        })
      },
    })
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={640}>
        <Title order={2} size="h4">
          Topics
        </Title>
        <Text size="sm" c="dimmed">
          Words or phrases your audience cares about, matched in each item's title (full weight) and
          summary (half). Weights go from −10 to 10: a negative one pushes matching items down, e.g.
          “crypto” at −5.
        </Text>
        {rows.map((row, index) => (
          <Group key={row.key} gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              label={`Topic ${index + 1}`}
              placeholder="e.g. sourdough"
              value={row.term}
              onChange={(e) => edit(row.key, { term: e.currentTarget.value })}
              disabled={!mayManage}
              style={{ flex: 1, minWidth: 0 }}
              maxLength={100}
            />
            <NumberInput
              label="Weight"
              min={-10}
              max={10}
              step={1}
              decimalScale={2}
              value={row.weight}
              onChange={(weight) => edit(row.key, { weight })}
              disabled={!mayManage}
              w={96}
            />
            {mayManage && (
              <Button
                variant="subtle"
                color="red"
                onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
                aria-label={`Remove topic ${index + 1}${row.term ? ` (${row.term})` : ''}`}
              >
                Remove
              </Button>
            )}
          </Group>
        ))}
        <ProblemAlert error={save.error} title="Topics not saved" />
        {mayManage ? (
          <Group gap="xs">
            <Button
              variant="default"
              onClick={() => {
                setRows((all) => [...all, { key: nextKey, term: '', weight: 3 }])
                setNextKey((k) => k + 1)
              }}
            >
              Add a topic
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save topics
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            An editor sets the topics.
          </Text>
        )}
      </Stack>
    </form>
  )
}
