/** Writes schema/flow-test.schema.json from the schema the runner validates with (src/flowtest/schema.ts). */
import { writeFile } from 'node:fs/promises';
import { buildFlowTestSchema, SCHEMA_FILE } from '../src/flowtest/schema.ts';

await writeFile(new URL(`../${SCHEMA_FILE}`, import.meta.url), `${JSON.stringify(buildFlowTestSchema(), null, 2)}\n`);
