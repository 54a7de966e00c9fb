/**
 * `npm run bench`: runs every benchmark and prints its figures. Benchmarks measure; they never fail a
 * build on a number (figures vary by machine), so they live here and not in the tests.
 */
import { benchAdvisories } from './advisories.bench.js';
import { benchInventory } from './inventory.bench.js';

const benches: Array<[string, () => Promise<void>]> = [
  ['inventory', benchInventory],
  ['advisories', benchAdvisories],
];

for (const [name, run] of benches) {
  console.log(`\n== ${name} ==`);
  await run();
}
