/** dockfix's library API; the CLI is a thin layer over it. */
export { lintText, fixText, lintFile, lintFiles } from './lint.js';
export type { LintTextOptions, FixTextOptions, LintFileOptions, LintFilesOptions, FixMode } from './lint.js';
export { BuildContextProvider } from './context/provider.js';
export { allRules as rules } from '../rules/index.js';
export { parseDockerfile } from './model/dockerfile.js';
export type { DockerfileModel, Instruction, Stage, BuildState } from './model/dockerfile.js';
export { parseConfig, loadConfigFile, ConfigError } from './config.js';
export type { DockfixConfig, RuleLevel } from './config.js';
export { RuleSet } from './rules.js';
export type * from './types.js';
