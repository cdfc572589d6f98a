import type { Command } from 'commander'
import type { ApiClient, ApiLogin } from './api-client.ts'
import { ask, readStdin } from './prompt.ts'

export type Connection = { url?: string; token?: string; email?: string; passwordStdin?: boolean }

/** The options of every command that acts through the running Sous's API, as a person. */
export function connectionOptions(command: Command, tokenNote = '') {
  return command
    .option(
      '--url <url>',
      'where Sous runs (default: SOUS_PUBLIC_URL, or http://SOUS_HOST:SOUS_PORT)',
    )
    .option('--token <token>', `a personal API token (or SOUS_TOKEN)${tokenNote}`)
    .option('--email <email>', 'log in as this person instead of using a token')
    .option('--password-stdin', 'with --email: read the password from stdin instead of asking')
}

/** Logs in (password asked, read from stdin, or a token), acts, and logs out again. */
export async function withApi(
  options: Connection,
  command: Command,
  act: (api: ApiClient) => Promise<void>,
  /** Already read (e.g. before finding out Sous runs), instead of asking again. */
  knownPassword?: string,
): Promise<void> {
  const { loadConfig } = await import('../config.ts')
  const { openApiClient } = await import('./api-client.ts')
  const config = loadConfig()
  let login: ApiLogin
  if (options.email) {
    login = {
      email: options.email,
      password: knownPassword ?? (await readPassword(options, command)),
    }
  } else {
    const token = options.token ?? config.apiToken
    if (!token) command.error('error: log in with --email, or pass --token (or set SOUS_TOKEN)')
    login = { token }
  }
  const session = await openApiClient(options.url ?? config.publicUrl, login)
  try {
    await act(session.api)
  } finally {
    await session.close()
  }
}

export async function readPassword(
  options: { passwordStdin?: boolean },
  command: Command,
): Promise<string> {
  if (options.passwordStdin) return readStdin()
  if (process.stdin.isTTY) return ask('Password: ', { hidden: true })
  return command.error('error: no terminal to ask in: pass --password-stdin')
}
