import type { DockerfileRule, Report, TextEdit } from '../src/types.js';
import type { DockerfileModel, Instruction, Stage } from '../src/model/dockerfile.js';
import { joinPosix } from '../src/model/dockerfile.js';
import type { Mount, RunInfo } from '../src/model/run.js';
import { instructionsWithTriggers, report, unsafeFix } from '../src/rule-kit.js';
import { packageCommands } from '../src/knowledge/package-managers.js';
import type { PackageCommand } from '../src/knowledge/package-managers.js';
import { baseImage, distroOf } from '../src/knowledge/images.js';
import {
  cacheClearing, cacheContextAt, chainUnknown, emptiesMount, cacheDisablers, cacheFamilies, covers, dirCovered, dockerCleanRemoved, effectiveState,
  dockerCleanEdit, hasIndexRefresh, keptPathKind, mountTarget, onlyRefreshesMetadata, removeAssignmentEdit, removeCommandEdit, removeWordEdit,
} from '../src/knowledge/caches.js';
import type { CacheContext, CacheFamily } from '../src/knowledge/caches.js';

const OS_FAMILIES = new Set(['apt', 'apk', 'dnf', 'yum', 'microdnf', 'zypper']);

interface CacheMount {
  readonly mount: Mount;
  readonly target: string;
}

