/**
 * The polling Site Flow Order Trigger against the sandbox, in n8n-core's real PollContext: baseline,
 * chosen statuses, more changes than a page, restart from stored static data, no duplicates when an
 * order is touched again, a failed poll repeated in full, the editor's test event, and both
 * credentials.
 */
import type { IDataObject } from 'n8n-workflow';

import { PrintOsSiteFlowOrderTrigger } from '../../../nodes/PrintOs/SiteFlowOrderTrigger/PrintOsSiteFlowOrderTrigger.node';
import { KNOWN_LIMIT } from '../../../nodes/PrintOs/SiteFlowOrderTrigger/orderWatch';
import { resetPacers } from '../../../nodes/PrintOs/transport/pacer';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { pollOnce } from '../../harness/pollRun';

const node = new PrintOsSiteFlowOrderTrigger();
let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, rateLimitPerMinute: 0 });
});
beforeEach(() => {
	sandbox.reset();
	resetPacers();
});
afterAll(async () => sandbox.close());

type Auth = 'siteFlowApi' | 'printOsApi';

async function poll(parameters: IDataObject, staticData: IDataObject = {}, options: { auth?: Auth; mode?: 'trigger' | 'manual' } = {}) {
	const auth = options.auth ?? 'siteFlowApi';
	return await pollOnce({
		nodeType: node,
		parameters: { authentication: auth, statuses: ['shipped'], ...parameters },
		credentials: { [auth]: sandbox.credentialData()[auth] },
		staticData,
		mode: options.mode,
	});
}

/** Orders straight into the store (no production steps), in `status`; returns their ids, oldest first. */
async function orders(count: number, status = 'dataready'): Promise<string[]> {
	const before = new Set(sandbox.orders().map((order) => order._id));
	await sandbox.generateOrders(count, { status });
	return sandbox
		.orders()
		.map((order) => order._id as string)
		.filter((id) => !before.has(id));
}

async function ship(ids: string[]) {
	for (const id of ids) await sandbox.forceEvent(id, 'Shipment Shipped');
}

function announced(items: Array<{ json: IDataObject }>): string[] {
	return items.map((item) => `${String(item.json.orderId)}:${String(item.json.status)}`);
}

function listCalls(): number {
	return sandbox.requests(5000).filter((entry) => entry.method === 'GET' && /\/api\/order$/.test(entry.path)).length;
}

it('announces nothing on its first poll, then each order that ships afterwards, oldest first', async () => {
	const before = await orders(3);
	await ship(before);
	const first = await poll({});
	expect(first.started).toBe(false);
	expect(first.items).toEqual([]);

	await sandbox.advance(1);
	const [a, b] = await orders(2);
	await ship([b]);
	await sandbox.advance(1);
	await ship([a]);
	const second = await poll({}, first.staticData);
	expect(announced(second.items)).toEqual([`${b}:shipped`, `${a}:shipped`]);
	expect(second.items[0].json).toMatchObject({
		status: 'shipped',
		sourceOrderId: sandbox.order(b)?.orderData.sourceOrderId,
		changedAt: sandbox.order(b)?.updatedAt,
		order: { _id: b, status: 'shipped', sourceOrderId: sandbox.order(b)?.orderData.sourceOrderId },
	});
	expect(Date.parse(String(second.items[0].json.seenAt))).not.toBeNaN();
	// Simplify on: the order without logs and files
	expect((second.items[0].json.order as IDataObject).logs).toBeUndefined();

	const third = await poll({}, second.staticData);
	expect(third.items).toEqual([]);
});

it('announces only the chosen statuses, each order once per status it is seen in', async () => {
	const [shipped, cancelled, errored, printready] = await orders(4);
	const base = await poll({ statuses: ['shipped', 'cancelled'] });
	await ship([shipped]);
	await sandbox.forceEvent(cancelled, 'Order Cancelled');
	await sandbox.forceEvent(errored, 'Order Errored');
	await sandbox.forceEvent(printready, 'Order Printready');
	const result = await poll({ statuses: ['shipped', 'cancelled'] }, base.staticData);
	expect(announced(result.items).sort()).toEqual([`${shipped}:shipped`, `${cancelled}:cancelled`].sort());

	const any = await poll({ statuses: ['*'] });
	await sandbox.advance(1);
	await ship([printready]);
	await sandbox.forceEvent(errored, 'Order Reprinted');
	const anyResult = await poll({ statuses: ['*'] }, any.staticData);
	// the reprint touched an order already seen in error: not a status change
	expect(announced(anyResult.items)).toEqual([`${printready}:shipped`]);
});

