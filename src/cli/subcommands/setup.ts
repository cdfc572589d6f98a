import type { Command } from 'commander'
import { ask, readStdin } from '../prompt.ts'

type SetupOptions = { email?: string; workspace?: string; name?: string; passwordStdin?: boolean }

export function registerSetupCommand(program: Command) {
  program
    .command('setup')
    .description(
      'Create the owner and the first workspace (asks in the terminal, or see --password-stdin)',
    )
    .option('--email <email>', "the owner's email, used to log in")
    .option('--workspace <name>', 'the name of the first workspace')
    .option('--name <name>', "the owner's display name")
    .option('--password-stdin', 'read the password from stdin instead of asking')
    .addHelpText(
      'after',
      '\nExample:\n  printf %s "$PASSWORD" | sous setup --email me@example.com --workspace Acme --password-stdin',
    )
    .action(async (options: SetupOptions, command: Command) => {
      const { loadConfig } = await import('../../config.ts')
      const config = loadConfig()
      const input = await gatherInput(options, command)
      const { whileSousRuns } = await import('../while-sous-runs.ts')
      const done = await whileSousRuns(config, {
        offline: async (db) => {
          const { setupInstance } = await import('../../commands/setup-instance.ts')
          const { step } = await import('../progress.ts')
          const { user, workspace } = await step('Creating the owner and the workspace', () =>
            setupInstance(db, input),
          )
          return { email: user.email, workspace, running: false }
        },
        online: async () => {
          const { postSetup } = await import('../post-setup.ts')
          return { ...(await postSetup(config.publicUrl, input)), running: true }
        },
      })
      process.stdout.write(
        `Sous is set up: ${done.email} owns the workspace "${done.workspace.name}" (${done.workspace.id}).\n` +
          (done.running
            ? `Log in at ${config.publicUrl}\n`
            : `Start it with \`sous start\` and log in at ${config.publicUrl}\n`),
      )
    })
}

async function gatherInput(options: SetupOptions, command: Command) {
  if (options.passwordStdin) {
    if (!options.email || !options.workspace)
      command.error('error: --password-stdin needs --email and --workspace too')
    return {
      email: options.email ?? '',
      workspaceName: options.workspace ?? '',
      name: options.name,
      password: await readStdin(),
    }
  }
  if (!process.stdin.isTTY)
    command.error('error: no terminal to ask in: pass --email, --workspace and --password-stdin')
  const email = options.email ?? (await ask('Email of the owner: '))
  const workspaceName = options.workspace ?? (await ask('Name of the first workspace: '))
  const password = await ask('Password (10 characters or more): ', { hidden: true })
  if ((await ask('Password again: ', { hidden: true })) !== password)
    command.error('error: the two passwords differ')
  return { email, workspaceName, name: options.name, password }
}
