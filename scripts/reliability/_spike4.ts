import './resolveNodeTs';
import { writeSync } from 'fs';
import { World } from '../../test/reliability/lib/world';
import { makeFolders, rl } from '../../test/reliability/lib/operations';
const out = (s: string) => writeSync(1, s + '\n');
async function main() {
  const world = await World.start({ silentConsole: true });
  const [id] = await makeFolders(world, ['x']);
  world.clearLogs();
  world.sandbox.admin.setFaults({ failNext: { count: 3, status: 429 } });
  const t = Date.now();
  const r = await world.run('box', 'printOsApi', { resource: 'folder', operation: 'get', folderId: rl(id) });
  out(`took ${Date.now() - t} ${r.result.error?.message}`);
  for (const e of world.sandbox.admin.requests(20).requests) out(`${e.time} ${e.status} ${JSON.stringify(e.headers['user-agent'])}`);
  await world.close();
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
