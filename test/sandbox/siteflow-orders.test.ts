import { startSandbox, type Sandbox } from '../../sandbox';
import { gateway, siteFlow, validOrder } from './client';

let sandbox: Sandbox;
let base: string;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
	base = sandbox.url;
});
afterAll(() => sandbox.close());

const NOT_FOUND = { success: false, error: { message: 'Order not found', name: 'NotFound', code: 404 } };

async function submit(order = validOrder()) {
	const reply = await siteFlow(base, 'POST', '/api/order', { body: order });
	expect(reply.status).toBe(201);
	return reply.body.order;
}

describe('validate (O1)', () => {
	it('answers 200 with the expanded order', async () => {
		const reply = await siteFlow(base, 'POST', '/api/order/validate', { body: validOrder({ sourceOrderId: 'VAL-1' }) });
		expect(reply.status).toBe(200);
		expect(reply.body.orderData.sourceOrderId).toBe('VAL-1');
		expect(reply.body.destination.id).toMatch(/^[0-9a-f]{24}$/);
		const component = reply.body.orderData.items[0].components[0];
		expect(component.attributes).toMatchObject({ substrate: 'Silk 350gsm', pageSize: '85x55mm' });
		expect(component).toMatchObject({ width: 85, height: 55, pages: 2, type: 'press', status: 'live' });
		// validation stores nothing
		expect(sandbox.orders({ sourceOrderId: 'VAL-1' })).toHaveLength(0);
	});

	it('names every missing or invalid field with its path', async () => {
		const body = {
			destination: { name: 'hp.nobody' },
			orderData: {
				items: [
					{ sku: 'No Such SKU', quantity: 0, shipmentIndex: 3, components: [{ fetch: true }] },
					{ sourceItemId: 'b', quantity: 1, components: [] },
					{ sourceItemId: 'c', sku: 'Business Cards', quantity: 1, components: [{ code: 'Cover', path: 'x.pdf' }] },
				],
				shipments: [{ shipTo: { name: 'A' }, carrier: {} }, { shipTo: { name: 'B', address1: 'x', town: 'y', postcode: 'z', isoCountry: 'GB' } }],
			},
		};
		const reply = await siteFlow(base, 'POST', '/api/order/validate', { body });
		expect(reply.status).toBe(400);
		expect(reply.body.success).toBe(false);
		expect(reply.body.error).toMatchObject({ code: 208, message: 'Validation failed' });
		const paths = reply.body.error.validations.map((entry: { path: string }) => entry.path);
		expect(paths.sort()).toEqual(
			[
				'destination.name',
				'orderData.sourceOrderId',
				'orderData.items[0].sourceItemId',
				'orderData.items[0].sku',
				'orderData.items[0].quantity',
				'orderData.items[0].shipmentIndex',
				'orderData.items[0].components[0].code',
				'orderData.items[0].components[0].path',
				'orderData.items[1].sku',
				'orderData.items[1].components',
				'orderData.items[2].components[0].code',
				'orderData.shipments[0].shipTo.address1',
				'orderData.shipments[0].shipTo.town',
				'orderData.shipments[0].shipTo.isoCountry',
				'orderData.shipments[0].shipTo.postcode',
				'orderData.shipments[0].carrier.code',
				'orderData.shipments[0].carrier.service',
				'orderData.shipments[1].carrier',
			].sort(),
		);
		for (const entry of reply.body.error.validations) expect(entry.message).toEqual(expect.any(String));
	});

	it('requires items and shipments to be non-empty, and accepts localFile without path, alias carriers and sourceProductId', async () => {
		const empty = await siteFlow(base, 'POST', '/api/order/validate', {
			body: { destination: { name: 'hp.sandbox-psp' }, orderData: { sourceOrderId: 'E', items: [], shipments: [] } },
		});
		expect(empty.body.error.validations.map((entry: { path: string }) => entry.path)).toEqual(['orderData.items', 'orderData.shipments']);
		const order = validOrder({ localFile: true });
		delete order.orderData.items[0].components[0].path;
		order.orderData.items[0] = { ...order.orderData.items[0], sku: undefined, sourceProductId: 'FLY-A5' };
		order.orderData.shipments[0].carrier = { alias: 'pickup' };
		const reply = await siteFlow(base, 'POST', '/api/order/validate', { body: order });
		expect(reply.status).toBe(200);
		expect(reply.body.orderData.shipments[0].carrier).toMatchObject({ alias: 'pickup', code: 'customer', service: 'pickup' });
		expect(reply.body.orderData.items[0].productDescription).toBe('A5 Flyer');
	});

	it('refuses a malformed JSON body with 400', async () => {
		const reply = await siteFlow(base, 'POST', '/api/order/validate', { rawBody: '{"destination": ' });
		expect(reply.status).toBe(400);
		expect(reply.body.error.message).toMatch(/Invalid JSON/);
	});
});

