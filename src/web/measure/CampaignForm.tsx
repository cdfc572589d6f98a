import { Button, ColorInput, Group, Stack, Textarea, TextInput } from '@mantine/core'
import { type FormEvent, useState } from 'react'
import { addDays, dayKey, startOfDay } from '../calendar/calendar-dates.ts'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import type { Campaign, CampaignFields } from './measure-queries.ts'

const SWATCHES = ['#c46210', '#1971c2', '#2f9e44', '#9c36b5', '#e8590c', '#0c8599', '#c2255c']

/** A `YYYY-MM-DD` day on the reader's clock as the instant it starts, or null. */
function dayStart(value: string): Date | null {
  const match = value.match(/^(\d{4})-(\d{2})-(\d{2})$/)
  if (!match) return null
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
}

/**
 * A campaign's name, goal, first and last day, colour on the calendar and UTM tag. The last
 * day is whole: the campaign ends at the midnight after it.
 */
export function CampaignForm({
  campaign,
  pending,
  error,
  onSave,
  onCancel,
}: {
  campaign?: Campaign
  pending: boolean
  error: unknown
  onSave: (fields: CampaignFields) => void
  onCancel: () => void
}) {
  const today = startOfDay(new Date())
  const [name, setName] = useState(campaign?.name ?? '')
  const [goal, setGoal] = useState(campaign?.goal ?? '')
  const [starts, setStarts] = useState(dayKey(campaign ? new Date(campaign.startsAt) : today))
  const [ends, setEnds] = useState(
    dayKey(addDays(campaign ? new Date(campaign.endsAt) : addDays(today, 30), -1)),
  )
  const [colour, setColour] = useState<string>(campaign?.colour ?? '#c46210')
  const [utm, setUtm] = useState(campaign?.utmCampaign ?? '')
  const [invalid, setInvalid] = useState<string | null>(null)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const startsAt = dayStart(starts)
    const lastDay = dayStart(ends)
    if (!startsAt || !lastDay) return setInvalid('Give both days.')
    if (lastDay < startsAt) return setInvalid('The last day comes before the first.')
    setInvalid(null)
    onSave({
      name: name.trim(),
      goal: goal.trim(),
      startsAt: startsAt.toISOString(),
      endsAt: addDays(lastDay, 1).toISOString(),
      colour,
      ...(utm.trim() ? { utmCampaign: utm.trim() } : {}),
    })
  }

  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <TextInput
          label="Name"
          required
          maxLength={120}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          data-autofocus
        />
        <Textarea
          label="Goal"
          description="In words: what the campaign is for, so its results can be judged against it."
          autosize
          minRows={2}
          maxLength={2000}
          value={goal}
          onChange={(e) => setGoal(e.currentTarget.value)}
        />
        <Group grow gap="sm">
          <TextInput
            type="date"
            label="First day"
            required
            value={starts}
            onChange={(e) => setStarts(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label="Last day"
            required
            value={ends}
            onChange={(e) => setEnds(e.currentTarget.value)}
            error={invalid}
          />
        </Group>
        <ColorInput
          label="Colour on the calendar"
          format="hex"
          swatches={SWATCHES}
          value={colour}
          onChange={setColour}
        />
        <TextInput
          label="UTM campaign tag"
          description="Added to its short links. Made from the name when left empty."
          placeholder="spring-bake-off"
          maxLength={60}
          value={utm}
          onChange={(e) => setUtm(e.currentTarget.value)}
        />
        <ProblemAlert error={error} title="The campaign was not saved" />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            {campaign ? 'Save' : 'Create campaign'}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
