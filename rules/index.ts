/** Every built-in rule. A new rule is a file in this folder plus one line here. */
import type { Rule } from '../src/types.js';
import cacheMount from './cache-mount.js';
import cacheMountMisuse from './cache-mount-misuse.js';
import contextSecrets from './context-secrets.js';
import contextSize from './context-size.js';
import copyFromUnknownStage from './copy-from-unknown-stage.js';
import devDependencies from './dev-dependencies.js';
import dockerignoreComment from './dockerignore-comment.js';
import dockerignoreDeadPattern from './dockerignore-dead-pattern.js';
import dockerignoreExcludesCopySource from './dockerignore-excludes-copy-source.js';
import dockerignoreMissing from './dockerignore-missing.js';
import dockerignoreNestedPattern from './dockerignore-nested-pattern.js';
import dockerignoreSyntax from './dockerignore-syntax.js';
import duplicateStageName from './duplicate-stage-name.js';
import fromAsCasing from './from-as-casing.js';
import healthcheck from './healthcheck.js';
import instructionCasing from './instruction-casing.js';
import jsonArgsRecommended from './json-args-recommended.js';
import layerOrder from './layer-order.js';
import legacyKeyValueFormat from './legacy-key-value-format.js';
import maintainerDeprecated from './maintainer-deprecated.js';
import multipleInstructions from './multiple-instructions.js';
import nonRootUser from './non-root-user.js';
import undefinedVar from './undefined-var.js';

export const allRules: readonly Rule[] = [
  cacheMount,
  cacheMountMisuse,
  contextSecrets,
  contextSize,
  copyFromUnknownStage,
  devDependencies,
  dockerignoreComment,
  dockerignoreDeadPattern,
  dockerignoreExcludesCopySource,
  dockerignoreMissing,
  dockerignoreNestedPattern,
  dockerignoreSyntax,
  duplicateStageName,
  fromAsCasing,
  healthcheck,
  instructionCasing,
  jsonArgsRecommended,
  layerOrder,
  legacyKeyValueFormat,
  maintainerDeprecated,
  multipleInstructions,
  nonRootUser,
  undefinedVar,
];
