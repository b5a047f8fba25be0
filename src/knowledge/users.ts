/** Which accounts a RUN creates (useradd, adduser), with the home and uid they get. */
import type { SimpleCommand } from '../shell/ast.js';
import type { Stage } from '../model/dockerfile.js';
import { stageChain } from './images.js';

/** Flags of useradd and of Debian/BusyBox adduser that take a value. */
const FLAGS_WITH_VALUE = new Set([
  '-u', '-g', '-G', '-d', '-s', '-c', '-k', '-K', '-p', '-e', '-f', '-b', '-Z', '-R', '-P', '-h',
  '--uid', '--gid', '--groups', '--home-dir', '--home', '--shell', '--comment', '--skel', '--key',
  '--password', '--expiredate', '--inactive', '--base-dir', '--root', '--prefix', '--selinux-user',
  '--ingroup', '--gecos', '--firstuid', '--lastuid', '--add_extra_groups', '--conf',
]);

export interface CreatedUser {
  readonly name: string;
  readonly uid: string | undefined;
  /** undefined when the home is given through a variable. */
  readonly home: string | undefined;
}

/** The account a `useradd`/`adduser` command creates, or undefined. */
export function createdUser(command: SimpleCommand): CreatedUser | undefined {
  const program = command.name?.value.split('/').pop();
  if (program !== 'useradd' && program !== 'adduser') return undefined;
  let home: string | undefined;
  let uid: string | undefined;
  let debianSystem = false;
  const operands: string[] = [];
  const args = command.args;
  for (let index = 0; index < args.length; index++) {
    const value = args[index].value;
    const eq = value.indexOf('=');
    const name = value.startsWith('--') && eq > 0 ? value.slice(0, eq) : value;
    const inline = value.startsWith('--') && eq > 0 ? value.slice(eq + 1) : undefined;
    if (FLAGS_WITH_VALUE.has(name)) {
      const flagArg = inline ?? args[index + 1]?.value;
      if (inline === undefined) index++;
      if (name === '-d' || name === '--home-dir' || name === '--home' || (name === '-h' && program === 'adduser')) home = flagArg;
      if ((name === '-u' || name === '--uid') && flagArg !== undefined && /^\d+$/.test(flagArg)) uid = flagArg;
      continue;
    }
    if (value === '--system' && program === 'adduser') debianSystem = true;
    if (value.startsWith('-')) continue;
    if (args[index].dynamic) return undefined;
    operands.push(value);
  }
  // `adduser USER GROUP` adds an existing user to a group: the first operand is the user either way.
  const user = operands[0];
  if (!user || !/^[a-z_][a-z0-9_.-]*\$?$/i.test(user)) return undefined;
  if (home?.includes('$')) return { name: user, uid, home: undefined };
  // Debian's `adduser --system` gives system accounts /nonexistent; useradd and BusyBox use /home/<name>.
  return { name: user, uid, home: home ?? (debianSystem ? '/nonexistent' : `/home/${user}`) };
}

/**
 * Accounts created by RUN instructions of the stage and of the stages it
 * builds on, oldest first, up to (not including) the instruction at index `before`.
 */
export function usersCreatedIn(stage: Stage, before = Number.POSITIVE_INFINITY): CreatedUser[] {
  return createdInChain(stage).filter((entry) => entry.index < before).map((entry) => entry.user);
}

// Rules ask this for every RUN: reading the chain once per stage keeps a long Dockerfile linear.
const chainUsers = new WeakMap<Stage, readonly { index: number; user: CreatedUser }[]>();

function createdInChain(stage: Stage): readonly { index: number; user: CreatedUser }[] {
  let found = chainUsers.get(stage);
  if (!found) {
    const users: { index: number; user: CreatedUser }[] = [];
    for (const member of stageChain(stage)) {
      for (const instruction of member.instructions) {
        if (instruction.inOnbuild) continue;
        for (const command of instruction.run?.commands ?? []) {
          const user = createdUser(command);
          if (user) users.push({ index: instruction.index, user });
        }
      }
    }
    found = users;
    chainUsers.set(stage, found);
  }
  return found;
}
