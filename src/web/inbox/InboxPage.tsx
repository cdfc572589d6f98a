import { Code } from '@mantine/core'
import { ComingSoon } from '../components/ComingSoon.tsx'

export function InboxPage() {
  return (
    <ComingSoon
      title="Inbox"
      description="Everything people say back, routed to the right person."
      meanwhile={
        <>
          the API at <Code>/api/v1/workspaces/{'{ws}'}/inbox</Code>
        </>
      }
    />
  )
}
