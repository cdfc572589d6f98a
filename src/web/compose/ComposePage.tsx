import { Code } from '@mantine/core'
import { ComingSoon } from '../components/ComingSoon.tsx'

// @TODO placeholder: one idea, one variant per network, counted by each network's own rules
export function ComposePage() {
  return (
    <ComingSoon
      title="Compose"
      description="One idea, fitted to each network: write it once, adjust each variant, schedule it."
      meanwhile={
        <>
          write a post through the API: <Code>POST /api/v1/workspaces/{'{ws}'}/posts</Code> (see the
          README).
        </>
      }
    />
  )
}
