import type { DockerfileRule, Fix, Report, TextEdit } from '../src/types.js';
import type { DockerfileModel, Instruction } from '../src/model/dockerfile.js';
import type { RunInfo } from '../src/model/run.js';
import { instructionsWithTriggers, insertAt, report } from '../src/rule-kit.js';
import { packageCommands, toolOfProgram } from '../src/knowledge/package-managers.js';
import { baseImage, distroOf } from '../src/knowledge/images.js';
import type { PackageCommand } from '../src/knowledge/package-managers.js';
import {
  cacheClearing, cacheContextAt, chainUnknown, emptiesMount, cacheDisablers, cacheFamilies, covers, dirCovered, dockerCleanRemoved, effectiveState,
  dockerCleanEdit, hasIndexRefresh, mountTarget, onlyRefreshesMetadata, removeAssignmentEdit, removeCommandEdit, removeWordEdit,
} from '../src/knowledge/caches.js';
import type { CacheContext, CacheDir, CacheFamily } from '../src/knowledge/caches.js';

const OS_FAMILIES = new Set(['apt', 'apk', 'dnf', 'yum', 'microdnf', 'zypper']);

const rule: DockerfileRule = {
  meta: {
    id: 'cache-mount',
    description: 'A RUN that downloads packages should keep the package manager\'s cache in a BuildKit cache mount.',
    category: 'performance',
    severity: 'info',
    fileKind: 'dockerfile',
    fixable: 'safe',
    aliases: [],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const instruction of instructionsWithTriggers(file)) {
      const run = instruction.run;
      if (instruction.keyword !== 'RUN' || !run || !instruction.stage || instruction.stage.windows) continue;
      if (distroOf(baseImage(instruction.stage)) === 'windows') continue;
      if (run.shellKind !== 'posix' || run.network === 'none') continue;
      const context = cacheContextAt(file, instruction);
      if (!context) continue;
      const state = effectiveState(instruction);
      const targets: string[] = [];
      let unknownTarget = false;
      for (const mount of run.mounts) {
        if (mount.type !== 'cache') continue;
        const target = mountTarget(file, mount, state);
        if (target === undefined) unknownTarget = true;
        else targets.push(target);
      }
      if (unknownTarget) continue;

      const groups = new Map<string, { family: CacheFamily; commands: PackageCommand[] }>();
      for (const command of packageCommands(run.commands)) {
        if (!command.downloads || nothingToInstall(command)) continue;
        for (const family of cacheFamilies(command, context)) {
          const group = groups.get(family.id) ?? { family, commands: [] };
          group.commands.push(command);
          groups.set(family.id, group);
        }
      }
      for (const { family, commands } of groups.values()) {
        if (commands.every(onlyRefreshesMetadata)) continue;
        if (dirCovered(family.dirs[0], targets)) continue;
        // A cache turned off image-wide by ENV is a deliberate choice the fix cannot undo here.
        const disablers = commands.flatMap((command) => cacheDisablers(command, context.env).map((disabler) => ({ command, disabler })));
        if (disablers.some(({ disabler }) => disabler.word === undefined && !disabler.inline)) continue;
        const missing = family.dirs.filter((entry) => !dirCovered(entry, targets));
        const main = commands.find((command) => !onlyRefreshesMetadata(command)) ?? commands[0];
        const label = commandLabel(main);
        const os = OS_FAMILIES.has(family.id);
        const owner = os ? undefined : { uid: context.uid, gid: context.gid };
        // A non-root user whose uid is unknown cannot be given a writable mount.
        const ownerKnown = os || context.uid !== undefined;
        const mountText = missing.map((entry) => mountFlag(entry, family, owner)).join(' ');
        const apt = family.id === 'apt';
        const cleanNeeded = apt && !dockerCleanRemoved(file, instruction) && !chainUnknown(instruction.stage);
        let message = `${label} downloads packages again on every build: no cache mount covers the ${family.name} cache (${family.dirs[0].path}). `
          + `Add ${mountFlag(family.dirs[0], family, owner)}${ownerKnown ? '' : ',uid=<uid of the user>'} to the RUN so rebuilds reuse the downloads without putting them in the image.`;
        const dropped = [...new Set(disablers.map(({ disabler }) => disabler.what))];
        if (dropped.length > 0) {
          message += ` ${dropped.join(' and ')} would then defeat the mount, so drop ${dropped.length > 1 ? 'them' : 'it'}: the cache stays out of the image either way.`;
        }
        if (cleanNeeded) message += ' On Debian and Ubuntu also remove /etc/apt/apt.conf.d/docker-clean, which empties the apt cache after every install.';
        const fix = ownerKnown && buildFix(file, instruction, run, family, commands, context, mountText, missing, cleanNeeded, disablers.map(({ command, disabler }) => ({ command, disabler })));
        reports.push(report({ start: main.command.start, end: main.command.end }, message, fix ? { fix } : {}));
      }
    }
    return reports;
  },
};
export default rule;

