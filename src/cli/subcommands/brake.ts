import type { Command } from 'commander'
import { type ApiClient, ok } from '../api-client.ts'
import { type Connection, connectionOptions, withApi } from '../api-session.ts'
import { CliError } from '../cli-error.ts'

const NOT_INSTANCE = '; not for the instance brake'

type Scoped = Connection & { workspace?: string; account?: string }

const scopeOptions = (command: Command) =>
  command
    .option('--workspace <id-or-name>', 'only this workspace')
    .option('--account <id-or-handle>', 'only this account')

/**
 * `sous brake on|off|status`: the brake from a terminal. It talks to the running Sous over
 * its API (the embedded database belongs to that process), as a person, so the same role
 * rules and the same audit entries apply as in the web app.
 */
export function registerBrakeCommand(program: Command) {
  const brake = program
    .command('brake')
    .description('Stop every delivery of the instance, a workspace or an account — or resume')

  scopeOptions(connectionOptions(brake.command('on'), NOT_INSTANCE))
    .description('Pull the brake: nothing covered is published after this returns')
    .requiredOption('--reason <text>', 'why, for your team and the audit log')
    .addHelpText(
      'after',
      '\nExamples:\n  sous brake on --reason "Crisis: hold everything" --email me@example.com\n  SOUS_TOKEN=… sous brake on --workspace Acme --reason "Wrong prices in the queue"',
    )
    .action(async (options: Scoped & { reason: string }, command: Command) => {
      await withApi(options, command, async (api) => {
        const target = await resolveScope(api, options)
        const { data: engaged } = ok(
          await api.POST('/api/v1/brake', { body: { ...target.body, reason: options.reason } }),
        )
        const inFlight = engaged.inFlight
          ? `${engaged.inFlight} deliveries were on their way: each checks the brake once more before sending.\n`
          : ''
        process.stdout.write(
          `Brake on for ${target.label} (${engaged.id}). Nothing covered goes out until it is released;\nwhat comes due meanwhile waits in review.\n${inFlight}`,
        )
      })
    })

  scopeOptions(connectionOptions(brake.command('off'), NOT_INSTANCE))
    .description('Release the brake on the instance, a workspace or an account (admin)')
    .argument('[id]', 'the brake to release (see `sous brake status`)')
    .action(async (id: string | undefined, options: Scoped, command: Command) => {
      await withApi(options, command, async (api) => {
        let brakeId = id
        let label = id ? `brake ${id}` : ''
        if (!brakeId) {
          const target = await resolveScope(api, options)
          const { items } = ok(await api.GET('/api/v1/brake')).data
          const match = items.find(
            (b) =>
              b.scope === target.body.scope &&
              (b.workspaceId ?? undefined) === target.body.workspaceId &&
              (b.accountId ?? undefined) === target.body.accountId,
          )
          if (!match) throw new CliError(`No brake is on for ${target.label}`)
          brakeId = match.id
          label = target.label
        }
        ok(await api.DELETE('/api/v1/brake/{id}', { params: { path: { id: brakeId } } }))
        process.stdout.write(
          `Released the brake on ${label}. Posts whose time passed meanwhile wait in review: decide each (publish now, reschedule or discard).\n`,
        )
      })
    })

  connectionOptions(brake.command('status'))
    .description('List the brakes that are on')
    .action(async (options: Connection, command: Command) => {
      await withApi(options, command, async (api) => {
        const { items } = ok(await api.GET('/api/v1/brake')).data
        if (items.length === 0) {
          process.stdout.write('No brake is on: deliveries go out at their time.\n')
          return
        }
        for (const b of items) {
          const what =
            b.scope === 'instance'
              ? 'the whole instance'
              : b.scope === 'workspace'
                ? `workspace ${b.workspaceId}`
                : `account ${b.accountId}`
          process.stdout.write(
            `ON  ${what} since ${b.engagedAt} — ${b.reason}${b.engagedByLabel ? ` (${b.engagedByLabel})` : ''}  [${b.id}]\n`,
          )
        }
      })
    })
}

/** The brake's scope from --workspace / --account (ids, names or handles); neither: the instance. */
async function resolveScope(api: ApiClient, options: Scoped) {
  if (options.workspace && options.account)
    throw new CliError('Pass --workspace or --account, not both')
  if (!options.workspace && !options.account)
    return { body: { scope: 'instance' as const }, label: 'the whole instance' }
  const { items: workspaces } = ok(await api.GET('/api/v1/workspaces')).data
  if (options.workspace) {
    const wanted = options.workspace.trim().toLowerCase()
    const found = workspaces.filter(
      (w) => w.id === options.workspace || w.name.toLowerCase() === wanted,
    )
    if (found.length !== 1 || !found[0])
      throw new CliError(
        found.length
          ? `Several workspaces are named "${options.workspace}": pass an id`
          : `You have no workspace "${options.workspace}"; yours: ${workspaces.map((w) => `"${w.name}" (${w.id})`).join(', ')}`,
      )
    return {
      body: { scope: 'workspace' as const, workspaceId: found[0].id },
      label: `the workspace "${found[0].name}"`,
    }
  }
  const wanted = (options.account ?? '').trim().toLowerCase().replace(/^@/, '')
  for (const workspace of workspaces) {
    const { items } = ok(
      await api.GET('/api/v1/workspaces/{ws}/accounts', {
        params: { path: { ws: workspace.id } },
      }),
    ).data
    const account = items.find((a) => a.id === options.account || a.handle.toLowerCase() === wanted)
    if (account)
      return {
        body: {
          scope: 'account' as const,
          workspaceId: workspace.id,
          accountId: account.id,
        },
        label: `the account ${account.handle}`,
      }
  }
  throw new CliError(`No account "${options.account}" in your workspaces`)
}