describe('submit (O2, O4) and duplicates', () => {
	it('answers 201 {order, success:true} with ids, defaults and upload URLs', async () => {
		const order = validOrder({ fetch: false, path: 'cards.pdf' });
		order.orderData.stockItems = [{ code: 'ENV-C6-WHT', quantity: 100 }];
		const reply = await siteFlow(base, 'POST', '/api/order', { body: order });
		expect(reply.status).toBe(201);
		expect(reply.body.success).toBe(true);
		const created = reply.body.order;
		expect(created._id).toMatch(/^[0-9a-f]{24}$/);
		expect(created.source).toEqual({ id: expect.any(String), name: 'sandbox-brand' });
		expect(created.orderData).toMatchObject({ status: 'dataready', amount: 0, currency: 'GBP', postbackMethod: 'none', printType: 'digital', tags: [], reprint: false });
		const item = created.orderData.items[0];
		expect(item).toMatchObject({ status: 'live', printQuantity: 100, shipmentIndex: 0 });
		expect(item._id).toMatch(/^[0-9a-f]{24}$/);
		expect(item.components[0]._id).toMatch(/^[0-9a-f]{24}$/);
		expect(created.orderData.shipments[0]).toMatchObject({ status: 'live', labelName: 'default', pspBranding: true, canShipEarly: true });
		expect(created.orderData.shipments[0].carrier.serviceId).toEqual(expect.any(String));
		expect(created.orderData.stockItems[0]._id).toEqual(expect.any(String));
		expect(created.files).toHaveLength(1);
		expect(created.files[0]).toMatchObject({ componentId: item.components[0]._id, orderId: created._id, fetch: false, localFile: false, status: 'notreceived', type: 'artwork' });
		expect(created.files[0].url).toMatch(new RegExp(`^${base}/_uploads/[0-9a-f]{24}\\?signature=`));
		expect(created.logs[0]).toMatchObject({ level: 'info', resourceId: created._id, resourceType: 'order' });
	});

	it('submits through a routing rule', async () => {
		const reply = await siteFlow(base, 'POST', '/api/order/route/12ab34cd56ef', { body: validOrder() });
		expect(reply.status).toBe(201);
		expect(reply.body.order.routingRule).toEqual({ key: '12ab34cd56ef' });
	});

	it('refuses a duplicate sourceOrderId on validate and submit, per source account', async () => {
		await submit(validOrder({ sourceOrderId: 'DUP-1' }));
		const expected = { success: false, error: { message: 'Source Order ID already exists', code: 400 } };
		const again = await siteFlow(base, 'POST', '/api/order', { body: validOrder({ sourceOrderId: 'DUP-1' }) });
		expect(again.status).toBe(400);
		expect(again.body).toMatchObject(expected);
		const validate = await siteFlow(base, 'POST', '/api/order/validate', { body: validOrder({ sourceOrderId: 'DUP-1' }) });
		expect(validate.status).toBe(400);
		expect(validate.body).toMatchObject(expected);
		// the gateway key is the same source account
		expect((await gateway(base, 'POST', '/siteflow/api/order', { body: validOrder({ sourceOrderId: 'DUP-1' }) })).status).toBe(400);
		const other = await startSandbox({ port: 0, tokens: [{ token: 'other', secret: 'x', account: 'other-brand' }] });
		try {
			await siteFlow(other.url, 'POST', '/api/order', { body: validOrder({ sourceOrderId: 'DUP-1' }) });
			const elsewhere = await siteFlow(other.url, 'POST', '/api/order', { id: 'other', secret: 'x', body: validOrder({ sourceOrderId: 'DUP-1' }) });
			expect(elsewhere.status).toBe(201);
		} finally {
			await other.close();
		}
	});

	it('an order submitted through the gateway is readable with the token', async () => {
		const reply = await gateway(base, 'POST', '/siteflow/api/order', { body: validOrder({ sourceOrderId: 'GW-1' }) });
		expect(reply.status).toBe(201);
		const read = await siteFlow(base, 'GET', `/api/order/${reply.body.order._id}`);
		expect(read.status).toBe(200);
		expect(read.body.orderData.sourceOrderId).toBe('GW-1');
	});
});

