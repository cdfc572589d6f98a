import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'

/**
 * Append-only: a trigger (migration 0001) rejects UPDATE and DELETE, so an entry cannot be
 * rewritten by the application either. Actors and workspaces are plain ids, not foreign
 * keys, so deleting a user or workspace never deletes its history.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    workspaceId: uuid(),
    actorUserId: uuid(),
    /** What acted when no person did, e.g. `schedule:<id>` or `system`. */
    actorLabel: text(),
    action: text().notNull(),
    targetType: text(),
    targetId: text(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    ip: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.workspaceId, t.id), index().on(t.actorUserId, t.id)],
)
