/**
 * Files in a build context that may hold credentials. Pure knowledge, no I/O:
 * the context scanner reads the first bytes of files whose names match
 * `isSecretCandidateName`, and `classifySecret` decides from the name and,
 * where the name alone says too little, from that head.
 */

export interface SecretClassification {
  /** Stable identifier, e.g. `env-file`, `private-key`, `npm-token`. */
  readonly kind: string;
  /** Why, in words, for people. */
  readonly reason: string;
}

/** `.env.example` and friends are templates meant to be committed (and copied). */
const ENV_TEMPLATE_PARTS = new Set(['example', 'examples', 'sample', 'samples', 'template', 'templates', 'dist', 'tpl', 'defaults']);
const SSH_KEY_NAMES = new Set(['id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519', 'id_ecdsa_sk', 'id_ed25519_sk']);

function isSeparator(code: number): boolean {
  return code === 0x2f || code === 0x5c;
}

/** Lower-cased last segment and the one before it; no regular expressions, as this runs for every file of a context. */
function lastSegments(path: string, withParent: boolean): { base: string; parent: string } {
  let end = path.length;
  while (end > 0 && isSeparator(path.charCodeAt(end - 1))) end--;
  let slash = end - 1;
  while (slash >= 0 && !isSeparator(path.charCodeAt(slash))) slash--;
  const base = path.slice(slash + 1, end).toLowerCase();
  if (!withParent || slash < 0) return { base, parent: '' };
  let parentStart = slash - 1;
  while (parentStart >= 0 && !isSeparator(path.charCodeAt(parentStart))) parentStart--;
  return { base, parent: path.slice(parentStart + 1, slash).toLowerCase() };
}

function isEnvName(base: string): boolean {
  if (base === '.env') return true;
  if (!base.startsWith('.env.')) return false;
  const parts = base.slice(5).split('.');
  return parts.every((part) => part !== '') && !parts.some((part) => ENV_TEMPLATE_PARTS.has(part));
}

type NameKind =
  | 'env'
  | 'ssh-key'
  | 'pem'
  | 'keystore'
  | 'npmrc'
  | 'pypirc'
  | 'netrc'
  | 'git-credentials'
  | 'aws'
  | 'docker-config'
  | 'kubeconfig'
  | 'tfvars'
  | 'tfstate'
  | 'google-json'
  | 'secrets-yaml'
  | 'pgpass'
  | 'htpasswd';

function nameKind(path: string): NameKind | undefined {
  const { base } = lastSegments(path, false);
  if (base === '') return undefined;
  if (isEnvName(base)) return 'env';
  if (SSH_KEY_NAMES.has(base)) return 'ssh-key';
  if (/\.(pem|key)$/.test(base)) return 'pem';
  if (/\.(p12|pfx|jks|keystore)$/.test(base)) return 'keystore';
  switch (base) {
    case '.npmrc':
      return 'npmrc';
    case '.pypirc':
      return 'pypirc';
    case '.netrc':
    case '_netrc':
      return 'netrc';
    case '.git-credentials':
      return 'git-credentials';
    case 'terraform.tfstate':
    case 'terraform.tfstate.backup':
      return 'tfstate';
    case 'credentials.json':
      return 'google-json';
    case 'secrets.yml':
    case 'secrets.yaml':
      return 'secrets-yaml';
    case '.pgpass':
      return 'pgpass';
    case '.htpasswd':
      return 'htpasswd';
    case 'kubeconfig':
    case 'kubeconfig.yml':
    case 'kubeconfig.yaml':
      return 'kubeconfig';
  }
  if (base.endsWith('.kubeconfig')) return 'kubeconfig';
  if (base === 'credentials' || base === 'config.json' || base === 'config') {
    const { parent } = lastSegments(path, true);
    if (parent === '.aws' && base === 'credentials') return 'aws';
    if (parent === '.docker' && base === 'config.json') return 'docker-config';
    if (parent === '.kube' && base === 'config') return 'kubeconfig';
  }
  if (base.endsWith('.tfvars')) return 'tfvars';
  if (/^service[-_]?account.*\.json$/.test(base)) return 'google-json';
  return undefined;
}

/** Whether a context-relative path is named like a file that may hold credentials (worth reading its head). */
export function isSecretCandidateName(path: string): boolean {
  return nameKind(path) !== undefined;
}

