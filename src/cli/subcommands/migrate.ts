import type { Command } from 'commander'

export function registerMigrateCommand(program: Command) {
  program
    .command('migrate')
    .description('Apply pending database migrations (sous start also does this)')
    .action(async () => {
      const { loadConfig } = await import('../../config.ts')
      const { openDatabase } = await import('../open-database.ts')
      const database = await openDatabase(loadConfig())
      await database.close()
      process.stdout.write('The database is up to date.\n')
    })
}
