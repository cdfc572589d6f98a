import { Command } from 'commander'
import { registerBrakeCommand } from './subcommands/brake.ts'
import { registerDoctorCommand } from './subcommands/doctor.ts'
import { registerMigrateCommand } from './subcommands/migrate.ts'
import { registerSetupCommand } from './subcommands/setup.ts'
import { registerStartCommand } from './subcommands/start.ts'
import { registerTokenCommand } from './subcommands/token.ts'

// The CLI entry, and the only place that calls process.exit: 0 ok, 1 failure, 2 usage error.
const program = new Command('sous')
  .description('Sous, a self-hosted social media workbench')
  .version('0.1.0')
  .exitOverride()
  .showHelpAfterError('(add --help for usage)')
registerStartCommand(program)
registerMigrateCommand(program)
registerSetupCommand(program)
registerTokenCommand(program)
registerDoctorCommand(program)
registerBrakeCommand(program)

try {
  await program.parseAsync(process.argv)
} catch (error) {
  const { reportError } = await import('./report-error.ts')
  process.exitCode = reportError(error, (text) => process.stderr.write(text))
}
process.exit()
