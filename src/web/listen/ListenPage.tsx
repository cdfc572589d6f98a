import { Code } from '@mantine/core'
import { ComingSoon } from '../components/ComingSoon.tsx'

export function ListenPage() {
  return (
    <ComingSoon
      title="Listen"
      description="Saved searches over the live networks, spikes and crisis watch."
      meanwhile={
        <>
          the API at <Code>/api/v1/workspaces/{'{ws}'}/searches</Code>
        </>
      }
    />
  )
}
