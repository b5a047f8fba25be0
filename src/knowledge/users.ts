/** Which accounts a RUN creates (useradd, adduser), so rules can name a real user. */
import type { SimpleCommand } from '../shell/ast.js';
import type { Stage } from '../model/dockerfile.js';

/** Flags of useradd and of Debian/BusyBox adduser that take a value (the next word). */
const FLAGS_WITH_VALUE = new Set([
  '-u', '-g', '-G', '-d', '-s', '-c', '-k', '-K', '-p', '-e', '-f', '-b', '-Z', '-R', '-P', '-h',
  '--uid', '--gid', '--groups', '--home-dir', '--home', '--shell', '--comment', '--skel', '--key',
  '--password', '--expiredate', '--inactive', '--base-dir', '--root', '--prefix', '--selinux-user',
  '--ingroup', '--gecos', '--firstuid', '--lastuid', '--add_extra_groups', '--conf',
]);

/** The login a `useradd`/`adduser` command creates, or undefined. */
export function userCreatedBy(command: SimpleCommand): string | undefined {
  const name = command.name?.value.split('/').pop();
  if (name !== 'useradd' && name !== 'adduser') return undefined;
  const operands: string[] = [];
  const args = command.args;
  for (let index = 0; index < args.length; index++) {
    const value = args[index].value;
    if (FLAGS_WITH_VALUE.has(value)) {
      index++;
      continue;
    }
    if (value.startsWith('-')) continue;
    if (args[index].dynamic) return undefined;
    operands.push(value);
  }
  // `adduser USER GROUP` adds an existing user to a group: the first operand is the user either way.
  const user = operands[0];
  return user && /^[a-z_][a-z0-9_.-]*\$?$/i.test(user) ? user : undefined;
}

/** Users created by RUN instructions of the stage and of the stages it builds on, oldest first. */
export function usersCreatedIn(stage: Stage): string[] {
  const chain: Stage[] = [];
  for (let current: Stage | undefined = stage; current; current = current.parent) chain.unshift(current);
  const users: string[] = [];
  for (const member of chain) {
    for (const instruction of member.instructions) {
      if (instruction.inOnbuild) continue;
      for (const command of instruction.run?.commands ?? []) {
        const user = userCreatedBy(command);
        if (user && !users.includes(user)) users.push(user);
      }
    }
  }
  return users;
}
