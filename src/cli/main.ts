import { Command, CommanderError, Option } from 'commander';
import { version } from '../../package.json';
import { registerCommands } from './commands/commands';
import { registerDowntimes } from './commands/downtimes';
import { registerImport } from './commands/import';
import { registerLivestatus } from './commands/livestatus';
import { registerNotifiers } from './commands/notifiers';
import { registerServer } from './commands/server';
import { registerTargets } from './commands/targets';
import { CliContext, DEFAULT_URL, DEFAULT_USER } from './context';
import { CliError, EXIT } from './errors';

/** The `vigil` program with every command. */
export function buildProgram(env: NodeJS.ProcessEnv = process.env): Command {
  const program = new Command('vigil')
    .description(
      'Admin scripts for vigil: targets, notifiers, livestatus queries, commands, downtimes',
    )
    .version(version)
    .addOption(
      new Option('--url <url>', 'vigil server (env VIGIL_URL)').default(
        env.VIGIL_URL || DEFAULT_URL,
      ),
    )
    .addOption(
      new Option('--user <name>', 'user to sign in as (env VIGIL_USER)').default(
        env.VIGIL_USER || DEFAULT_USER,
      ),
    )
    .option(
      '--password-file <file>',
      'read the password from this file (else env VIGIL_PASSWORD, else a prompt on a terminal)',
    )
    .addOption(
      new Option(
        '--ca-file <file>',
        "PEM file of the private CA that signed vigil's HTTPS certificate (env VIGIL_CA_FILE)",
      ).default(env.VIGIL_CA_FILE || undefined),
    )
    .option('--json', "print the API's JSON answer instead of a table")
    .showHelpAfterError('(add --help for usage)')
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .exitOverride();
  const ctx = new CliContext(program, env);
  registerTargets(program, ctx);
  registerNotifiers(program, ctx);
  registerLivestatus(program, ctx);
  registerCommands(program, ctx);
  registerDowntimes(program, ctx);
  registerServer(program);
  registerImport(program, ctx);
  return program;
}

/** Runs the CLI with the given arguments (without node and script) and returns the exit code. */
export async function run(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const program = buildProgram(env);
  try {
    await program.parseAsync(args, { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version end with exit code 0; every other commander error is a usage error
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof CliError) {
      process.stderr.write(`vigil: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`vigil: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.refused;
  }
}

/** Entry point of bin/vigil.js. */
export function main(args: string[] = process.argv.slice(2)): void {
  void run(args).then((code) => {
    // exitCode rather than exit(): lets stdout drain, and `vigil serve` keep running
    process.exitCode = code;
  });
}

if (require.main === module) main();
