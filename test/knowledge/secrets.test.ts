import { describe, expect, it } from 'vitest';
import { classifySecret, isSecretCandidateName } from '../../src/knowledge/secrets.js';

const PRIVATE_KEY = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n';
const OPENSSH_KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n';
const CERTIFICATE = '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE\n-----END CERTIFICATE-----\n';

describe('isSecretCandidateName', () => {
  it.each([
    '.env',
    'app/.env.production',
    '.env.local',
    'id_rsa',
    'home/.ssh/id_ed25519',
    'certs/server.pem',
    'tls.KEY',
    'store.p12',
    'android/release.keystore',
    '.npmrc',
    '.pypirc',
    '.netrc',
    '.git-credentials',
    'home/.aws/credentials',
    'home/.docker/config.json',
    'kubeconfig',
    'home/.kube/config',
    'infra/prod.tfvars',
    'terraform.tfstate',
    'credentials.json',
    'service-account-prod.json',
    'config/secrets.yml',
    'secrets.yaml',
  ])('%s is a candidate', (path) => {
    expect(isSecretCandidateName(path)).toBe(true);
  });

  it.each([
    '.env.example',
    '.env.sample',
    '.env.template',
    '.env.dist',
    '.env.local.example',
    'id_rsa.pub',
    'home/.ssh/id_ed25519.pub',
    'environment.ts',
    'src/env.ts',
    'credentials',
    'config.json',
    'config',
    'keys.ts',
    'package.json',
    'secrets.md',
    'README.md',
  ])('%s is not a candidate', (path) => {
    expect(isSecretCandidateName(path)).toBe(false);
  });
});

describe('classifySecret: true cases', () => {
  it.each<[string, string | undefined, string]>([
    ['.env', 'DATABASE_URL=postgres://u:p@db/app\n', 'env-file'],
    ['.env.production', '# comment\nexport API_KEY="abc123"\n', 'env-file'],
    ['id_rsa', undefined, 'ssh-private-key'],
    ['deploy/id_ed25519', undefined, 'ssh-private-key'],
    ['certs/server.key', PRIVATE_KEY, 'private-key'],
    ['certs/bundle.pem', CERTIFICATE + OPENSSH_KEY, 'private-key'],
    ['keystore.jks', undefined, 'keystore'],
    ['.npmrc', '//registry.npmjs.org/:_authToken=npm_abcdef123456\n', 'npm-token'],
    ['.npmrc', '_auth=dXNlcjpwYXNz\nalways-auth=true\n', 'npm-token'],
    ['.pypirc', '[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmc\n', 'pypi-credentials'],
    ['.git-credentials', undefined, 'git-credentials'],
    ['.aws/credentials', undefined, 'aws-credentials'],
    ['.docker/config.json', '{"auths":{"ghcr.io":{"auth":"dXNlcjp0b2tlbg=="}}}', 'docker-credentials'],
    ['kubeconfig', 'users:\n- name: admin\n  user:\n    client-key-data: LS0tLS1CRUdJTg==\n', 'kubeconfig'],
    ['.kube/config', 'users:\n- name: ci\n  user:\n    token: eyJhbGciOi\n', 'kubeconfig'],
    ['sa/service-account.json', '{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\n"}', 'service-account-key'],
    ['credentials.json', '{"installed":{"client_id":"x","client_secret":"GOCSPX-abc"}}', 'oauth-client-secret'],
    ['terraform.tfstate', undefined, 'terraform-state'],
    ['prod.tfvars', 'region = "eu-west-1"\ndb_password = "hunter2"\n', 'terraform-variables'],
    ['config/secrets.yml', undefined, 'secrets-file'],
  ])('%s -> %s', (path, head, kind) => {
    expect(classifySecret(path, head)?.kind).toBe(kind);
    expect(classifySecret(path, head)?.reason).toMatch(/\w/);
  });
});

describe('classifySecret: false cases', () => {
  it.each<[string, string | undefined]>([
    ['.env', '# only comments\n\n'],
    ['.env', 'EMPTY=\nALSO_EMPTY=""\n'],
    ['.env.local', undefined],
    ['.env.example', 'API_KEY=changeme\n'],
    ['certs/ca.pem', CERTIFICATE],
    ['certs/server.key', undefined],
    ['public.pem', '-----BEGIN PUBLIC KEY-----\nMIIBIjANBg\n'],
    ['.npmrc', 'registry=https://registry.npmjs.org/\nsave-exact=true\n'],
    ['.npmrc', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n'],
    ['.pypirc', '[distutils]\nindex-servers =\n    pypi\n'],
    ['.docker/config.json', '{"credsStore":"desktop"}'],
    ['kubeconfig', 'clusters:\n- cluster:\n    server: https://k8s\n'],
    ['service-account.json', '{"type": "service_account", "client_email": "x@y"}'],
    ['prod.tfvars', 'region = "eu-west-1"\ninstance_count = 3\n'],
    ['id_rsa.pub', 'ssh-rsa AAAAB3NzaC1yc2E user@host'],
    ['src/index.ts', 'const password = "x";'],
    ['config.json', '{"auths":{"ghcr.io":{"auth":"dXNlcjp0b2tlbg=="}}}'],
  ])('%s is not a secret', (path, head) => {
    expect(classifySecret(path, head)).toBeUndefined();
  });
});
