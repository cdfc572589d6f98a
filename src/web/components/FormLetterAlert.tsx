import { Alert, Button, Group, Stack, Text } from '@mantine/core'
import type { RefObject } from 'react'
import { asProblem } from '../api/api-problem.ts'
import { ProblemAlert } from './ProblemAlert.tsx'

/**
 * Why a personal message was not sent. A 409 means nearly the same words already went to
 * three or more others: the person either makes it personal or sends it anyway, knowingly.
 * Any other refusal is said as it is.
 */
export function FormLetterAlert({
  error,
  textarea,
  onSendAnyway,
}: {
  error: unknown
  textarea: RefObject<HTMLTextAreaElement | null>
  onSendAnyway: () => void
}) {
  const problem = asProblem(error)
  if (problem?.status !== 409) return <ProblemAlert error={error} title="Not sent" />
  return (
    <Alert color="yellow" variant="light" title="This reads like a form letter" role="alert">
      <Stack gap="xs">
        <Text size="sm">{problem.detail.replace(/, or send it with .*$/, '.')}</Text>
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => textarea.current?.focus()}>
            Make it personal
          </Button>
          <Button size="xs" color="yellow" onClick={onSendAnyway}>
            Send it anyway
          </Button>
        </Group>
      </Stack>
    </Alert>
  )
}

/** Ctrl+Enter (⌘+Enter) in a message box sends it. */
export function sendOnCtrlEnter(send: () => void) {
  return (event: React.KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      send()
    }
  }
}
