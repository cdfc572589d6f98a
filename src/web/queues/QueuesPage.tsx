import { Code } from '@mantine/core'
import { ComingSoon } from '../components/ComingSoon.tsx'

// @TODO placeholder: each account's weekly slots and its next free ones
export function QueuesPage() {
  return (
    <ComingSoon
      title="Queues"
      description="Each account's weekly time slots, in the account's own time zone."
      meanwhile={
        <>
          <Code>
            PUT /api/v1/workspaces/{'{ws}'}/accounts/{'{id}'}/queue
          </Code>{' '}
          sets an account's slots; <Code>GET</Code> shows its next free ones.
        </>
      }
    />
  )
}
