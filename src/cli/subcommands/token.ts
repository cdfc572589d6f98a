import type { Command } from 'commander'
import { type ApiClient, ok } from '../api-client.ts'
import { type Connection, connectionOptions, readPassword, withApi } from '../api-session.ts'
import { CliError } from '../cli-error.ts'

type CreateOptions = Connection & { email: string; workspace: string; name: string }
export function registerTokenCommand(program: Command) {
  const token = program.command('token').description('Personal API tokens')

  token
    .command('create')
    .description('Create a personal API token for one workspace; it is printed once, on stdout')
    .requiredOption('--email <email>', 'your email')
    .option('--password-stdin', 'read your password from stdin instead of asking')
    .option('--url <url>', 'where Sous runs, when it runs (default: SOUS_PUBLIC_URL)')
    .requiredOption('--workspace <id-or-name>', 'the workspace the token works in')
    .requiredOption('--name <name>', 'what the token is for, e.g. "backup script"')
    .addHelpText(
      'after',
      '\nWhile Sous runs on its embedded database, the token is made through its API (--url).\nExample:\n  printf %s "$PASSWORD" | sous token create --email me@example.com --workspace Acme --name cron --password-stdin',
    )
    .action(async (options: CreateOptions, command: Command) => {
      const password = await readPassword(options, command)
      const { loadConfig } = await import('../../config.ts')
      const { whileSousRuns } = await import('../while-sous-runs.ts')
      const created = await whileSousRuns(loadConfig(), {
        offline: (db) => createOffline(db, options, password),
        online: () => createOnline(options, password, command),
      })
      process.stderr.write(
        `Created the token "${created.name}" for the workspace "${created.workspaceName}". It is shown only once:\n`,
      )
      process.stdout.write(`${created.token}\n`)
    })

  connectionOptions(token.command('list'))
    .description('Your API tokens (never their secrets), through the running Sous')
    .action(async (options: Connection, command: Command) => {
      await withApi(options, command, async (api) => {
        const { items } = ok(await api.GET('/api/v1/tokens')).data
        if (items.length === 0) process.stdout.write('You have no API tokens.\n')
        for (const t of items) {
          const state = t.revokedAt ? `revoked ${t.revokedAt}` : 'active'
          const used = t.lastUsedAt ? `last used ${t.lastUsedAt}` : 'never used'
          process.stdout.write(
            `${t.id}  ${t.prefix}…  "${t.name}"  workspace ${t.workspaceId}  ${state}, ${used}\n`,
          )
        }
      })
    })

  connectionOptions(token.command('revoke'))
    .description('Revoke one of your API tokens; it stops working at once')
    .argument('<id>', 'the token to revoke (see `sous token list`)')
    .action(async (id: string, options: Connection, command: Command) => {
      await withApi(options, command, async (api) => {
        ok(await api.DELETE('/api/v1/tokens/{id}', { params: { path: { id } } }))
        process.stdout.write(`Revoked the token ${id}.\n`)
      })
    })
}

type Created = { token: string; name: string; workspaceName: string }

async function createOffline(
  db: import('../../store/connect.ts').Db,
  options: CreateOptions,
  password: string,
): Promise<Created> {
  const { createApiToken } = await import('../../commands/create-api-token.ts')
  const { authenticatePerson } = await import('../authenticate-person.ts')
  const { findWorkspace } = await import('../find-workspace.ts')
  const user = await authenticatePerson(db, options.email, password)
  const workspace = await findWorkspace(db, user.id, options.workspace)
  const created = await createApiToken(db, {
    userId: user.id,
    workspaceId: workspace.id,
    name: options.name,
  })
  return { token: created.token, name: created.apiToken.name, workspaceName: workspace.name }
}

async function createOnline(
  options: CreateOptions,
  password: string,
  command: Command,
): Promise<Created> {
  let created: Created | undefined
  await withApi(
    { ...options, passwordStdin: false, token: undefined },
    command,
    async (api) => {
      const workspace = await pickWorkspace(api, options.workspace)
      const { data: made } = ok(
        await api.POST('/api/v1/tokens', {
          body: { name: options.name, workspaceId: workspace.id },
        }),
      )
      created = { token: made.token, name: made.name, workspaceName: workspace.name }
    },
    password,
  )
  if (!created) throw new CliError('Sous answered without a token')
  return created
}

async function pickWorkspace(api: ApiClient, idOrName: string) {
  const { items } = ok(await api.GET('/api/v1/workspaces')).data
  const wanted = idOrName.trim().toLowerCase()
  const found = items.filter((w) => w.id === idOrName || w.name.toLowerCase() === wanted)
  if (found.length !== 1 || !found[0])
    throw new CliError(
      found.length
        ? `Several workspaces are named "${idOrName}": pass an id`
        : `You have no workspace "${idOrName}"`,
    )
  return found[0]
}
