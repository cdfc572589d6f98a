/**
 * One colour per account, the same on every page: by the account's place in the workspace's
 * list (which the server orders), from Mantine's palette, skipping red (the brake's colour).
 */
const PALETTE = [
  'blue',
  'teal',
  'grape',
  'orange',
  'cyan',
  'pink',
  'lime',
  'indigo',
  'violet',
  'yellow',
]

export function accountColour(accountId: string, accounts: readonly { id: string }[]): string {
  const index = accounts.findIndex((a) => a.id === accountId)
  return PALETTE[Math.max(index, 0) % PALETTE.length] as string
}
