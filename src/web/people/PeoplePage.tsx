import { Code } from '@mantine/core'
import { ComingSoon } from '../components/ComingSoon.tsx'

export function PeoplePage() {
  return (
    <ComingSoon
      title="People"
      description="New followers to review and the accounts you follow."
      meanwhile={
        <>
          the API at{' '}
          <Code>
            /api/v1/workspaces/{'{ws}'}/accounts/{'{id}'}/followers
          </Code>
        </>
      }
    />
  )
}
