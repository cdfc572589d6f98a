import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Group,
  SegmentedControl,
  Spoiler,
  Stack,
  Switch,
  TagsInput,
  Text,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { type FormEvent, useEffect, useState } from 'react'
import { CRISIS_LEXICON, crisisSpikeSettings } from '../../core/listen/crisis-lexicon.ts'
import { formatDateTime } from '../components/format-date.ts'
import { Loading } from '../components/Loading.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { useWorkspace } from '../components/workspace-context.tsx'
import { AlertList } from './AlertList.tsx'
import {
  type CrisisWatch,
  type SetCrisisWatch,
  useAlerts,
  useCrisisWatch,
  useMatches,
  useSetCrisisWatch,
} from './listen-queries.ts'

type Sensitivity = SetCrisisWatch['sensitivity']
const SENSITIVITY_WORDS: Record<Sensitivity, string> = {
  high: '3 deviations',
  medium: '5 deviations',
  low: '8 deviations',
}

const languageName = (code: string) =>
  new Intl.DisplayNames(undefined, { type: 'language' }).of(code) ?? code

/**
 * Crisis watch for the workspace: on a spike of crisis posts it pulls the workspace's brake
 * (and only that: it never posts, and never releases the brake). An admin turns it on.
 */
export function CrisisWatchPanel() {
  const { workspace, may } = useWorkspace()
  const watch = useCrisisWatch(workspace.id)
  const alerts = useAlerts(workspace.id)
  const crisisAlerts = (alerts.data?.pages.flatMap((page) => page.items) ?? []).filter(
    (a) => a.kind === 'crisis',
  )

  return (
    <Stack gap="lg">
      <Alert color="red" variant="light" title="Crisis watch only ever stops">
        When posts about a disaster, an attack, a death or an outage spike, crisis watch pulls this
        workspace’s brake so scheduled posts do not go out into the news. It never posts, replies or
        likes, and it never releases the brake: a person looks at what is queued and decides when to
        resume.
      </Alert>
      {watch.isPending ? (
        <Loading label="Loading crisis watch…" />
      ) : watch.isError ? (
        <ProblemAlert error={watch.error} title="Crisis watch did not load" />
      ) : (
        <CrisisWatchForm watch={watch.data} mayChange={may('workspace.update')} />
      )}
      <section aria-labelledby="crisis-history-heading">
        <Title order={2} size="h4" id="crisis-history-heading" mb="xs">
          What it did
        </Title>
        <AlertList
          alerts={crisisAlerts}
          empty="Crisis watch has not pulled the brake here. When it does, the spike’s numbers and sample posts show here, and the brake waits for a person to release it."
        />
      </section>
      {watch.data?.id && <RecentCrisisPosts watchId={watch.data.id} />}
      <Lexicon />
    </Stack>
  )
}

