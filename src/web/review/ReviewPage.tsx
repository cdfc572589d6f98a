import { Code } from '@mantine/core'
import { ReleaseBrakes } from '../brake/ReleaseBrakes.tsx'
import { ComingSoon } from '../components/ComingSoon.tsx'

// @TODO placeholder: deliveries waiting for a person (late, under a brake, unapproved) and the decisions on them.
// The engaged brakes and their release are already here, since resuming follows reviewing.
export function ReviewPage() {
  return (
    <ComingSoon
      title="Review"
      description="Deliveries waiting for a person: late, held by the brake, or not approved yet."
      meanwhile={
        <>
          <Code>GET /api/v1/workspaces/{'{ws}'}/review</Code> lists them; an editor decides each
          with <Code>POST …/review/{'{deliveryId}'}</Code>.
        </>
      }
    >
      <ReleaseBrakes />
    </ComingSoon>
  )
}
