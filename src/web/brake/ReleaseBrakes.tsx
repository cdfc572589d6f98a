import { Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { refuseBrake } from '../../core/brake/brake-rules.ts'
import { useAccounts } from '../accounts/account-queries.ts'
import { formatDateTime } from '../components/format-date.ts'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { useMembers } from '../settings/member-queries.ts'
import { type Brake, brakesOf, useEngagedBrakes, useReleaseBrake } from './brake-queries.ts'
import { describeBrakePuller, describeBrakeScope } from './brake-scope.ts'

/**
 * The engaged brakes of this workspace with, for those who may, the release — for the Review
 * page, where a person sees what waits before resuming. Releasing never sends a burst: what
 * came due meanwhile stays in review.
 */
export function ReleaseBrakes() {
  const { me, workspace, role } = useWorkspace()
  const engaged = useEngagedBrakes()
  const accounts = useAccounts(workspace.id)
  const members = useMembers(workspace.id)
  const [releasing, setReleasing] = useState<Brake | null>(null)
  const release = useReleaseBrake()
  const brakes = brakesOf(engaged.data?.items ?? [], workspace.id)
  // The dialog stays while its brake leaves the list (released, or optimistically removed),
  // so a refusal is still said where the person clicked.
  if (brakes.length === 0 && releasing === null) return null
  const scopeOf = (brake: Brake) => describeBrakeScope(brake, workspace.name, accounts.data?.items)

  return (
    <Stack gap="sm" mb="xl">
      <Title order={2} size="h3">
        Engaged brakes
      </Title>
      {brakes.map((brake) => {
        const refused = refuseBrake('release', brake.scope, {
          role,
          instanceAdmin: me.instanceAdmin,
        })
        return (
          <Card key={brake.id} withBorder>
            <Group justify="space-between" align="flex-start" gap="sm">
              <Stack gap={2} style={{ flex: '1 1 14rem' }}>
                <Text fw={600}>Stops {scopeOf(brake)}</Text>
                <Text size="sm">“{brake.reason}”</Text>
                <Text size="sm" c="dimmed">
                  {describeBrakePuller(brake, me.user.id, members.data?.items)},{' '}
                  {formatDateTime(brake.engagedAt)}
                </Text>
              </Stack>
              {refused === null ? (
                <Button
                  color="red"
                  variant="light"
                  onClick={() => {
                    release.reset()
                    setReleasing(brake)
                  }}
                >
                  Release…
                </Button>
              ) : (
                <Text size="sm" c="dimmed" maw="18rem">
                  {refused}
                </Text>
              )}
            </Group>
          </Card>
        )
      })}
      <Modal
        opened={releasing !== null}
        onClose={() => setReleasing(null)}
        title="Resume deliveries?"
      >
        {releasing && (
          <Stack gap="md">
            <Text size="sm">
              Deliveries of {scopeOf(releasing)} start again. What came due while the brake was on
              stays in Review until someone decides each; nothing goes out in a burst.
            </Text>
            <ProblemAlert error={release.error} title="The brake is still on" />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setReleasing(null)}>
                Keep it on
              </Button>
              <Button
                color="red"
                loading={release.isPending}
                onClick={() =>
                  release.mutate(releasing.id, { onSuccess: () => setReleasing(null) })
                }
              >
                Release the brake
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  )
}