describe('read (O5–O8)', () => {
	it('gets by id, 404 for unknown ids', async () => {
		const order = await submit();
		const reply = await siteFlow(base, 'GET', `/api/order/${order._id}`);
		expect(reply.status).toBe(200);
		expect(reply.body._id).toBe(order._id);
		const missing = await siteFlow(base, 'GET', '/api/order/000000000000000000000000');
		expect(missing.status).toBe(404);
		expect(missing.body).toEqual(NOT_FOUND);
	});

	it('gets by sourceOrderId, decoding the path parameter', async () => {
		const order = await submit(validOrder({ sourceOrderId: 'ORDER 01/Ä+' }));
		const reply = await siteFlow(base, 'GET', `/api/order/bysourceid/${encodeURIComponent('ORDER 01/Ä+')}`);
		expect(reply.status).toBe(200);
		expect(reply.body._id).toBe(order._id);
	});

	it('gives details with shipments only when asked (includes[]=shipments)', async () => {
		const order = await submit();
		const plain = await siteFlow(base, 'GET', `/api/order/details/${order._id}`);
		expect(plain.body).toMatchObject({ orderId: order._id, order: { _id: order._id, orderData: { status: 'dataready' } } });
		expect(plain.body.shipments).toBeUndefined();
		const detailed = await siteFlow(base, 'GET', `/api/order/details/${order._id}?includes[]=shipments`);
		expect(detailed.body.shipments).toHaveLength(1);
		expect(detailed.body.shipments[0].carrier.code).toBe('royalmail');
		expect((await siteFlow(base, 'GET', '/api/order/details/000000000000000000000000')).body).toEqual(NOT_FOUND);
	});

	it('lists with paging, sort, direction and status filter', async () => {
		const fresh = await startSandbox({ port: 0 });
		try {
			const ids: string[] = [];
			for (let index = 0; index < 12; index++) {
				const reply = await siteFlow(fresh.url, 'POST', '/api/order', { body: validOrder({ sourceOrderId: `L-${String(index).padStart(2, '0')}` }) });
				ids.push(reply.body.order._id);
			}
			await siteFlow(fresh.url, 'PUT', `/api/order/${ids[3]}/cancel`);
			const first = await siteFlow(fresh.url, 'GET', '/api/order?page=1&pagesize=5');
			expect(first.body).toMatchObject({ count: 12, page: 1, pages: 3, success: true });
			expect(first.body.data.map((order: { _id: string }) => order._id)).toEqual(ids.slice(0, 5));
			const last = await siteFlow(fresh.url, 'GET', '/api/order?page=3&pagesize=5');
			expect(last.body.data).toHaveLength(2);
			const newest = await siteFlow(fresh.url, 'GET', '/api/order?page=1&pagesize=3&sort=_id&direction=-1');
			expect(newest.body.data.map((order: { _id: string }) => order._id)).toEqual(ids.slice(-3).reverse());
			const bySource = await siteFlow(fresh.url, 'GET', '/api/order?pagesize=2&sort=sourceOrderId&direction=-1');
			expect(bySource.body.data.map((order: { orderData: { sourceOrderId: string } }) => order.orderData.sourceOrderId)).toEqual(['L-11', 'L-10']);
			const cancelled = await siteFlow(fresh.url, 'GET', '/api/order?status=cancelled');
			expect(cancelled.body.count).toBe(1);
			expect(cancelled.body.data[0]._id).toBe(ids[3]);
			const clamped = await siteFlow(fresh.url, 'GET', '/api/order?pagesize=5000');
			expect(clamped.body.pages).toBe(1);
			expect(clamped.body.data).toHaveLength(12);
			await fresh.generateOrders(150);
			const big = await siteFlow(fresh.url, 'GET', '/api/order?pagesize=5000');
			expect(big.body.data).toHaveLength(100);
			expect(big.body.pages).toBe(2);
			const defaults = await siteFlow(fresh.url, 'GET', '/api/order');
			expect(defaults.body).toMatchObject({ page: 1, count: 162 });
			expect(defaults.body.data).toHaveLength(10);
		} finally {
			await fresh.close();
		}
	});
});