function CrisisWatchForm({ watch, mayChange }: { watch: CrisisWatch; mayChange: boolean }) {
  const { workspace } = useWorkspace()
  const save = useSetCrisisWatch(workspace.id)
  const [enabled, setEnabled] = useState(watch.enabled)
  const [terms, setTerms] = useState(watch.terms)
  const [sensitivity, setSensitivity] = useState<Sensitivity>(watch.sensitivity)
  useEffect(() => {
    setEnabled(watch.enabled)
    setTerms(watch.terms)
    setSensitivity(watch.sensitivity)
  }, [watch])
  const thresholds = crisisSpikeSettings(sensitivity)
  const changed =
    enabled !== watch.enabled ||
    sensitivity !== watch.sensitivity ||
    terms.join('\u0000') !== watch.terms.join('\u0000')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate(
      { enabled, terms, sensitivity },
      {
        onSuccess: (saved) =>
          notifications.show({
            title: 'Crisis watch',
            message: saved.enabled ? 'Crisis watch is on.' : 'Crisis watch is off.',
          }),
      },
    )
  }

  return (
    <Card withBorder padding="md" component="form" onSubmit={submit} noValidate>
      <Stack gap="md">
        <Group justify="space-between" gap="xs">
          <Switch
            size="md"
            label="Crisis watch for this workspace"
            checked={enabled}
            disabled={!mayChange}
            onChange={(event) => setEnabled(event.currentTarget.checked)}
          />
          <Badge
            color={watch.enabled ? 'red' : 'gray'}
            variant={watch.enabled ? 'filled' : 'light'}
          >
            {watch.enabled ? 'Watching' : 'Off'}
          </Badge>
        </Group>
        {watch.enabled && watch.enabledAt && (
          <Text size="sm" c="dimmed">
            Watching since {formatDateTime(watch.enabledAt)}
            {watch.lastAlertAt
              ? `; last pulled the brake ${formatDateTime(watch.lastAlertAt)}`
              : ''}
            .
          </Text>
        )}
        <TagsInput
          label="The workspace’s own terms"
          description={`Beside the ${watch.builtInTerms} built-in terms: your brand with “recall” or “outage”, a product, a place. Press Enter after each.`}
          placeholder={terms.length === 0 ? 'e.g. sous bakery recall' : undefined}
          value={terms}
          onChange={setTerms}
          disabled={!mayChange}
          maxTags={200}
          clearable
        />
        <Box>
          <Text size="sm" fw={500} id="crisis-sensitivity">
            Sensitivity
          </Text>
          <SegmentedControl
            mt={4}
            aria-labelledby="crisis-sensitivity"
            value={sensitivity}
            disabled={!mayChange}
            onChange={(value) => setSensitivity(value as Sensitivity)}
            data={[
              { value: 'low', label: 'Low' },
              { value: 'medium', label: 'Medium' },
              { value: 'high', label: 'High' },
            ]}
          />
          <Text size="sm" c="dimmed" mt={4}>
            It pulls the brake when a minute has at least {thresholds.minVolume} crisis posts and{' '}
            {SENSITIVITY_WORDS[sensitivity]} above the minutes before; then it stays quiet for{' '}
            {thresholds.cooldownMinutes} minutes.
          </Text>
        </Box>
        <ProblemAlert error={save.error} title="Crisis watch not saved" />
        {mayChange ? (
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={!changed}>
              Save crisis watch
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            An admin of this workspace turns crisis watch on or off.
          </Text>
        )}
      </Stack>
    </Card>
  )
}

function Lexicon() {
  return (
    <section aria-labelledby="lexicon-heading">
      <Title order={2} size="h4" id="lexicon-heading" mb={4}>
        The built-in lexicon
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {Object.keys(CRISIS_LEXICON).length} languages:{' '}
        {Object.keys(CRISIS_LEXICON).map(languageName).join(', ')}.
      </Text>
      <Spoiler maxHeight={72} showLabel="Show every term" hideLabel="Show fewer">
        <Stack gap={4}>
          {Object.entries(CRISIS_LEXICON).map(([code, words]) => (
            <Text size="sm" key={code}>
              <Text span fw={600}>
                {languageName(code)}:
              </Text>{' '}
              {words.join(', ')}
            </Text>
          ))}
        </Stack>
      </Spoiler>
    </section>
  )
}

/** The newest posts crisis watch matched: what it sees, whether or not it spiked. */
function RecentCrisisPosts({ watchId }: { watchId: string }) {
  const { workspace } = useWorkspace()
  const matches = useMatches(workspace.id, watchId)
  const items = matches.data?.pages[0]?.items.slice(0, 5) ?? []
  return (
    <section aria-labelledby="crisis-posts-heading">
      <Title order={2} size="h4" id="crisis-posts-heading" mb="xs">
        Crisis posts it saw lately
      </Title>
      <ProblemAlert error={matches.error} title="Crisis posts did not load" />
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          None yet. Posts matching the lexicon or your terms show here as they are posted.
        </Text>
      ) : (
        <Stack gap={4}>
          {items.map((match) => (
            <Text key={match.id} size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
              <Text span c="dimmed" size="xs">
                {formatDateTime(match.postedAt, { show: 'time' })}
              </Text>{' '}
              {match.text}
            </Text>
          ))}
        </Stack>
      )}
    </section>
  )
}
