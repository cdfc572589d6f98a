/**
 * Lists are newest first by an order number: the second a listing pass began, then the
 * place in the network's own newest-first list. Someone found by a later pass is newer
 * than everyone found before; within a pass the network's order holds. Seconds keep the
 * number below 2^53, where JavaScript numbers stay exact.
 */
const POSITION_BITS = 2 ** 20

export function listOrder(passStartedAt: Date, position: number): number {
  const seconds = Math.floor(passStartedAt.getTime() / 1000)
  const place = Math.min(Math.max(0, Math.floor(position)), POSITION_BITS - 1)
  return seconds * POSITION_BITS + (POSITION_BITS - 1 - place)
}

/** A page cursor: the last item's order and id (ties only past a million in one pass). */
export function orderCursor(order: number, profileId: string): string {
  return `${order}.${profileId}`
}

export function parseOrderCursor(cursor: string): { order: number; profileId: string } | null {
  const dot = cursor.indexOf('.')
  if (dot < 1) return null
  const order = Number(cursor.slice(0, dot))
  const profileId = cursor.slice(dot + 1)
  if (!Number.isSafeInteger(order) || !profileId) return null
  return { order, profileId }
}