const rule: DockerfileRule = {
  meta: {
    id: 'cache-mount-misuse',
    description: 'A RUN cache mount must not hide files the image needs, be defeated by the same RUN, or sit where the tool does not look.',
    category: 'correctness',
    severity: 'warning',
    fileKind: 'dockerfile',
    fixable: 'unsafe',
    aliases: [],
  },
  check({ file }) {
    const reports: Report[] = [];
    for (const instruction of instructionsWithTriggers(file)) {
      const run = instruction.run;
      const stage = instruction.stage;
      if (instruction.keyword !== 'RUN' || !run || !stage || stage.windows || run.shellKind !== 'posix') continue;
      if (distroOf(baseImage(stage)) === 'windows') continue;
      const state = effectiveState(instruction);
      const mounts: CacheMount[] = [];
      for (const mount of run.mounts) {
        if (mount.type !== 'cache') continue;
        const target = mountTarget(file, mount, state);
        if (target !== undefined) mounts.push({ mount, target });
      }
      if (mounts.length === 0) continue;
      const context = cacheContextAt(file, instruction);
      if (!context) continue;
      const flagged = new Set<Mount>();

      // 1. Mounts over what the image must keep.
      for (const { mount, target } of mounts) {
        const kind = keptPathKind(target, state.workdir, context.env);
        if (kind) {
          flagged.add(mount);
          reports.push(report(mount, `The cache mount at ${target} hides ${kind} from the image: what a RUN writes into a cache mount is never saved in the image, so it is missing at run time. Mount only the package manager's download cache, or drop this mount.`));
          continue;
        }
        const copy = laterCopyFrom(file, stage, instruction, target);
        if (copy) {
          flagged.add(mount);
          reports.push(report(mount, `The cache mount at ${target} holds ${copy.source}, which line ${file.source.position(copy.instruction.start).line} copies from this stage: what a RUN writes into a cache mount is never saved in the image, so that COPY finds nothing. Build outside the mount, or copy the output out of it in the same RUN.`));
        }
      }

      // 2. Caches the same RUN turns off or empties.
      const commands = packageCommands(run.commands).filter((command) => command.downloads);
      const familyMounts = new Map<string, { family: CacheFamily; mount: CacheMount; commands: PackageCommand[] }>();
      const allFamilies: { family: CacheFamily; command: PackageCommand }[] = [];
      for (const command of commands) {
        for (const family of cacheFamilies(command, context)) {
          allFamilies.push({ family, command });
          const mount = mounts.find(({ target }) => family.dirs[0].accept.some((path) => covers(target, path)));
          if (!mount || flagged.has(mount.mount)) continue;
          const entry = familyMounts.get(family.id) ?? { family, mount, commands: [] };
          entry.commands.push(command);
          familyMounts.set(family.id, entry);
        }
      }
      for (const { family, mount, commands: users } of familyMounts.values()) {
        for (const command of users) {
          for (const disabler of cacheDisablers(command, context.env)) {
            const why = `${disabler.what} turns the ${family.name} cache off, so the cache mount at ${mount.target} stays empty and every build downloads again.`;
            if (disabler.word) {
              const edit = disablerEdit(file, run, command, disabler.word);
              reports.push(report(disabler.word, `${why} Drop ${disabler.what}: the mount already keeps the cache out of the image.`, edit ? { fix: unsafeFix(edit) } : {}));
            } else if (disabler.inline) {
              const assignment = command.command.assignments.find((candidate) => candidate.name === disabler.what);
              const edit = assignment && removeAssignmentEdit(file, assignment);
              reports.push(report(assignment ?? command.command, `${why} Drop ${disabler.what}: the mount already keeps the cache out of the image.`, edit ? { fix: unsafeFix(edit) } : {}));
            } else {
              reports.push(report(mount.mount, `${why} Unset ${disabler.what} for this RUN (or drop the mount).`));
            }
          }
        }
      }
      const familyDirs = allFamilies.flatMap(({ family }) => family.dirs.flatMap((entry) => entry.accept));
      for (const command of run.commands) {
        const clearing = cacheClearing(command, context.home, state.workdir);
        if (!clearing) continue;
        const hit = clearing.families.length > 0
          ? [...familyMounts.values()].find(({ family }) => clearing.families.includes(family.id))?.mount
          : mounts.find(({ mount, target }) => !flagged.has(mount) && clearing.paths.some(({ path }) => emptiesMount(path, target, familyDirs)));
        if (!hit) continue;
        const name = command.name?.value.split('/').pop() ?? '';
        const what = clearing.families.length > 0 ? `\`${[name, ...command.args.filter((word) => !word.value.startsWith('-')).slice(0, 2).map((word) => word.value)].join(' ')}\`` : '`rm`';
        let edit: TextEdit | undefined;
        const hits = clearing.paths.filter(({ path }) => emptiesMount(path, hit.target, familyDirs));
        if (clearing.families.length > 0 || (hits.length === clearing.paths.length && clearing.otherOperands === 0)) edit = removeCommandEdit(file, run, command);
        else if (hits.length === 1) edit = removeWordEdit(file, run, command, hits[0].word);
        const deletesParent = hits.some(({ path }) => path !== hit.target && covers(path, hit.target));
        const effect = deletesParent
          ? `deletes a directory that holds the cache mount at ${hit.target}: it empties the cache, and rm fails on the mount point itself.`
          : `empties the cache mount at ${hit.target}, so the next build downloads everything again.`;
        reports.push(report(command, `${what} ${effect} Remove it: nothing in a cache mount ends up in the image anyway.`, edit ? { fix: unsafeFix(edit) } : {}));
      }

      // 3. apt on Debian/Ubuntu keeps nothing while docker-clean is in place.
      const apt = familyMounts.get('apt');
      const distro = distroOf(baseImage(stage));
      if (apt && (distro === 'debian' || distro === 'unknown') && !chainUnknown(stage) && !apt.commands.every(onlyRefreshesMetadata) && !dockerCleanRemoved(file, instruction)) {
        const edit = dockerCleanEdit(file, instruction, run, apt.commands[0]);
        reports.push(report(apt.mount.mount, `The apt cache mount at ${apt.mount.target} stays empty: Debian and Ubuntu images ship /etc/apt/apt.conf.d/docker-clean, which deletes downloaded packages after every install. Start the RUN with \`rm -f /etc/apt/apt.conf.d/docker-clean\`.`, edit ? { fix: unsafeFix(edit) } : {}));
      }

      // 4. Mounts where the tool does not look for this user, or that the user cannot write.
      for (const cacheMount of mounts) {
        if (flagged.has(cacheMount.mount)) continue;
        const used = allFamilies.some(({ family }) => family.dirs.some((entry) => dirCovered(entry, [cacheMount.target])));
        if (used) {
          ownershipReport(context, cacheMount, allFamilies.map(({ family }) => family), reports);
          continue;
        }
        for (const { family, command } of allFamilies) {
          if (OS_FAMILIES.has(family.id)) continue;
          if (!looksLikeOtherUsersCache(family, command, context, cacheMount.target)) continue;
          const actual = family.dirs[0].path;
          const who = context.root ? 'root' : `user ${context.user ?? '(image default)'}`;
          const edit = retargetEdit(file, cacheMount, actual, context);
          // Commands that would empty the mount once it is in the right place go with it.
          const extra = edit ? clearingEdits(file, run, family, context, state.workdir) : [];
          const fix = edit && extra ? unsafeFix(edit, ...extra) : undefined;
          reports.push(report(cacheMount.mount, `The cache mount at ${cacheMount.target} is not where ${family.name} keeps its cache for ${who}: it uses ${actual}, so the mount stays empty and every build downloads again. Mount ${actual} instead.`, fix ? { fix } : {}));
          break;
        }
      }
    }
    return reports;
  },
};
export default rule;

function disablerEdit(file: DockerfileModel, run: RunInfo, command: PackageCommand, word: { start: number; end: number; raw: string; value: string }): TextEdit | undefined {
  const shellWord = command.args.find((candidate) => candidate.start === word.start);
  if (!shellWord) return undefined;
  if (command.tool === 'apk' && !hasIndexRefresh(command, run)) {
    // Without --no-cache, `apk add` reads the index from the cache: ask for a fresh one instead.
    if (file.text.slice(word.start, word.end) !== word.raw) return undefined;
    return { start: word.start, end: word.end, text: word.raw.startsWith('"') ? '"--update-cache"' : '--update-cache' };
  }
  return removeWordEdit(file, run, command.command, shellWord);
}

