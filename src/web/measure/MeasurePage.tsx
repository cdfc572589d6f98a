import { Code } from '@mantine/core'
import { ComingSoon } from '../components/ComingSoon.tsx'

export function MeasurePage() {
  return (
    <ComingSoon
      title="Measure"
      description="What started conversations: engagement over time, by campaign."
      meanwhile={
        <>
          the API at <Code>/api/v1/workspaces/{'{ws}'}/measure</Code>
        </>
      }
    />
  )
}
