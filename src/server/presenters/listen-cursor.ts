import { InvalidInputError } from '../../core/errors.ts'

/** A keyset cursor over (time, id): `<ISO time>_<uuid>`. */
export function listenCursorOf(at: string, id: string): string {
  return `${at}_${id}`
}

export function readListenCursor(before: string | undefined): { at: Date; id: string } | undefined {
  if (!before) return undefined
  const [at, id] = before.split('_')
  const time = new Date(at ?? '')
  if (!id || Number.isNaN(time.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new InvalidInputError('That page cursor is not one this list gave out', {
      before: 'not a cursor from `next`',
    })
  }
  return { at: time, id }
}
