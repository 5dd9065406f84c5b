import './resolveNodeTs';
import { World } from '../../test/reliability/lib/world';
import { ALL_OPERATIONS } from '../../test/reliability/lib/operations';
import { FAULTS } from '../../test/reliability/lib/faults';
import { runCase, describeCase } from '../../test/reliability/lib/runCase';

import { writeSync } from 'fs';
const out = (s: string) => writeSync(1, s + '\n');
async function main() {
  const world = await World.start({ silentConsole: true });
  const only = process.argv[2];
  const t0 = Date.now();
  let bad = 0, n = 0;
  for (const op of ALL_OPERATIONS) {
    if (only && !op.id.includes(only)) continue;
    for (const fault of FAULTS) {
      const r = await runCase(world, op, fault); out(`${r.ms}ms ${r.op} ${r.fault} ${r.problems.length}`);
      n++;
      if (r.problems.length) bad++; if (r.problems.length || process.argv[3]) out(describeCase(r));
    }
  }
  for (const f of world.scanner.findings.slice(0, 5)) out(JSON.stringify(f));
  out(`cases ${n}, with problems ${bad}, ${Date.now() - t0} ms, findings ${world.scanner.findings.length}, sigs ${world.scanner.signatureCount}`);
  await world.close();
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
