import type { Command } from 'commander'
import { ask, readStdin } from '../prompt.ts'

type TokenOptions = { email: string; workspace: string; name: string; passwordStdin?: boolean }

export function registerTokenCommand(program: Command) {
  const token = program.command('token').description('Personal API tokens')
  token
    .command('create')
    .description('Create a personal API token for one workspace; it is printed once, on stdout')
    .requiredOption('--email <email>', 'your email')
    .requiredOption('--workspace <id-or-name>', 'the workspace the token works in')
    .requiredOption('--name <name>', 'what the token is for, e.g. "backup script"')
    .option('--password-stdin', 'read your password from stdin instead of asking')
    .addHelpText(
      'after',
      '\nExample:\n  printf %s "$PASSWORD" | sous token create --email me@example.com --workspace Acme --name cron --password-stdin',
    )
    .action(async (options: TokenOptions, command: Command) => {
      const { loadConfig } = await import('../../config.ts')
      const config = loadConfig()
      let password: string
      if (options.passwordStdin) password = await readStdin()
      else if (process.stdin.isTTY) password = await ask('Password: ', { hidden: true })
      else command.error('error: no terminal to ask in: pass --password-stdin')
      const { createApiToken } = await import('../../commands/create-api-token.ts')
      const { authenticatePerson } = await import('../authenticate-person.ts')
      const { findWorkspace } = await import('../find-workspace.ts')
      const { openDatabase } = await import('../open-database.ts')
      const database = await openDatabase(config)
      try {
        const user = await authenticatePerson(database.db, options.email, password)
        const workspace = await findWorkspace(database.db, user.id, options.workspace)
        const created = await createApiToken(database.db, {
          userId: user.id,
          workspaceId: workspace.id,
          name: options.name,
        })
        process.stderr.write(
          `Created the token "${created.apiToken.name}" for the workspace "${workspace.name}". It is shown only once:\n`,
        )
        process.stdout.write(`${created.token}\n`)
      } finally {
        await database.close()
      }
    })
}
