import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

// The RFC 9457 Appendix A schema, kept in the shared reference folder beside the repository
// (and copied into tests/fixtures so the suite runs without it).
const schemaPath = join(__dirname, '..', 'fixtures', 'rfc9457-problem.schema.json');
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);

/** Throws with the validator's messages unless `body` is a valid RFC 9457 problem object. */
export function expectValidProblem(body: unknown): void {
  if (!validate(body)) {
    throw new Error(`not a valid RFC 9457 problem: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`);
  }
}
