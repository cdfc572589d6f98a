/** Where an inbox item stands: open, waiting (on them), done, or snoozed until a time. */
export const INBOX_STATUSES = ['open', 'waiting', 'done', 'snoozed'] as const
export type InboxStatus = (typeof INBOX_STATUSES)[number]