/** Removals of the commands of a RUN that empty a family's cache; undefined when one cannot be removed cleanly. */
function clearingEdits(file: DockerfileModel, run: RunInfo, family: CacheFamily, context: CacheContext, workdir: string): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  const dirs = family.dirs.flatMap((entry) => entry.accept);
  for (const command of run.commands) {
    const clearing = cacheClearing(command, context.home, workdir);
    if (!clearing) continue;
    const hit = clearing.families.includes(family.id)
      || clearing.paths.some(({ path }) => family.dirs.some((entry) => emptiesMount(path, entry.path, dirs)));
    if (!hit) continue;
    const edit = removeCommandEdit(file, run, command);
    if (!edit) return undefined;
    edits.push(edit);
  }
  return edits;
}

/** A later COPY --from this stage (or one built on it) whose source lies inside the mount. */
function laterCopyFrom(file: DockerfileModel, stage: Stage, instruction: Instruction, target: string): { instruction: Instruction; source: string } | undefined {
  for (const other of file.instructions) {
    if (other.index <= instruction.index || other.keyword !== 'COPY' || !other.stage) continue;
    const from = other.flags.find((flag) => flag.name === 'from')?.value;
    if (!from) continue;
    const source = file.findStage(file.expand(from, other.state), other.stage.index);
    if (!source || !descendsFrom(source, stage)) continue;
    const words = other.json ?? other.args;
    for (const word of words.slice(0, -1)) {
      if (word.value.startsWith('--')) continue;
      const path = file.expand(word.value, other.state);
      if (path.includes('$')) continue;
      const absolute = joinPosix('/', path.replace(/\/\*+$/, ''));
      if (covers(target, absolute) && absolute !== '/') return { instruction: other, source: absolute };
    }
  }
  return undefined;
}

function descendsFrom(stage: Stage, ancestor: Stage): boolean {
  for (let current: Stage | undefined = stage; current; current = current.parent) if (current === ancestor) return true;
  return false;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SENTINEL = '/\u0001home';

/** Is `target` this tool's cache for another home (`/root/.npm` under USER node, `/home/app/.cache/pip` as root)? */
function looksLikeOtherUsersCache(family: CacheFamily, command: PackageCommand, context: CacheContext, target: string): boolean {
  const patterns: RegExp[] = [];
  for (const variant of [{ ...context, home: SENTINEL, root: false }, { ...context, env: new Map<string, string>(), home: SENTINEL, root: false }]) {
    for (const other of cacheFamilies(command, variant)) {
      if (other.id !== family.id) continue;
      for (const entry of other.dirs) {
        for (const path of entry.accept) {
          if (!path.startsWith(SENTINEL)) continue;
          patterns.push(new RegExp(`^(?:/root|/home/[^/]+)${escapeRegExp(path.slice(SENTINEL.length))}$`));
        }
      }
    }
  }
  if (family.tool === 'yarn') patterns.push(/^\/usr\/local\/share\/\.cache\/yarn$/);
  return patterns.some((pattern) => pattern.test(target)) && !family.dirs.some((entry) => dirCovered(entry, [target]));
}

/** Replaces the mount's target with the right directory, adding uid/gid for a non-root user. */
function retargetEdit(file: DockerfileModel, cacheMount: CacheMount, actual: string, context: CacheContext): TextEdit | undefined {
  const { mount } = cacheMount;
  const text = file.text.slice(mount.start, mount.end);
  const match = /([,=])(target|dst|destination)=([^,]*)/.exec(text);
  if (!match || match[3].includes('$')) return undefined;
  const ownerNeeded = context.uid !== undefined && context.uid !== '0' && !mount.options.has('uid');
  if (!context.root && context.uid === undefined) return undefined;
  const replacement = `${match[1]}${match[2]}=${actual}`;
  let next = text.slice(0, match.index) + replacement + text.slice(match.index + match[0].length);
  if (ownerNeeded) next += `,uid=${context.uid}${context.gid !== undefined && !mount.options.has('gid') ? `,gid=${context.gid}` : ''}`;
  return { start: mount.start, end: mount.end, text: next };
}

/** A language tool's cache mount used by a non-root user without uid=: root owns it, so the user cannot write it. */
function ownershipReport(context: CacheContext, cacheMount: CacheMount, families: readonly CacheFamily[], reports: Report[]): void {
  const { mount } = cacheMount;
  if (context.root || mount.options.has('uid')) return;
  const family = families.find((candidate) => !OS_FAMILIES.has(candidate.id) && candidate.dirs.some((entry) => dirCovered(entry, [cacheMount.target])));
  if (!family) return;
  // mode=0777 (or similar) makes a root-owned mount writable too.
  if (/^0?[0-7]?7[0-7]7$/.test(mount.options.get('mode') ?? '')) return;
  const fix = context.uid !== undefined
    ? unsafeFix({ start: mount.end, end: mount.end, text: `,uid=${context.uid}${context.gid !== undefined && !mount.options.has('gid') ? `,gid=${context.gid}` : ''}` })
    : undefined;
  const user = context.user ?? 'the image\'s default user';
  reports.push(report(mount, `The cache mount at ${cacheMount.target} belongs to root, but ${family.name} runs as ${user} here and cannot write to it: the cache stays empty or the install fails. Add uid=${context.uid ?? '<uid>'} (and gid=) to the mount.`, fix ? { fix } : {}));
}