const PRIVATE_KEY_BLOCK = /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/;
/** A value made only of `${VAR}`/`$VAR` references is resolved at use time: no secret in the file. */
const ONLY_VARIABLE = /^["']?\$(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)["']?$/;

function hasEnvAssignment(head: string): boolean {
  for (const rawLine of head.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (match === null) continue;
    let value = match[2].trim();
    // Drop an inline comment after an unquoted value.
    if (!/^["']/.test(value)) value = value.replace(/\s+#.*$/, '');
    if (value === '' || value === '""' || value === "''") continue;
    return true;
  }
  return false;
}

function npmCredential(head: string): boolean {
  const pattern = /(?:^|[\s:])(_authToken|_auth|_password)\s*=\s*(.*)$/gm;
  for (let match = pattern.exec(head); match !== null; match = pattern.exec(head)) {
    const value = match[2].trim();
    if (value !== '' && !ONLY_VARIABLE.test(value)) return true;
  }
  return false;
}

function yamlKeyWithValue(head: string, key: RegExp): boolean {
  const pattern = new RegExp(`^\\s*(?:-\\s*)?(?:${key.source})\\s*:\\s*(\\S.*)$`, 'gm');
  for (let match = pattern.exec(head); match !== null; match = pattern.exec(head)) {
    const value = match[1].trim();
    if (value !== '""' && value !== "''" && value !== '~' && value !== 'null' && !ONLY_VARIABLE.test(value)) return true;
  }
  return false;
}

/**
 * What kind of secret a context file holds, or undefined. Names that always mean a
 * secret (SSH private keys, keystores, Terraform state…) count without content; names
 * that are often harmless (`.pem` certificates, `.npmrc` with only a registry, `.env`
 * with empty values) count only when `head` (the file's first bytes) confirms it, so
 * they need a head.
 */
export function classifySecret(path: string, head: string | undefined): SecretClassification | undefined {
  const kind = nameKind(path);
  switch (kind) {
    case undefined:
      return undefined;
    case 'ssh-key':
      return { kind: 'ssh-private-key', reason: 'SSH private key (named like one)' };
    case 'keystore':
      return { kind: 'keystore', reason: 'key store (PKCS#12/Java), usually holds private keys' };
    case 'netrc':
      return { kind: 'netrc', reason: '.netrc holds machine logins and passwords' };
    case 'git-credentials':
      return { kind: 'git-credentials', reason: '.git-credentials holds Git passwords or tokens' };
    case 'aws':
      return { kind: 'aws-credentials', reason: 'AWS shared credentials file' };
    case 'tfstate':
      return { kind: 'terraform-state', reason: 'Terraform state holds resource attributes, secrets included, in clear text' };
    case 'secrets-yaml':
      return { kind: 'secrets-file', reason: 'named as a secrets file' };
    case 'pgpass':
      return { kind: 'pgpass', reason: 'PostgreSQL password file' };
    case 'htpasswd':
      return { kind: 'htpasswd', reason: 'HTTP basic-auth password hashes' };
  }
  if (head === undefined) return undefined;
  switch (kind) {
    case 'env':
      return hasEnvAssignment(head) ? { kind: 'env-file', reason: 'environment file with KEY=value settings' } : undefined;
    case 'pem':
      return PRIVATE_KEY_BLOCK.test(head) ? { kind: 'private-key', reason: 'contains a PEM private key block' } : undefined;
    case 'npmrc':
      return npmCredential(head) ? { kind: 'npm-token', reason: '.npmrc with a registry credential (_authToken/_auth/_password)' } : undefined;
    case 'pypirc':
      return /^\s*password\s*[=:]\s*\S/m.test(head) ? { kind: 'pypi-credentials', reason: '.pypirc with a password' } : undefined;
    case 'docker-config':
      return /"(auth|identitytoken)"\s*:\s*"[^"]+"/.test(head)
        ? { kind: 'docker-credentials', reason: 'Docker config.json with registry auth' }
        : undefined;
    case 'kubeconfig':
      return /^\s*client-key-data\s*:\s*\S/m.test(head) || yamlKeyWithValue(head, /token/)
        ? { kind: 'kubeconfig', reason: 'kubeconfig with a client key or token' }
        : undefined;
    case 'google-json':
      if (/"private_key"\s*:\s*"[^"]/.test(head)) return { kind: 'service-account-key', reason: 'JSON service account key ("private_key")' };
      if (/"client_secret"\s*:\s*"[^"]/.test(head)) return { kind: 'oauth-client-secret', reason: 'OAuth client credentials ("client_secret")' };
      return undefined;
    case 'tfvars':
      return /^\s*[A-Za-z0-9_-]*(password|secret|token|private_key|access_key|api_key|credentials?)[A-Za-z0-9_-]*\s*=\s*"[^"]+"/im.test(head)
        ? { kind: 'terraform-variables', reason: 'Terraform variables file setting a password, token or key' }
        : undefined;
  }
}