it('reads every page when more orders changed than fit on one, all at the same instant', async () => {
	const ids = await orders(260);
	const base = await poll({});
	await ship(ids);
	const calls = listCalls();
	const result = await poll({}, base.staticData);
	expect(new Set(announced(result.items))).toEqual(new Set(ids.map((id) => `${id}:shipped`)));
	expect(result.items).toHaveLength(260);
	expect(listCalls() - calls).toBeGreaterThanOrEqual(3);
	// the state stays bounded: the mark, the ids at the mark, and at most KNOWN_LIMIT pairs
	const stored = result.staticData['node:Order Trigger'] as { watches: Record<string, { known: string[]; atMark: string[] }> };
	const state = stored.watches.shipped;
	expect(state.known.length).toBeLessThanOrEqual(KNOWN_LIMIT);
	expect(state.atMark).toHaveLength(260);

	const again = await poll({}, result.staticData);
	expect(again.items).toEqual([]);
});

it('carries on from stored static data after a restart, and an order touched again is not announced twice', async () => {
	const [a, b, c] = await orders(3);
	const base = await poll({});
	await ship([a]);
	const first = await poll({}, base.staticData);
	expect(announced(first.items)).toEqual([`${a}:shipped`]);

	// n8n restarts: a new workflow object from the saved static data
	await sandbox.advance(5);
	await sandbox.forceEvent(a, 'Order Reprinted');
	await ship([b]);
	const afterRestart = await poll({}, JSON.parse(JSON.stringify(first.staticData)));
	expect(announced(afterRestart.items)).toEqual([`${b}:shipped`]);

	// a poll that fails midway keeps nothing; the next one announces everything once
	await sandbox.advance(5);
	await ship([c]);
	sandbox.setFaults({ failNext: { count: 10, status: 400, match: { method: 'GET', path: '/api/order' } } });
	await expect(poll({}, afterRestart.staticData)).rejects.toThrow();
	sandbox.clearFaults();
	const retried = await poll({}, afterRestart.staticData);
	expect(announced(retried.items)).toEqual([`${c}:shipped`]);
});

it('with a start date, announces on its first poll the orders that reached the status since then', async () => {
	const [old] = await orders(1);
	await ship([old]);
	await sandbox.advance(60);
	const from = new Date(Date.parse(sandbox.clock().now)).toISOString();
	const [recent] = await orders(1);
	await ship([recent]);
	const result = await poll({ fromDate: from });
	expect(announced(result.items)).toEqual([`${recent}:shipped`]);
});

it('applies destination and tag filters to the orders it announces', async () => {
	const [tagged, untagged] = await orders(2);
	const base = await poll({ filters: { tags: 'rush' } });
	const taggedOrder = sandbox.order(tagged) as IDataObject;
	expect(taggedOrder).toBeDefined();
	await ship([tagged, untagged]);
	const result = await poll({ filters: { tags: 'rush' } }, base.staticData);
	// generated orders carry no tags: nothing passes
	expect(result.items).toEqual([]);
	const byDestination = await poll({ filters: { destination: String((sandbox.order(untagged)?.destination as IDataObject).name) } }, base.staticData);
	expect(announced(byDestination.items).sort()).toEqual([`${tagged}:shipped`, `${untagged}:shipped`].sort());
});

it('Fetch Test Event returns the most recent matching order and keeps no state', async () => {
	const [a, b] = await orders(2);
	await ship([a]);
	await sandbox.advance(1);
	await ship([b]);
	const result = await poll({}, {}, { mode: 'manual' });
	expect(announced(result.items)).toEqual([`${b}:shipped`]);
	expect(result.staticData).toEqual({});
});

it('polls through the PrintOS gateway with the gateway key too', async () => {
	const base = await poll({}, {}, { auth: 'printOsApi' });
	const [a] = await orders(1);
	await ship([a]);
	const result = await poll({}, base.staticData, { auth: 'printOsApi' });
	expect(announced(result.items)).toEqual([`${a}:shipped`]);
	expect(sandbox.requests(50).some((entry) => entry.path === '/siteflow/api/order')).toBe(true);
});
