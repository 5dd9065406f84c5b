/**
 * Order: Get, Get Many, Cancel and Update against the sandbox, through both credentials.
 */
import type { IDataObject } from 'n8n-workflow';

import { validOrder } from '../../helpers/siteFlowOrders';
import { BOTH_AUTHS, expectNoSecret, useSiteFlowSandbox } from '../../helpers/siteFlowSandbox';

const harness = useSiteFlowSandbox();
const { run } = harness;

const byId = (value: string, mode = 'id') => ({ __rl: true, mode, value });

async function createOrder(sourceOrderId: string): Promise<string> {
	const result = await run({ resource: 'order', operation: 'submit', submitTarget: 'siteFlowApi', inputMode: 'json', orderJson: validOrder(sourceOrderId) });
	expect(result.error).toBeUndefined();
	harness.sandbox().clearRequests();
	return String(result.items[0].json._id);
}

describe.each(BOTH_AUTHS)('Order reads with %s', (auth) => {
	it('Get by Site Flow ID returns the simplified order by default', async () => {
		const id = await createOrder('GET-1');
		const result = await run({ resource: 'order', operation: 'get', getBy: 'id', orderId: byId(id) }, { auth });
		expect(result.error).toBeUndefined();
		const order = result.items[0].json;
		expect(Object.keys(order).sort()).toEqual(['_id', 'destination', 'items', 'shipments', 'source', 'sourceOrderId', 'status', 'tracking']);
		expect(order).toMatchObject({ _id: id, sourceOrderId: 'GET-1', status: 'dataready', destination: 'hp.sandbox-psp', tracking: [] });
		expect((order.items as IDataObject[])[0]).toMatchObject({ sourceItemId: 'GET-1-1', sku: 'Business Cards', status: 'live' });
		expect(harness.apiRequests().map((request) => request.path)).toEqual([
			auth === 'printOsApi' ? `/siteflow/api/order/${id}` : `/api/order/${id}`,
		]);
		expectNoSecret(result);
	});

	it('Get by source order ID returns the full order when Simplify is off', async () => {
		const id = await createOrder('GET 2/ä');
		const result = await run({ resource: 'order', operation: 'get', getBy: 'sourceOrderId', sourceOrderId: 'GET 2/ä', simplify: false }, { auth });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ _id: id, orderData: { sourceOrderId: 'GET 2/ä' } });
		expect(result.items[0].json.files).toHaveLength(1);
		expect(harness.apiRequests()[0].path).toMatch(/\/order\/bysourceid\/GET%202%2F%C3%A4$/);
	});

	it('Get of an unknown order is PrintOS’s 404', async () => {
		const result = await run({ resource: 'order', operation: 'get', getBy: 'id', orderId: byId('0123456789abcdef01234567', 'list') }, { auth });
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.message).toBe('Order not found');
	});

	it('Get Many honours Limit with one page request', async () => {
		await harness.sandbox().generateOrders(12);
		const result = await run({ resource: 'order', operation: 'getAll', returnAll: false, limit: 5 }, { auth });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(5);
		expect(result.items[0].json).toHaveProperty('tracking');
		expect(result.items.map((item) => item.pairedItem)).toEqual(Array(5).fill({ item: 0 }));
		const requests = harness.apiRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0].query).toMatchObject({ page: '1', pagesize: '5' });
	});

	it('Cancel by Site Flow ID cancels the order', async () => {
		const id = await createOrder('CAN-1');
		const result = await run({ resource: 'order', operation: 'cancel', cancelBy: 'id', orderId: byId(id) }, { auth });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ _id: id, orderData: { status: 'cancelled' } });
		expect(harness.sandbox().order(id)?.orderData.status).toBe('cancelled');
		expect(harness.apiRequests().map((request) => request.method)).toEqual(['PUT']);
	});

	it('Cancel by source account and source order ID', async () => {
		const id = await createOrder('CAN-2');
		const result = await run(
			{ resource: 'order', operation: 'cancel', cancelBy: 'source', sourceAccount: 'sandbox-brand', sourceOrderId: 'CAN-2' },
			{ auth },
		);
		expect(result.error).toBeUndefined();
		expect(harness.sandbox().order(id)?.orderData.status).toBe('cancelled');
		expect(harness.apiRequests()[0].path).toMatch(/\/order\/sandbox-brand\/CAN-2\/cancel$/);
	});

	it('Update sends the order to PUT /order/{id}', async () => {
		const id = await createOrder('UPD-1');
		const changed = validOrder('UPD-1');
		changed.orderData.customerName = 'Grace';
		changed.orderData.tags = ['changed'];
		const result = await run({ resource: 'order', operation: 'update', orderId: byId(id), inputMode: 'json', orderJson: changed }, { auth });
		expect(result.error).toBeUndefined();
		expect(harness.sandbox().order(id)?.orderData).toMatchObject({ customerName: 'Grace', tags: ['changed'] });
		expect(harness.apiRequests().map((request) => `${request.method} ${request.path.replace('/siteflow', '')}`)).toEqual([`PUT /api/order/${id}`]);
	});
});

