import { useShortcuts } from '../components/shortcuts.tsx'
import type { CalendarView } from './calendar-dates.ts'

/** The calendar's keys; each has a button on the page too. */
export function useCalendarShortcuts(actions: {
  show: (view: CalendarView) => void
  shift: (by: number) => void
  today: () => void
}) {
  useShortcuts('Calendar', [
    { keys: 'w', description: 'Show the week', run: () => actions.show('week') },
    { keys: 'm', description: 'Show the month', run: () => actions.show('month') },
    { keys: 'n', description: 'Next week or month', run: () => actions.shift(1) },
    { keys: 'p', description: 'Previous week or month', run: () => actions.shift(-1) },
    { keys: 't', description: 'Back to today', run: actions.today },
  ])
}
