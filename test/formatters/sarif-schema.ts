/**
 * The official SARIF 2.1.0 schema is not part of this repository: tests read
 * it from ../shared/schemas (next to the clone) and skip when it is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';

export const SARIF_SCHEMA_PATH = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'schemas', 'sarif-schema-2.1.0.json');
export const HAS_SARIF_SCHEMA = existsSync(SARIF_SCHEMA_PATH);

export type Validate = ((data: unknown) => boolean) & { errors?: unknown };

let validator: Validate | undefined;
/** A draft-04 validator for the SARIF schema (compiled once). */
export function sarifValidator(): Validate {
  if (!validator) {
    // Both packages are CommonJS and also export themselves as `default`.
    const ajv = new Ajv04.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    validator = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA_PATH, 'utf8'))) as Validate;
  }
  return validator;
}