describe('Order: Get Many', () => {
	it('Return All reads every page of 100 and keeps the order', async () => {
		await harness.sandbox().generateOrders(230);
		const result = await run({ resource: 'order', operation: 'getAll', returnAll: true, simplify: false });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(230);
		expect(new Set(result.items.map((item) => item.json._id)).size).toBe(230);
		expect(harness.apiRequests().map((request) => request.query.page)).toEqual(['1', '2', '3']);
		expect(harness.apiRequests().every((request) => request.query.pagesize === '100')).toBe(true);
	});

	it('passes sort and direction, and filters by status', async () => {
		await harness.sandbox().generateOrders(9, { status: ['printready', 'shipped', 'dataready'] });
		const result = await run({
			resource: 'order',
			operation: 'getAll',
			returnAll: false,
			limit: 2,
			filters: { status: 'shipped' },
			sort: { sortBy: 'sourceOrderId', direction: -1 },
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.sourceOrderId, item.json.status])).toEqual([
			['GEN-000008', 'shipped'],
			['GEN-000005', 'shipped'],
		]);
		expect(harness.apiRequests()[0].query).toMatchObject({ status: 'shipped', sort: 'sourceOrderId', direction: '-1' });
	});
});

describe('Order: errors and retries', () => {
	it('retries a 503 on Get and then answers', async () => {
		const id = await createOrder('RETRY-1');
		harness.sandbox().setFaults({ failNext: { count: 2, status: 503, match: { method: 'GET' } } });
		const result = await run({ resource: 'order', operation: 'get', getBy: 'id', orderId: byId(id) });
		expect(result.error).toBeUndefined();
		expect(harness.apiRequests().map((request) => request.status)).toEqual([503, 503, 200]);
	});

	it('a 429 on Cancel (PUT) is retried', async () => {
		const id = await createOrder('RATE-2');
		harness.sandbox().setFaults({ failNext: { count: 1, status: 429 } });
		const result = await run({ resource: 'order', operation: 'cancel', cancelBy: 'id', orderId: byId(id) });
		expect(result.error).toBeUndefined();
		expect(harness.apiRequests().map((request) => request.status)).toEqual([429, 200]);
	});

	it('an empty order ID fails before any request', async () => {
		const result = await run({ resource: 'order', operation: 'get', getBy: 'id', orderId: byId('  ') });
		expect(result.error?.message).toBe('The "Order" parameter is empty [item 0]');
		expect(harness.apiRequests()).toHaveLength(0);
	});

	it('cancel by source needs the source account before any request', async () => {
		// a literal empty value is refused by n8n itself; an expression that resolves to nothing reaches the node
		const result = await run({ resource: 'order', operation: 'cancel', cancelBy: 'source', sourceAccount: '={{ $json.account }}', sourceOrderId: 'X' });
		expect(result.error?.message).toBe('The "Source Account" parameter is empty [item 0]');
		expect(harness.apiRequests()).toHaveLength(0);
	});
});
