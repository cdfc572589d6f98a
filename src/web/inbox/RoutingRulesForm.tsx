import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core'
import { type FormEvent, useState } from 'react'
import { useAccounts } from '../accounts/account-queries.ts'
import { Loading } from '../components/Loading.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { useMembers } from '../settings/member-queries.ts'
import { PeopleMultiSelect } from './IdentitySelect.tsx'
import { KIND_LABELS, SENTIMENT_LABELS } from './inbox-labels.ts'
import {
  type RuleActions,
  type RuleConditions,
  type RuleDraft,
  useRoutingRules,
  useSaveRoutingRules,
} from './routing-queries.ts'
import { TryMessage } from './TryMessage.tsx'

type Option = { value: string; label: string }
type Row = RuleDraft & { key: string }

const options = (labels: Record<string, string>): Option[] =>
  Object.entries(labels).map(([value, text]) => ({ value, label: text }))
const KINDS = options(KIND_LABELS)
const SENTIMENTS = options(SENTIMENT_LABELS)
const SOURCES = options({
  network: 'A network',
  'feedback-form': 'The feedback form',
  listening: 'Listening',
})
const FOLLOWER = options({ any: 'Anyone', yes: 'Follows us', no: 'Does not follow us' })
const PRIORITIES = options({ normal: 'Normal', high: 'High' })

let nextKey = 0
const newKey = () => `new-${++nextKey}`

/**
 * The routing rules in the order they are tried (the first that matches places a message
 * as it arrives), saved as one list, and a message to try them on. Read-only without
 * `routing.manage`.
 */
export function RoutingRulesForm({
  workspaceId,
  mayManage,
}: {
  workspaceId: string
  mayManage: boolean
}) {
  const rules = useRoutingRules(workspaceId)
  const accounts = useAccounts(workspaceId)
  const members = useMembers(workspaceId)
  if (rules.isPending) return <Loading label="Loading the rules…" />
  if (rules.isError) return <ProblemAlert error={rules.error} title="The rules did not load" />
  const accountOptions = (accounts.data?.items ?? []).map((a) => ({
    value: a.id,
    label: `@${a.handle} (${a.network})`,
  }))
  const networks = [...new Set((accounts.data?.items ?? []).map((a) => a.network))]
  const memberOptions = (members.data?.items ?? []).map((m) => ({
    value: m.userId,
    label: m.name || m.email,
  }))
  const memberName = (userId: string) =>
    memberOptions.find((m) => m.value === userId)?.label ?? 'a former member'
  return (
    <Stack gap="lg">
      <RulesEditor
        workspaceId={workspaceId}
        initial={rules.data.items}
        mayManage={mayManage}
        accounts={accountOptions}
        networks={networks.map((n) => ({ value: n, label: n }))}
        members={memberOptions}
      />
      <TryMessage workspaceId={workspaceId} accounts={accountOptions} memberName={memberName} />
    </Stack>
  )
}

