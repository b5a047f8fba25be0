import type { DockerfileRule, Report, Suggestion } from '../src/types.js';
import type { DockerfileModel, Instruction, Stage } from '../src/model/dockerfile.js';
import { insertLines, lineBeforeFirst, report, shippedTargets } from '../src/rule-kit.js';
import { baseImage, distroOf, stageChain } from '../src/knowledge/images.js';

/** Programs that, as the main process, serve requests until stopped. */
const SERVER_PROGRAMS = new Set([
  'uvicorn', 'gunicorn', 'hypercorn', 'daphne', 'waitress-serve', 'granian', 'nginx', 'httpd', 'apache2-foreground',
  'apache2ctl', 'caddy', 'traefik', 'envoy', 'haproxy', 'php-fpm', 'puma', 'unicorn', 'thin', 'passenger',
  'redis-server', 'postgres', 'mongod', 'mysqld', 'mariadbd', 'memcached', 'rabbitmq-server', 'catalina.sh',
  'openresty', 'lighttpd', 'grafana-server', 'prometheus', 'consul', 'vault', 'node-red', 'pm2-runtime', 'supervisord',
  'frankenphp', 'serve', 'http-server',
]);

/** Images whose default command is a server when the Dockerfile keeps it. */
const SERVER_IMAGES = /^(docker\.io\/)?(library\/)?(nginx|httpd|caddy|traefik|haproxy|redis|postgres|mysql|mariadb|mongo|memcached|rabbitmq|tomcat|jetty|wordpress|ghost|nextcloud|grafana\/grafana|prom\/prometheus|nginxinc\/nginx-unprivileged)$/;

const DEFAULT_PORTS: Readonly<Record<string, number>> = {
  nginx: 80, httpd: 80, 'apache2-foreground': 80, caddy: 80, uvicorn: 8000, gunicorn: 8000, hypercorn: 8000,
  daphne: 8000, puma: 3000, unicorn: 8080, 'php-fpm': 9000,
};

const rule: DockerfileRule = {
  meta: {
    id: 'healthcheck',
    description: 'A shipped image that runs a long-lived service should declare a HEALTHCHECK.',
    category: 'correctness',
    severity: 'info',
    fileKind: 'dockerfile',
    aliases: ['DL3057'],
  },
  check({ file, settings }) {
    const reports: Report[] = [];
    for (const stage of shippedTargets(file, settings)) {
      const chain = stageChain(stage);
      if (chain.some((member) => member.instructions.some((instruction) => instruction.keyword === 'HEALTHCHECK' && !instruction.inOnbuild))) continue;
      const service = serviceEvidence(chain);
      if (!service) continue;
      const anchor = service.instruction && service.instruction.stage === stage ? service.instruction : stage.from;
      reports.push(report(
        { start: anchor.start, end: anchor.headEnd },
        `The image runs a long-lived service (${service.reason}) but has no HEALTHCHECK, so Docker reports it as running even when it hangs or stops answering, and Compose or Swarm cannot wait for it or replace it. Add a HEALTHCHECK that probes the service, or "HEALTHCHECK NONE" to opt out on purpose.`,
        { suggestions: suggestionFor(file, stage, chain, service.port) },
      ));
    }
    return reports;
  },
};
export default rule;

interface ServiceEvidence {
  readonly reason: string;
  readonly instruction: Instruction | undefined;
  readonly port: number | undefined;
}

function serviceEvidence(chain: readonly Stage[]): ServiceEvidence | undefined {
  const own = chain.flatMap((stage) => stage.instructions.filter((instruction) => !instruction.inOnbuild));
  const exposed = own.filter((instruction) => instruction.keyword === 'EXPOSE');
  const port = exposed.flatMap((instruction) => instruction.args.map((word) => Number.parseInt(word.value, 10)))
    .find((value) => Number.isInteger(value) && value > 0);
  const entry = [...own].reverse().find((instruction) => instruction.keyword === 'ENTRYPOINT');
  const command = [...own].reverse().find((instruction) => instruction.keyword === 'CMD');
  const main = entry ?? command;
  const program = main ? serverIn(main) : undefined;
  if (program) return { reason: `${main!.keyword} starts ${program}`, instruction: main, port: port ?? DEFAULT_PORTS[program] };
  if (exposed.length > 0 && !isOneShot(main)) {
    return { reason: `EXPOSE ${exposed[exposed.length - 1].argsText.trim()}`, instruction: exposed[exposed.length - 1], port };
  }
  if (!main && SERVER_IMAGES.test(baseImage(chain[chain.length - 1]).name)) {
    return { reason: `the default command of ${baseImage(chain[chain.length - 1]).name}`, instruction: undefined, port: port ?? 80 };
  }
  return undefined;
}

