import { Anchor, Badge, Button, Card, Group, NumberInput, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { fieldError, ProblemAlert } from '../components/ProblemAlert.tsx'
import type { Source } from './curate-queries.ts'
import { describeHealth } from './source-health.ts'

/** One followed feed: its health in words, how much it counts, and stopping to follow it. */
export function SourceCard({
  source,
  mayManage,
  changing,
  changeError,
  removeError,
  onWeight,
  onRemove,
}: {
  source: Source
  mayManage: boolean
  changing: boolean
  changeError: unknown
  removeError: unknown
  onWeight: (weight: number) => void
  onRemove: () => void
}) {
  const health = describeHealth(source)
  const [weight, setWeight] = useState<string | number>(source.weight)
  const commit = () => {
    const value = typeof weight === 'number' ? weight : Number.parseFloat(weight)
    if (Number.isFinite(value) && value !== source.weight) onWeight(value)
  }
  return (
    <Card withBorder padding="sm" role="article" aria-label={source.title}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {source.title}
            </Text>
            <Anchor
              href={source.siteUrl ?? source.url}
              target="_blank"
              rel="noopener noreferrer"
              size="xs"
              style={{ overflowWrap: 'anywhere' }}
            >
              {source.url}
            </Anchor>
          </Stack>
          <Badge color={health.colour} variant="light" style={{ flexShrink: 0 }}>
            {health.label}
          </Badge>
        </Group>
        <Text size="sm" c={source.health.status === 'ok' ? 'dimmed' : undefined}>
          {health.detail}
        </Text>
        {source.category && (
          <Text size="xs" c="dimmed">
            Folder: {source.category}
          </Text>
        )}
        {mayManage ? (
          <Group gap="xs" align="flex-end">
            <NumberInput
              label="Weight"
              description="1 is neutral; 2 counts double"
              size="xs"
              w={170}
              min={0.1}
              max={10}
              step={0.5}
              decimalScale={2}
              value={weight}
              onChange={setWeight}
              onBlur={commit}
              onKeyDown={(event) => {
                if (event.key === 'Enter') commit()
              }}
              error={fieldError(changeError, 'weight')}
              disabled={changing}
            />
            <Button size="xs" variant="subtle" color="red" onClick={onRemove}>
              Stop following
            </Button>
          </Group>
        ) : (
          <Text size="xs" c="dimmed">
            Weight {source.weight}
          </Text>
        )}
        <ProblemAlert error={changeError} title="Weight not changed" fields={['weight']} />
        <ProblemAlert error={removeError} title="Still followed" />
      </Stack>
    </Card>
  )
}
