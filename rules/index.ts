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
import exposeInvalidFormat from './expose-invalid-format.js';
import exposePortRange from './expose-port-range.js';
import exposeProtoCasing from './expose-proto-casing.js';
import fromAsCasing from './from-as-casing.js';
import fromPlatformFlagConst from './from-platform-flag-const.js';
import healthcheck from './healthcheck.js';
import instructionCasing from './instruction-casing.js';
import invalidDefaultArgInFrom from './invalid-default-arg-in-from.js';
import invalidDefinitionDescription from './invalid-definition-description.js';
import jsonArgsRecommended from './json-args-recommended.js';
import layerOrder from './layer-order.js';
import legacyKeyValueFormat from './legacy-key-value-format.js';
import maintainerDeprecated from './maintainer-deprecated.js';
import multipleInstructions from './multiple-instructions.js';
import noEmptyContinuation from './no-empty-continuation.js';
import nonRootUser from './non-root-user.js';
import redundantTargetPlatform from './redundant-target-platform.js';
import reservedStageName from './reserved-stage-name.js';
import secretsInArgOrEnv from './secrets-in-arg-or-env.js';
import stageNameCasing from './stage-name-casing.js';
import undefinedArgInFrom from './undefined-arg-in-from.js';
import undefinedVar from './undefined-var.js';
import workdirRelativePath from './workdir-relative-path.js';

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
  exposeInvalidFormat,
  exposePortRange,
  exposeProtoCasing,
  fromAsCasing,
  fromPlatformFlagConst,
  healthcheck,
  instructionCasing,
  invalidDefaultArgInFrom,
  invalidDefinitionDescription,
  jsonArgsRecommended,
  layerOrder,
  legacyKeyValueFormat,
  maintainerDeprecated,
  multipleInstructions,
  noEmptyContinuation,
  nonRootUser,
  redundantTargetPlatform,
  reservedStageName,
  secretsInArgOrEnv,
  stageNameCasing,
  undefinedArgInFrom,
  undefinedVar,
  workdirRelativePath,
];
