/**
 * `npm run bench`: runs every benchmark and prints its figures. Benchmarks measure; they never fail a
 * build on a number (figures vary by machine), so they live here and not in the tests.
 * `npm run bench -- code-scan` runs only the benchmarks named.
 */
import { benchAdvisories } from './advisories.bench.js';
import { benchCodeScan } from './code-scan.js';
import { benchInventory } from './inventory.bench.js';

const benches: Array<[string, () => Promise<void>]> = [
  ['inventory', benchInventory],
  ['advisories', benchAdvisories],
  ['code-scan', benchCodeScan],
];

const only = process.argv.slice(2);
for (const [name, run] of benches) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n== ${name} ==`);
  await run();
}