describe('change (O10, O11, O13, shipments)', () => {
	it('cancels by id, then refuses to cancel again', async () => {
		const order = await submit();
		const reply = await siteFlow(base, 'PUT', `/api/order/${order._id}/cancel`);
		expect(reply.status).toBe(200);
		expect(reply.body.order.orderData.status).toBe('cancelled');
		const again = await siteFlow(base, 'PUT', `/api/order/${order._id}/cancel`);
		expect(again.status).toBe(400);
		expect(again.body.error.message).toMatch(/already cancelled/);
		expect((await siteFlow(base, 'PUT', '/api/order/000000000000000000000000/cancel')).body).toEqual(NOT_FOUND);
	});

	it('cancels by source account and sourceOrderId, via both schemes', async () => {
		await submit(validOrder({ sourceOrderId: 'ORD-1001' }));
		const reply = await gateway(base, 'PUT', '/siteflow/api/order/sandbox-brand/ORD-1001/cancel');
		expect(reply.status).toBe(200);
		expect(reply.body.order.orderData.status).toBe('cancelled');
		await submit(validOrder({ sourceOrderId: 'ORD 1002' }));
		const native = await siteFlow(base, 'PUT', `/api/order/sandbox-brand/${encodeURIComponent('ORD 1002')}/cancel`);
		expect(native.status).toBe(200);
		expect((await siteFlow(base, 'PUT', '/api/order/someone-else/ORD-1001/cancel')).status).toBe(404);
	});

	it('refuses to cancel a shipped order', async () => {
		const order = await submit();
		const shipped = await siteFlow(base, 'PUT', `/api/shipment/shipped/${order.orderData.shipments[0]._id}`, {
			body: { trackingNumber: 'TRACK-1', trackingUrl: 'https://track.example/TRACK-1', carrier: { code: 'ups' } },
		});
		expect(shipped.status).toBe(200);
		expect(shipped.body.shipment).toMatchObject({ status: 'shipped', trackingNumber: 'TRACK-1', trackingUrl: 'https://track.example/TRACK-1', carrier: { code: 'ups' } });
		expect(shipped.body.shipment.shippedDate).toEqual(expect.any(String));
		expect(shipped.body.order.orderData.status).toBe('shipped');
		const refused = await siteFlow(base, 'PUT', `/api/order/${order._id}/cancel`);
		expect(refused.status).toBe(400);
		expect(refused.body.error.message).toMatch(/shipped/);
		const twice = await siteFlow(base, 'PUT', `/api/shipment/shipped/${order.orderData.shipments[0]._id}`);
		expect(twice.status).toBe(400);
		expect((await siteFlow(base, 'PUT', '/api/shipment/shipped/000000000000000000000000')).status).toBe(404);
	});

	it('marks shipped without a body, generating tracking', async () => {
		const order = await submit();
		const reply = await siteFlow(base, 'PUT', `/api/shipment/shipped/${order.orderData.shipments[0]._id}`);
		expect(reply.status).toBe(200);
		expect(reply.body.shipment.trackingNumber).toMatch(/^1ZSBX/);
		expect(reply.body.shipment.trackingUrl).toMatch(/^https:\/\//);
	});

	it('updates by merging orderData, keeping ids and status', async () => {
		const order = await submit();
		const reply = await siteFlow(base, 'PUT', `/api/order/${order._id}`, {
			body: { orderData: { tags: ['rush'], status: 'shipped', shipments: [{ shipTo: { ...order.orderData.shipments[0].shipTo, address2: 'Flat 2' } }] } },
		});
		expect(reply.status).toBe(200);
		expect(reply.body.order.orderData.tags).toEqual(['rush']);
		expect(reply.body.order.orderData.status).toBe('dataready');
		expect(reply.body.order.orderData.shipments[0]._id).toBe(order.orderData.shipments[0]._id);
		expect(reply.body.order.orderData.shipments[0].shipTo.address2).toBe('Flat 2');
		const read = await siteFlow(base, 'GET', `/api/order/${order._id}`);
		expect(read.body.orderData.tags).toEqual(['rush']);
		expect((await siteFlow(base, 'PUT', '/api/order/000000000000000000000000', { body: {} })).status).toBe(404);
	});

	it('answers 405 for a known path with the wrong method and 404 for an unknown path', async () => {
		expect((await siteFlow(base, 'DELETE', '/api/order/validate')).status).toBe(405);
		const unknown = await siteFlow(base, 'GET', '/api/nothing/here');
		expect(unknown.status).toBe(404);
		expect(unknown.body.error.message).toContain('/api/nothing/here');
	});
});
