import { Button, Card, Group, Stack, Text, Textarea, TextInput } from '@mantine/core'
import { type FormEvent, useState } from 'react'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import type { Snippet } from './inbox-queries.ts'
import { useDeleteSnippet, useSaveSnippet } from './snippet-queries.ts'

/**
 * Saved replies: a starting point a person edits before sending, never sent as they are.
 * Replies too alike to three or more others still get the form-letter warning.
 */
export function SnippetsForm({
  workspaceId,
  snippets,
  mayManage,
}: {
  workspaceId: string
  snippets: Snippet[]
  mayManage: boolean
}) {
  const [editing, setEditing] = useState<string | 'new' | null>(null)
  const remove = useDeleteSnippet(workspaceId)
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        A snippet starts a reply; you make it personal before it goes.
      </Text>
      {snippets.length === 0 && editing !== 'new' && (
        <Text size="sm">No snippets yet. Save the answers you write most often as a start.</Text>
      )}
      {snippets.map((snippet) =>
        editing === snippet.id ? (
          <SnippetEditor
            key={snippet.id}
            workspaceId={workspaceId}
            snippet={snippet}
            onDone={() => setEditing(null)}
          />
        ) : (
          <Card key={snippet.id} withBorder padding="sm">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <div>
                <Text fw={600} size="sm">
                  {snippet.name}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {snippet.text}
                </Text>
              </div>
              {mayManage && (
                <Group gap={4} wrap="nowrap">
                  <Button size="xs" variant="default" onClick={() => setEditing(snippet.id)}>
                    Edit
                  </Button>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    aria-label={`Delete ${snippet.name}`}
                    loading={remove.isPending && remove.variables === snippet.id}
                    onClick={() => remove.mutate(snippet.id)}
                  >
                    Delete
                  </Button>
                </Group>
              )}
            </Group>
          </Card>
        ),
      )}
      <ProblemAlert error={remove.error} title="Not deleted" />
      {mayManage &&
        (editing === 'new' ? (
          <SnippetEditor workspaceId={workspaceId} onDone={() => setEditing(null)} />
        ) : (
          <Button variant="default" w="fit-content" onClick={() => setEditing('new')}>
            Add a snippet
          </Button>
        ))}
    </Stack>
  )
}

function SnippetEditor({
  workspaceId,
  snippet,
  onDone,
}: {
  workspaceId: string
  snippet?: Snippet
  onDone: () => void
}) {
  const [name, setName] = useState(snippet?.name ?? '')
  const [text, setText] = useState(snippet?.text ?? '')
  const save = useSaveSnippet(workspaceId)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate(
      { ...(snippet ? { snippetId: snippet.id } : {}), name, text },
      { onSuccess: onDone },
    )
  }
  return (
    <Card withBorder padding="sm" component="form" onSubmit={submit} aria-label="Snippet">
      <Stack gap="xs">
        <TextInput
          label="Name"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Textarea
          label="Text"
          required
          autosize
          minRows={3}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <ProblemAlert error={save.error} title="Not saved" />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save snippet
          </Button>
        </Group>
      </Stack>
    </Card>
  )
}