/** `pip install` with nothing to install, `pip install --upgrade` alone. */
function nothingToInstall(command: PackageCommand): boolean {
  if (command.tool === 'pip' || (command.tool === 'uv' && command.subcommand === 'pip install')) {
    return command.operands.length === 0 && !command.args.some((word) => /^(-r|--requirement|-e|--editable)(=|$)/.test(word.value) || /^-r./.test(word.value));
  }
  return false;
}

function commandLabel(command: PackageCommand): string {
  const words = [command.command.name, ...command.command.args].filter((word) => word !== undefined);
  const program = words.map((word) => word.value.split('/').pop() ?? '').find((word) => toolOfProgram(word) === command.tool);
  const name = program ?? command.tool;
  const subcommand = command.subcommand.split(' ').slice(0, 2).join(' ');
  return `\`${[name, subcommand].filter(Boolean).join(' ')}\``;
}

/** The mount option text; uid/gid for a non-root user, who could not write to a root-owned cache. */
export function mountFlag(entry: CacheDir, family: Pick<CacheFamily, 'sharing'>, owner?: { uid: string | undefined; gid: string | undefined }): string {
  const ids = owner?.uid !== undefined && owner.uid !== '0' ? `,uid=${owner.uid}${owner.gid !== undefined ? `,gid=${owner.gid}` : ''}` : '';
  return `--mount=type=cache,target=${entry.path}${family.sharing ? `,sharing=${family.sharing}` : ''}${ids}`;
}

interface DisablerUse {
  readonly command: PackageCommand;
  readonly disabler: ReturnType<typeof cacheDisablers>[number];
}

function buildFix(
  file: DockerfileModel,
  instruction: Instruction,
  run: RunInfo,
  family: CacheFamily,
  commands: readonly PackageCommand[],
  context: CacheContext,
  mountText: string,
  missing: readonly CacheDir[],
  cleanNeeded: boolean,
  disablers: readonly DisablerUse[],
): Fix | undefined {
  const edits: TextEdit[] = [];
  let unsafe = OS_FAMILIES.has(family.id);
  const insertion = instruction.flags[0]?.start ?? instruction.argsStart;
  let head = `${mountText} `;

  if (cleanNeeded) {
    const clean = dockerCleanEdit(file, instruction, run, commands[0]);
    if (!clean) return undefined;
    if (clean.start === insertion) head += clean.text;
    else edits.push(clean);
  }
  edits.push(insertAt(insertion, head));

  for (const { command, disabler } of disablers) {
    if (disabler.word) {
      const apkNeedsIndex = command.tool === 'apk' && !hasIndexRefresh(command, run);
      if (apkNeedsIndex) {
        // Without --no-cache, `apk add` reads the index from the cache: ask for a fresh one instead.
        if (file.text.slice(disabler.word.start, disabler.word.end) !== disabler.word.raw) return undefined;
        edits.push({ start: disabler.word.start, end: disabler.word.end, text: disabler.word.raw.startsWith('"') ? '"--update-cache"' : '--update-cache' });
        continue;
      }
      const edit = removeWordEdit(file, run, command.command, disabler.word);
      if (!edit) return undefined;
      edits.push(edit);
    } else {
      const assignment = command.command.assignments.find((candidate) => candidate.name === disabler.what);
      if (!assignment) return undefined;
      edits.push(removeAssignmentEdit(file, assignment));
    }
  }

  // Commands that would empty (or fail to delete) the new mount.
  const newTargets = missing.map((entry) => entry.path);
  for (const command of run.commands) {
    const clearing = cacheClearing(command, context.home, context.workdir);
    if (!clearing) continue;
    if (clearing.families.length > 0) {
      if (!clearing.families.includes(family.id)) continue;
      const edit = removeCommandEdit(file, run, command);
      if (!edit) return undefined;
      edits.push(edit);
      continue;
    }
    const cacheDirs = missing.flatMap((entry) => entry.accept);
    const hits = clearing.paths.filter(({ path }) => newTargets.some((target) => emptiesMount(path, target, cacheDirs)));
    if (hits.length === 0) continue;
    // Deleting a parent of the mount also deleted other files the image may now keep.
    if (hits.some(({ path }) => !newTargets.some((target) => covers(target, path)))) unsafe = true;
    if (hits.length === clearing.paths.length && clearing.otherOperands === 0) {
      const edit = removeCommandEdit(file, run, command);
      if (!edit) return undefined;
      edits.push(edit);
    } else {
      for (const { word } of hits) {
        const edit = removeWordEdit(file, run, command, word);
        if (!edit) return undefined;
        edits.push(edit);
      }
    }
  }
  if (overlapping(edits)) return undefined;
  return { applicability: unsafe ? 'unsafe' : 'safe', edits };
}



function overlapping(edits: readonly TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  for (let index = 1; index < sorted.length; index++) {
    if (sorted[index].start < sorted[index - 1].end) return true;
    if (sorted[index].start === sorted[index - 1].start && sorted[index].start === sorted[index].end && sorted[index - 1].start === sorted[index - 1].end) return true;
  }
  return false;
}
