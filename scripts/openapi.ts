// Writes docs/openapi.json, the committed OpenAPI document of the api, generated from its
// controllers and DTOs (Nest's preview mode: the module graph is resolved, nothing connects);
// served at /docs/openapi.json by the running api.
//   npm run -s openapi              writes the file
//   npm run -s openapi -- --check   exits 1 when the committed file differs (with a summary)
// Both exit 1 when an operation breaks the contract every route keeps (operationId, tag,
// security, problem+json errors: openApiContractViolations).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  canonicalOpenApi,
  generateOpenApiDocument,
  openApiContractViolations,
  openApiDrift,
  operationsOf,
} from '@palisade/api';
import { PALISADE_VERSION } from '@palisade/findings';
import { format, resolveConfig } from 'prettier';
import { ApiAppModule } from '../apps/api/src/api.module';

const target = join(__dirname, '..', 'docs', 'openapi.json');
const NAME = 'docs/openapi.json';

async function main(): Promise<void> {
  const document = await generateOpenApiDocument(ApiAppModule, PALISADE_VERSION);
  const options = (await resolveConfig(target)) ?? {};
  const rendered = await format(JSON.stringify(canonicalOpenApi(document)), {
    ...options,
    filepath: target,
  });
  const count = `${operationsOf(document).length} operations`;
  const violations = openApiContractViolations(document);
  if (violations.length > 0) {
    console.error(`the api's OpenAPI document breaks its contract:\n  ${violations.join('\n  ')}`);
    process.exitCode = 1;
  }
  if (!process.argv.includes('--check')) {
    writeFileSync(target, rendered);
    console.log(`wrote ${NAME} (${count})`);
    return;
  }
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    current = '';
  }
  if (current === rendered) {
    console.log(`${NAME} is current (${count})`);
    return;
  }
  let committed: unknown;
  try {
    committed = JSON.parse(current);
  } catch {
    committed = undefined;
  }
  const drift = openApiDrift(committed, document);
  const summary =
    drift.length > 0
      ? drift
      : ['the same content in another layout (written by hand or by another formatter)'];
  console.error(
    `${NAME} differs from the document the code generates: run \`npm run openapi\` and commit ` +
      `it.\n(+ only in the code, - only in the committed file, ~ different)\n  ${summary.join('\n  ')}`,
  );
  process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
