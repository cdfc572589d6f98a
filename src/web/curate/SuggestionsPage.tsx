import { Code } from '@mantine/core'
import { ComingSoon } from '../components/ComingSoon.tsx'

export function SuggestionsPage() {
  return (
    <ComingSoon
      title="Suggestions"
      description="Fresh links from the feeds you follow, ranked by your topics."
      meanwhile={
        <>
          the API at <Code>/api/v1/workspaces/{'{ws}'}/suggestions</Code>
        </>
      }
    />
  )
}