function RulesEditor({
  workspaceId,
  initial,
  mayManage,
  accounts,
  networks,
  members,
}: {
  workspaceId: string
  initial: RuleDraft[]
  mayManage: boolean
  accounts: Option[]
  networks: Option[]
  members: Option[]
}) {
  const save = useSaveRoutingRules(workspaceId)
  const [rows, setRows] = useState<Row[]>(() =>
    initial.map((rule) => ({ ...rule, key: rule.id ?? newKey() })),
  )
  const change = (index: number, next: Row) => {
    save.reset()
    setRows((all) => all.map((row, i) => (i === index ? next : row)))
  }
  const move = (index: number, by: -1 | 1) => {
    save.reset()
    setRows((all) => {
      const next = [...all]
      const [row] = next.splice(index, 1)
      if (row) next.splice(index + by, 0, row)
      return next
    })
  }
  const remove = (index: number) => {
    save.reset()
    setRows((all) => all.filter((_, i) => i !== index))
  }
  const add = () => {
    save.reset()
    setRows((all) => [
      ...all,
      { key: newKey(), name: '', conditions: {}, actions: { priority: 'normal' } },
    ])
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    save.mutate(
      rows.map(({ key: _key, ...rule }) => ({ ...rule, name: rule.name.trim() })),
      {
        // The saved rules carry their new ids: later saves update instead of re-creating them.
        onSuccess: (saved) => setRows(saved.items.map((rule) => ({ ...rule, key: rule.id }))),
      },
    )
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Routing rules">
      <fieldset disabled={!mayManage} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {mayManage
              ? 'Tried in order as each message arrives; the first rule that matches places it.'
              : 'Tried in order as each message arrives. An admin changes these.'}
          </Text>
          {rows.length === 0 && (
            <Text size="sm">
              No rules yet: every message stays unassigned.
              {mayManage &&
                ' Add a rule to send complaints, questions or an account’s messages to the right person.'}
            </Text>
          )}
          {rows.map((row, index) => (
            <RuleFields
              key={row.key}
              index={index}
              count={rows.length}
              rule={row}
              onChange={(next) => change(index, { ...next, key: row.key })}
              onMove={(by) => move(index, by)}
              onRemove={() => remove(index)}
              workspaceId={workspaceId}
              accounts={accounts}
              networks={networks}
              members={members}
            />
          ))}
          <ProblemAlert error={save.error} title="Not saved" />
          {save.isSuccess && (
            <Text size="sm" c="teal.9" role="status">
              Saved.
            </Text>
          )}
          {mayManage && (
            <Group justify="space-between">
              <Button variant="default" onClick={add}>
                Add a rule
              </Button>
              <Button type="submit" loading={save.isPending}>
                Save rules
              </Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  )
}

function RuleFields({
  index,
  count,
  rule,
  onChange,
  onMove,
  onRemove,
  workspaceId,
  accounts,
  networks,
  members,
}: {
  index: number
  count: number
  rule: RuleDraft
  onChange: (rule: RuleDraft) => void
  onMove: (by: -1 | 1) => void
  onRemove: () => void
  workspaceId: string
  accounts: Option[]
  networks: Option[]
  members: Option[]
}) {
  const legend = `Rule ${index + 1}`
  const when = (change: Partial<RuleConditions>) =>
    onChange({ ...rule, conditions: { ...rule.conditions, ...change } })
  const then = (change: Partial<RuleActions>) =>
    onChange({ ...rule, actions: { ...rule.actions, ...change } })
  const follower =
    rule.conditions.follower === undefined ? 'any' : rule.conditions.follower ? 'yes' : 'no'
  const many = (
    label: string,
    data: Option[],
    value: string[] | undefined,
    set: (values: string[]) => void,
  ) => (
    <MultiSelect
      label={label}
      placeholder={value?.length ? undefined : 'Any'}
      data={data}
      value={value ?? []}
      onChange={set}
      clearable
    />
  )

  return (
    <Fieldset legend={legend} aria-label={legend}>
      <Stack gap="sm">
        <TextInput
          label="Name"
          value={rule.name}
          onChange={(event) => onChange({ ...rule, name: event.currentTarget.value })}
        />
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            aria-label={`Move ${legend} up`}
            disabled={index === 0}
            onClick={() => onMove(-1)}
          >
            Up
          </Button>
          <Button
            size="xs"
            variant="default"
            aria-label={`Move ${legend} down`}
            disabled={index === count - 1}
            onClick={() => onMove(1)}
          >
            Down
          </Button>
          <Button
            size="xs"
            variant="subtle"
            color="red"
            aria-label={`Delete ${legend}`}
            onClick={onRemove}
          >
            Delete
          </Button>
        </Group>
        <Text size="sm" fw={600}>
          When a message…
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {many('Arrives on', accounts, rule.conditions.accountIds, (v) => when({ accountIds: v }))}
          {many('Network', networks, rule.conditions.networks, (v) => when({ networks: v }))}
          {many('Kind', KINDS, rule.conditions.kinds, (v) =>
            when({ kinds: v as RuleConditions['kinds'] }),
          )}
          {many('Sentiment', SENTIMENTS, rule.conditions.sentiments, (v) =>
            when({ sentiments: v as RuleConditions['sentiments'] }),
          )}
          {many('Comes through', SOURCES, rule.conditions.sources, (v) =>
            when({ sources: v as RuleConditions['sources'] }),
          )}
          <Select
            label="From"
            data={FOLLOWER}
            value={follower}
            allowDeselect={false}
            onChange={(v) => when({ follower: v === 'any' || !v ? undefined : v === 'yes' })}
          />
        </SimpleGrid>
        <PeopleMultiSelect
          workspaceId={workspaceId}
          value={rule.conditions.personIds ?? []}
          onChange={(personIds) => when({ personIds })}
        />
        <TagsInput
          label="Says any of these words"
          placeholder={rule.conditions.words?.length ? undefined : 'Any words; Enter after each'}
          value={rule.conditions.words ?? []}
          onChange={(words) => when({ words })}
        />
        <Text size="sm" fw={600}>
          …then
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label="Assign to"
            placeholder="Nobody"
            data={members}
            value={rule.actions.assigneeId ?? null}
            onChange={(v) => then({ assigneeId: v })}
            clearable
            searchable
          />
          <Select
            label="Priority"
            data={PRIORITIES}
            value={rule.actions.priority ?? 'normal'}
            allowDeselect={false}
            onChange={(v) => then({ priority: v === 'high' ? 'high' : 'normal' })}
          />
        </SimpleGrid>
        <TagsInput
          label="Tags"
          placeholder={rule.actions.tags?.length ? undefined : 'Enter after each'}
          value={rule.actions.tags ?? []}
          onChange={(tags) => then({ tags })}
        />
        <Checkbox
          label="Mark as spam"
          checked={rule.actions.spam ?? false}
          onChange={(event) => then({ spam: event.currentTarget.checked })}
        />
      </Stack>
    </Fieldset>
  )
}
