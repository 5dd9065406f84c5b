/**
 * The fault matrix (test/reliability/lib): 429 storms, 5xx bursts, slow answers, timeouts and lost
 * connections, injected through the sandbox's fault knobs, against the operations of both nodes
 * run inside n8n-core. Three items per case, one at a time, Continue On Fail on: the faults land on
 * the first item(s), and the others must not notice.
 *
 * jest runs a small representative set per fault kind (lib/faults.ts REPRESENTATIVES);
 * `RELIABILITY_FULL=1 npx jest test/reliability/faultMatrix` runs every operation, as
 * `npm run reliability` does.
 *
 * Each case fails on: an item that should have succeeded after retries, an item that failed
 * without saying why (or with a JavaScript runtime error), a duplicate (an object created or a
 * command processed twice for one item), an item reported as done that never reached PrintOS, a
 * fault that never fired, or a secret anywhere.
 */
import { applies, FAULTS, REPRESENTATIVES } from './lib/faults';
import { ALL_OPERATIONS, operation } from './lib/operations';
import { describeCase, runCase } from './lib/runCase';
import { itLeaksNoSecret, useWorld } from './useWorld';

jest.setTimeout(60_000);

const world = useWorld();
const full = process.env.RELIABILITY_FULL === '1';

describe.each(FAULTS.map((fault) => [fault.label, fault] as const))('%s', (_label, fault) => {
	const ids = full ? ALL_OPERATIONS.filter((op) => applies(fault, op)).map((op) => op.id) : REPRESENTATIVES[fault.id];
	it.each(ids)('%s', async (id) => {
		const result = await runCase(world(), operation(id), fault);
		if (result.problems.length) throw new Error(describeCase(result));
		expect(result.faultsInjected).toBeGreaterThan(0);
		expect(result.duplicateOrders).toBe(0);
	});
});

/**
 * PUT and DELETE are retried after a lost connection because they are idempotent in effect, but
 * PrintOS answers the repeat of an already processed request with a refusal ("Order is already
 * cancelled", "Shipment has already shipped", 404 "Folder not found"). The endpoint tables name
 * those refusals (`repeatRefusal`), so the item succeeds: the change was made.
 */
describe('idempotent writes whose first attempt was processed before the connection was lost', () => {
	const drop = FAULTS.find((fault) => fault.id === 'connectionDrop')!;
	it.each([
		'siteFlow.order.cancel [token]',
		'siteFlow.order.cancelBySource [gateway]',
		'siteFlow.shipment.markShipped [token]',
		'box.folder.delete',
		'box.file.delete',
		'box.contact.delete',
	])('%s reports success: the change was made', async (id) => {
		const result = await runCase(world(), operation(id), drop);
		if (result.problems.length) throw new Error(describeCase(result));
	});
});

itLeaksNoSecret(world, 50);
