import type { DockerfileRule, Report, Suggestion } from '../src/types.js';
import type { Instruction, Stage } from '../src/model/dockerfile.js';
import type { DockerfileModel } from '../src/model/dockerfile.js';
import { insertLines, lineBeforeFirst, report, shippedTargets, unsafeFix } from '../src/rule-kit.js';
import { baseImage, distroOf, imageMatchesAny, knownToRunAsRoot, wellKnownUser } from '../src/knowledge/images.js';
import { usersCreatedIn } from '../src/knowledge/users.js';

const ROOT_USER = /^(root|0)(:.*)?$/;

const rule: DockerfileRule = {
  meta: {
    id: 'non-root-user',
    description: 'The shipped image should not run as root: set USER to an unprivileged user.',
    category: 'security',
    severity: 'warning',
    fileKind: 'dockerfile',
    fixable: 'unsafe',
    aliases: ['DL3002'],
    defaultOptions: { nonRootImages: [] as string[] },
  },
  check({ file, options, settings }) {
    const reports: Report[] = [];
    const allowlist = (options.nonRootImages as readonly string[] | undefined) ?? [];
    for (const stage of shippedTargets(file, settings)) {
      const image = baseImage(stage);
      const distro = distroOf(image);
      if (distro === 'windows' || stage.windows) continue;
      const lastUser = lastUserInstruction(stage);
      const user = stage.finalState.user;
      const where = stage.name ? `stage "${stage.name}"` : 'the final stage';
      if (lastUser && user !== undefined && ROOT_USER.test(user.trim())) {
        reports.push(report(
          { start: lastUser.argsStart, end: lastUser.argsEnd },
          `The image runs as root because the last USER in ${where} is "${user}": a process that is broken into then has root inside the container and an easier way out of it. Switch back to an unprivileged user after the steps that need root.`,
          fixFor(file, stage, user),
        ));
        continue;
      }
      if (user !== undefined) continue;
      if (!knownToRunAsRoot(image) || imageMatchesAny(image, allowlist)) continue;
      reports.push(report(
        { start: stage.from.start, end: stage.from.headEnd },
        `The image runs as root: ${where} and the stages it builds on set no USER, and ${image.name === 'scratch' ? 'scratch has no default user' : `${image.resolved} runs as root by default`}. A process that is broken into then has root inside the container and an easier way out of it. Add a USER with an unprivileged account before CMD/ENTRYPOINT.`,
        fixFor(file, stage, undefined),
      ));
    }
    return reports;
  },
};
export default rule;

function lastUserInstruction(stage: Stage): Instruction | undefined {
  for (let current: Stage | undefined = stage; current; current = current.parent) {
    const users = current.instructions.filter((instruction) => instruction.keyword === 'USER' && !instruction.inOnbuild);
    if (users.length > 0) return users[users.length - 1];
  }
  return undefined;
}

/** A fix with a user the image has, else a suggestion that creates one. */
function fixFor(file: DockerfileModel, stage: Stage, rootUser: string | undefined): Partial<Pick<Report, 'fix' | 'suggestions'>> {
  const offset = lineBeforeFirst(file, stage, ['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);
  const created = [...new Set(usersCreatedIn(stage).map((user) => user.name))].filter((user) => user !== 'root');
  const candidate = created[created.length - 1] ?? wellKnownUser(baseImage(stage));
  if (candidate) return { fix: unsafeFix(insertLines(file, offset, [`USER ${candidate}`])) };
  const suggestion = createUserSuggestion(file, stage, offset, rootUser);
  return suggestion ? { suggestions: [suggestion] } : {};
}

function createUserSuggestion(file: DockerfileModel, stage: Stage, offset: number, rootUser: string | undefined): Suggestion | undefined {
  const distro = distroOf(baseImage(stage));
  const lines: string[] = [];
  switch (distro) {
    case 'alpine':
      lines.push('RUN addgroup -S app && adduser -S -G app -H -D app', 'USER app');
      break;
    case 'debian':
    case 'rhel':
    case 'suse':
      lines.push('RUN groupadd --system app && useradd --system --gid app --no-create-home app', 'USER app');
      break;
    case 'scratch':
    case 'distroless':
      // No shell to create an account: a numeric id works without /etc/passwd.
      lines.push('USER 65532:65532');
      break;
    default:
      return undefined;
  }
  return {
    description: rootUser
      ? `Create an unprivileged user and switch to it instead of "${rootUser}"`
      : 'Create an unprivileged user and switch to it',
    edits: [insertLines(file, offset, lines)],
  };
}
