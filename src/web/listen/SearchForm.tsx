import {
  Alert,
  Box,
  Button,
  Code,
  Collapse,
  Group,
  NumberInput,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  UnstyledButton,
} from '@mantine/core'
import { type FormEvent, useDeferredValue, useId, useState } from 'react'
import { fieldError, ProblemAlert } from '../components/ProblemAlert.tsx'
import { checkQuery, splitAtPosition } from './check-query.ts'
import type { NewSearch, SavedSearch, SpikeSettings } from './listen-queries.ts'
import { QueryHelp } from './QueryHelp.tsx'

const DEFAULT_ALERT: SpikeSettings = { sensitivity: 'medium', minVolume: 20, cooldownMinutes: 60 }

/**
 * Writing a saved search: its query is checked with every keystroke by the same parser the
 * server uses, and a problem is shown under the field with a marker at its position.
 */
export function SearchForm({
  search,
  draft,
  sources,
  pending,
  error,
  onCancel,
  onSubmit,
}: {
  /** The search being changed, or null for a new one (which may start from a draft). */
  search: SavedSearch | null
  draft?: { name: string; query: string }
  sources: string
  pending: boolean
  error: unknown
  onCancel: () => void
  onSubmit: (body: NewSearch) => void
}) {
  const [name, setName] = useState(search?.name ?? draft?.name ?? '')
  const [query, setQuery] = useState(search?.query ?? draft?.query ?? '')
  const [alertOn, setAlertOn] = useState(search ? search.alert !== null : false)
  const [alert, setAlert] = useState<SpikeSettings>(search?.alert ?? DEFAULT_ALERT)
  const [inbox, setInbox] = useState(search?.inbox ?? true)
  const [feeds, setFeeds] = useState(search?.feeds ?? false)
  const [helpOpen, setHelpOpen] = useState(!search)
  const helpId = useId()
  const check = checkQuery(useDeferredValue(query))
  const serverQueryError = fieldError(error, 'query')

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!check?.ok || name.trim() === '') return
    onSubmit({ name: name.trim(), query, alert: alertOn ? alert : null, inbox, feeds })
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label="Name"
          description="How the search shows in lists and alerts"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={fieldError(error, 'name')}
          maxLength={200}
          required
          data-autofocus
        />
        <Textarea
          label="Query"
          description={`Listens to ${sources}.`}
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          autosize
          minRows={2}
          maxRows={8}
          required
          spellCheck={false}
          // Mantine's error red (red 6) is 3.3:1 on white; the query stays readable, its problem in red 9.
          styles={{
            input: {
              fontFamily: 'var(--mantine-font-family-monospace)',
              color: 'var(--mantine-color-text)',
            },
            error: { color: 'var(--mantine-color-red-9)' },
          }}
          error={
            check && !check.ok ? (
              <QueryProblem query={query} position={check.position} expected={check.expected} />
            ) : (
              serverQueryError
            )
          }
        />
        {check?.ok && check.broad && (
          <Alert color="yellow" variant="light" title="This search is broad">
            It can match posts without any of its words (only NOT, lang: or from:), so it sees a
            large share of all posts: at most 60 of its matches a minute are kept, and none go to
            the inbox.
          </Alert>
        )}
        <Box>
          <UnstyledButton
            onClick={() => setHelpOpen((open) => !open)}
            aria-expanded={helpOpen}
            aria-controls={helpId}
          >
            <Text size="sm" c="sous.8" fw={500}>
              {helpOpen ? 'Hide the query syntax' : 'Show the query syntax'}
            </Text>
          </UnstyledButton>
          <Collapse expanded={helpOpen} id={helpId}>
            <Box mt="xs">
              <QueryHelp />
            </Box>
          </Collapse>
        </Box>
        <Switch
          label="Send its matches to the inbox"
          description="Each match becomes an inbox item, sorted by the routing rules"
          checked={inbox}
          onChange={(event) => setInbox(event.currentTarget.checked)}
        />
        <Switch
          label="Also match the workspace’s feeds"
          description="New items of the sources you follow on the Suggestions page, as they are polled"
          checked={feeds}
          onChange={(event) => setFeeds(event.currentTarget.checked)}
        />
        <Switch
          label="Alert when it spikes"
          description="When a minute’s matches rise far above the last 30 minutes"
          checked={alertOn}
          onChange={(event) => setAlertOn(event.currentTarget.checked)}
        />
        {alertOn && <AlertSettings value={alert} onChange={setAlert} />}
        <ProblemAlert error={error} title="Not saved" fields={['name', 'query']} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={pending} disabled={!check?.ok || name.trim() === ''}>
            {search ? 'Save changes' : 'Save search'}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** The problem under the query field: the query with a marker at the position, and what fits there. */
function QueryProblem({
  query,
  position,
  expected,
}: {
  query: string
  position: number
  expected: string
}) {
  const { before, at, after } = splitAtPosition(query, position)
  return (
    <Stack gap={4} component="span" mt={4}>
      <Code
        block
        component="span"
        c="var(--mantine-color-text)"
        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
      >
        {before}
        <Box
          component="mark"
          px={1}
          style={{
            background: 'var(--mantine-color-red-2)',
            color: 'var(--mantine-color-red-9)',
            borderBottom: '2px solid var(--mantine-color-red-8)',
          }}
        >
          {at}
        </Box>
        {after}
      </Code>
      <span>
        Position {position}: expected {expected}
      </span>
    </Stack>
  )
}

export function AlertSettings({
  value,
  onChange,
}: {
  value: SpikeSettings
  onChange: (value: SpikeSettings) => void
}) {
  return (
    <Stack gap="sm" pl="md" style={{ borderLeft: '2px solid var(--mantine-color-gray-3)' }}>
      <Box>
        <Text size="sm" fw={500} id="alert-sensitivity">
          Sensitivity
        </Text>
        <Text size="xs" c="dimmed" mb={4}>
          How far above its baseline a minute must be: high 3, medium 5, low 8 deviations
        </Text>
        <SegmentedControl
          aria-labelledby="alert-sensitivity"
          value={value.sensitivity}
          onChange={(sensitivity) =>
            onChange({ ...value, sensitivity: sensitivity as SpikeSettings['sensitivity'] })
          }
          data={[
            { value: 'low', label: 'Low' },
            { value: 'medium', label: 'Medium' },
            { value: 'high', label: 'High' },
          ]}
        />
      </Box>
      <Group grow align="flex-start">
        <NumberInput
          label="At least, a minute"
          description="Matches before it counts"
          min={1}
          max={1_000_000}
          value={value.minVolume}
          onChange={(n) => onChange({ ...value, minVolume: typeof n === 'number' ? n : 1 })}
        />
        <NumberInput
          label="Then quiet for"
          description="Minutes"
          min={1}
          max={10_080}
          value={value.cooldownMinutes}
          onChange={(n) => onChange({ ...value, cooldownMinutes: typeof n === 'number' ? n : 1 })}
        />
      </Group>
    </Stack>
  )
}
