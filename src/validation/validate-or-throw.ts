import { problemFromIssues } from './problem-from-issues.js';
import { isStandardSchema, type StandardSchemaV1 } from './standard-schema.js';
import { readValidationOptions, type ValidationProblemOptions } from './validation-options.js';

/**
 * Validates `value` with any Standard Schema (zod 4, valibot 1, arktype 2 …), sync or async,
 * and resolves to the schema's output (defaults filled in, transforms applied). Invalid input
 * rejects with the exception `problemFromIssues` makes: a 422 (or 400 with `status: 400`)
 * listing one `{ detail, pointer }` per issue, or `{ detail, parameter }` / `{ detail, header }`
 * with `in: 'query'` / `'header'`. An error the schema itself throws rejects as it is (your
 * error handler makes it a 500), and so does a schema that answers with no valid result; a
 * value that is not a Standard Schema rejects with a `TypeError`.
 *
 * @example
 * const Order = z.object({ items: z.array(z.object({ sku: z.string(), quantity: z.number().int().min(1) })) });
 * app.post('/orders', async (req, res) => {
 *   const order = await validateOrThrow(Order, req.body); // typed as z.output<typeof Order>
 *   res.status(201).json(await orders.create(order));
 * });
 */
export async function validateOrThrow<Schema extends StandardSchemaV1>(
  schema: Schema,
  value: unknown,
  options?: ValidationProblemOptions,
): Promise<StandardSchemaV1.InferOutput<Schema>> {
  if (!isStandardSchema(schema)) {
    throw new TypeError('validateOrThrow needs a Standard Schema (zod 4, valibot 1, arktype 2 …): a value with a "~standard" property of version 1');
  }
  // Options are checked before the schema runs: a mistake shows even for valid input.
  readValidationOptions(options, 'validateOrThrow');
  const standard = schema['~standard'];
  const result: unknown = await standard.validate(value);
  if (typeof result !== 'object' || result === null) {
    throw new TypeError(`validateOrThrow: the ${standard.vendor} schema's validate() gave ${result === null ? 'null' : typeof result}, not a Standard Schema result`);
  }
  const { issues } = result as StandardSchemaV1.Result<StandardSchemaV1.InferOutput<Schema>>;
  // The spec: a falsy `issues` means success.
  if (issues) {
    if (!Array.isArray(issues)) throw new TypeError(`validateOrThrow: the ${standard.vendor} schema's validate() gave issues that are not an array`);
    throw problemFromIssues(issues, options);
  }
  return (result as StandardSchemaV1.SuccessResult<StandardSchemaV1.InferOutput<Schema>>).value;
}
