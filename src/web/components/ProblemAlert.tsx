import { Alert } from '@mantine/core'
import { asProblem } from '../api/api-problem.ts'
import { formatDuration } from './format-date.ts'

/**
 * The server's refusal, said where the person acted: its `detail`, and for a 429 how long to
 * wait. When every field it names is shown next to its input (`fields`), it stays silent.
 */
export function ProblemAlert({
  error,
  title,
  fields = [],
}: {
  error: unknown
  title?: string
  fields?: string[]
}) {
  const problem = asProblem(error)
  if (!problem) return null
  if (problem.fields.length > 0 && problem.fields.every((f) => fields.includes(f.field)))
    return null
  const wait = problem.retryAfterSeconds
  return (
    <Alert color="red" variant="light" title={title ?? 'That did not work'} role="alert">
      {problem.detail}
      {/[.!?]$/.test(problem.detail) ? '' : '.'}
      {wait !== null && ` Wait ${formatDuration(wait)} before the next try.`}
    </Alert>
  )
}

/**
 * What to show next to a field from a mutation's error: the server's sentence when the
 * refusal is about this field alone, else its message for the field.
 */
export function fieldError(error: unknown, field: string): string | undefined {
  const problem = asProblem(error)
  if (!problem?.fields.some((f) => f.field === field)) return undefined
  return problem.fields.length === 1 ? problem.detail : problem.fieldMessage(field)
}