/** The server program a CMD/ENTRYPOINT starts, if it looks like one. */
function serverIn(instruction: Instruction): string | undefined {
  const words = instruction.json
    ? instruction.json.flatMap((word) => word.value.split(/\s+/))
    : instruction.args.map((word) => word.value);
  const programs = words.filter((word) => word && !word.startsWith('-'));
  for (let index = 0; index < programs.length; index++) {
    const program = programs[index].split('/').pop()!;
    if (SERVER_PROGRAMS.has(program)) return program;
    const next = programs[index + 1] ?? '';
    if ((program === 'node' || program === 'bun' || program === 'deno' || program === 'nodemon' || program === 'tsx') && /\b(server|app|main|index|start|serve)\b|\.m?[jt]s$/.test(next)) return `${program} ${next}`;
    if ((program === 'npm' || program === 'yarn' || program === 'pnpm') && next === 'start') return `${program} start`;
    if ((program === 'npm' || program === 'yarn' || program === 'pnpm') && next === 'run' && /^(start|serve|prod)/.test(programs[index + 2] ?? '')) {
      return `${program} run ${programs[index + 2]}`;
    }
    if (program === 'java' && words.includes('-jar')) return 'java -jar';
    if (program === 'dotnet' && /\.dll$/.test(next)) return `dotnet ${next}`;
    if ((program === 'rails' || program === 'bin/rails') && (next === 'server' || next === 's')) return 'rails server';
    if (program === 'manage.py' && next === 'runserver') return 'manage.py runserver';
    if (program === 'flask' && next === 'run') return 'flask run';
    if (program === 'fastapi' && next === 'run') return 'fastapi run';
    if (program === 'streamlit' && next === 'run') return 'streamlit run';
  }
  return undefined;
}

/** Commands that exit once done: a shell, a version or help flag, a test run. */
function isOneShot(instruction: Instruction | undefined): boolean {
  if (!instruction) return false;
  const text = (instruction.json?.map((word) => word.value).join(' ') ?? instruction.argsText).trim();
  return /^(\/bin\/)?(ba)?sh$|--help\b|--version\b|^(npm|yarn|pnpm) test\b|^(pytest|go test|make)\b/.test(text);
}

function suggestionFor(file: DockerfileModel, stage: Stage, chain: readonly Stage[], port: number | undefined): Suggestion[] {
  const target = `http://localhost:${port ?? 8080}/`;
  const probe = probeCommand(chain, target);
  if (!probe) return [];
  const offset = lineBeforeFirst(file, stage, ['CMD', 'ENTRYPOINT']);
  return [{
    description: `Probe ${target} every 30 s${port === undefined ? ' (adjust the port and path)' : ' (adjust the path)'}`,
    edits: [insertLines(file, offset, [`HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 CMD ${probe}`])],
  }];
}

/** A probe that works with what the image has: curl, wget, or the language runtime. */
function probeCommand(chain: readonly Stage[], url: string): string | undefined {
  const installed = new Set<string>();
  for (const stage of chain) {
    for (const instruction of stage.instructions) {
      for (const command of instruction.run?.commands ?? []) {
        for (const arg of command.args) installed.add(arg.value);
      }
    }
  }
  const image = baseImage(chain[chain.length - 1]);
  const distro = distroOf(image);
  if (distro === 'scratch' || distro === 'distroless' || distro === 'windows') return undefined;
  if (installed.has('curl')) return `curl -fsS ${url} || exit 1`;
  if (installed.has('wget') || distro === 'alpine') return `wget -q --spider ${url} || exit 1`;
  const name = image.name.replace(/^(docker\.io\/)?(library\/)?/, '');
  if (name === 'node' || name.endsWith('/node')) {
    return `["node", "-e", "require('http').get('${url}', (r) => process.exit(r.statusCode < 400 ? 0 : 1)).on('error', () => process.exit(1))"]`;
  }
  if (name === 'python' || name.endsWith('/python')) {
    return `["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('${url}').status >= 400)"]`;
  }
  return `curl -fsS ${url} || exit 1`;
}
