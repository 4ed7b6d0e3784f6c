import type { Command } from 'commander';
import { intOption } from '../context';
import { CliError, EXIT, usageError } from '../errors';
import { print } from '../output';
import { promptSecret, readSecretFile, readStdin } from '../password';

async function readNewPassword(file?: string): Promise<string> {
  if (file !== undefined) return readSecretFile(file);
  if (!process.stdin.isTTY) return readStdin();
  const first = await promptSecret('new password: ');
  const second = await promptSecret('again: ');
  if (first !== second) throw new CliError(EXIT.usage, 'the two passwords differ');
  return first;
}

export function registerServer(program: Command): void {
  program
    .command('serve')
    .description(
      'start the vigil server (same as npm start; configured by the VIGIL_* environment)',
    )
    .action(async () => {
      // the server's own entry point: it reads and checks its configuration and listens
      await import('../../main');
    });

  program
    .command('hash-password')
    .description(
      'read a password (prompt, or stdin when piped) and print its bcrypt hash for VIGIL_USERS',
    )
    .option('--file <file>', 'read the password from this file instead')
    .option('--rounds <n>', 'bcrypt cost (default 12)', intOption('--rounds', 4, 31), 12)
    .option('--name <user>', 'print a whole users-file line: <user>:<hash>:<role>')
    .option('--role <role>', 'role for --name: viewer, operator or admin', 'viewer')
    .addHelpText(
      'after',
      '\nExamples:\n  vigil hash-password --name ann --role admin >> /etc/vigil/users\n  printf %s "$PW" | vigil hash-password',
    )
    .action(async (o: { file?: string; rounds: number; name?: string; role: string }) => {
      if (!['viewer', 'operator', 'admin'].includes(o.role)) {
        throw usageError(`--role: viewer, operator or admin, not ${o.role}`);
      }
      const password = await readNewPassword(o.file);
      if (!password) throw usageError('the password is empty');
      const { hashSync } = await import('bcrypt');
      const hash = hashSync(password, o.rounds);
      print(o.name ? `${o.name}:${hash}:${o.role}` : hash);
    });
}
