/** Every built-in rule. A new rule is a file in this folder plus one line here. */
import type { Rule } from '../src/types.js';
import aptNoInstallRecommends from './apt-no-install-recommends.js';
import baseImageTag from './base-image-tag.js';
import cacheMount from './cache-mount.js';
import cacheMountMisuse from './cache-mount-misuse.js';
import cdInsteadOfWorkdir from './cd-instead-of-workdir.js';
import consecutiveRun from './consecutive-run.js';
import contextSecrets from './context-secrets.js';
import contextSize from './context-size.js';
import copyDestinationSlash from './copy-destination-slash.js';
import copyFromUnknownStage from './copy-from-unknown-stage.js';
import copyRelativeDestination from './copy-relative-destination.js';
import copyThenExtract from './copy-then-extract.js';
import devDependencies from './dev-dependencies.js';
import dockerignoreComment from './dockerignore-comment.js';
import dockerignoreDeadPattern from './dockerignore-dead-pattern.js';
import dockerignoreExcludesCopySource from './dockerignore-excludes-copy-source.js';
import dockerignoreMissing from './dockerignore-missing.js';
import dockerignoreNestedPattern from './dockerignore-nested-pattern.js';
import dockerignoreSyntax from './dockerignore-syntax.js';
import duplicateStageName from './duplicate-stage-name.js';
import envSelfReference from './env-self-reference.js';
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
import labelSchema from './label-schema.js';
import languagePackagePinning from './language-package-pinning.js';
import layerOrder from './layer-order.js';
import legacyKeyValueFormat from './legacy-key-value-format.js';
import maintainerDeprecated from './maintainer-deprecated.js';
import multipleInstructions from './multiple-instructions.js';
import noEmptyContinuation from './no-empty-continuation.js';
import noSudo from './no-sudo.js';
import nonInteractiveInstall from './non-interactive-install.js';
import nonRootUser from './non-root-user.js';
import onbuildTrigger from './onbuild-trigger.js';
import osPackagePinning from './os-package-pinning.js';
import packageCacheCleanup from './package-cache-cleanup.js';
import pipefail from './pipefail.js';
import pointlessCommand from './pointless-command.js';
import preferAptGet from './prefer-apt-get.js';
import preferCopy from './prefer-copy.js';
import redundantTargetPlatform from './redundant-target-platform.js';
import reservedStageName from './reserved-stage-name.js';
import secretsInArgOrEnv from './secrets-in-arg-or-env.js';
import shellSymlink from './shell-symlink.js';
import stageNameCasing from './stage-name-casing.js';
import trustedRegistries from './trusted-registries.js';
import undefinedArgInFrom from './undefined-arg-in-from.js';
import undefinedVar from './undefined-var.js';
import useraddWithoutL from './useradd-without-l.js';
import wgetAndCurl from './wget-and-curl.js';
import wgetProgress from './wget-progress.js';
import workdirRelativePath from './workdir-relative-path.js';
import zypperDistUpgrade from './zypper-dist-upgrade.js';

export const allRules: readonly Rule[] = [
  aptNoInstallRecommends,
  baseImageTag,
  cacheMount,
  cacheMountMisuse,
  cdInsteadOfWorkdir,
  consecutiveRun,
  contextSecrets,
  contextSize,
  copyDestinationSlash,
  copyFromUnknownStage,
  copyRelativeDestination,
  copyThenExtract,
  devDependencies,
  dockerignoreComment,
  dockerignoreDeadPattern,
  dockerignoreExcludesCopySource,
  dockerignoreMissing,
  dockerignoreNestedPattern,
  dockerignoreSyntax,
  duplicateStageName,
  envSelfReference,
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
  labelSchema,
  languagePackagePinning,
  layerOrder,
  legacyKeyValueFormat,
  maintainerDeprecated,
  multipleInstructions,
  noEmptyContinuation,
  noSudo,
  nonInteractiveInstall,
  nonRootUser,
  onbuildTrigger,
  osPackagePinning,
  packageCacheCleanup,
  pipefail,
  pointlessCommand,
  preferAptGet,
  preferCopy,
  redundantTargetPlatform,
  reservedStageName,
  secretsInArgOrEnv,
  shellSymlink,
  stageNameCasing,
  trustedRegistries,
  undefinedArgInFrom,
  undefinedVar,
  useraddWithoutL,
  wgetAndCurl,
  wgetProgress,
  workdirRelativePath,
  zypperDistUpgrade,
];
