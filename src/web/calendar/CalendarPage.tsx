import { Code } from '@mantine/core'
import { ComingSoon } from '../components/ComingSoon.tsx'

// @TODO placeholder: what is due when, per account, in the reader's zone with the account's beside it
export function CalendarPage() {
  return (
    <ComingSoon
      title="Calendar"
      description="Everything scheduled, by day and account, in your time zone."
      meanwhile={
        <>
          <Code>GET /api/v1/workspaces/{'{ws}'}/calendar?from=…&amp;to=…</Code> lists what is due in
          a range.
        </>
      }
    />
  )
}
