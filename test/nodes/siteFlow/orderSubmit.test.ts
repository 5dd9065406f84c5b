/**
 * Order: Validate and Submit against the sandbox, through both credentials: Fields and JSON input,
 * local checks that stop bad input before any request, PrintOS validation errors, duplicates,
 * 429 then success, and the no-duplicates rule when a submission loses its connection.
 */
import type { IDataObject } from 'n8n-workflow';

import { validOrder, validOrderFields } from '../../helpers/siteFlowOrders';
import { BOTH_AUTHS, expectNoSecret, useSiteFlowSandbox } from '../../helpers/siteFlowSandbox';

const harness = useSiteFlowSandbox();
const { run } = harness;

function submitFields(sourceOrderId: string, extra: IDataObject = {}): IDataObject {
	return {
		resource: 'order',
		operation: 'submit',
		submitTarget: 'siteFlowApi',
		inputMode: 'fields',
		...validOrderFields(sourceOrderId, 'https://example.com/artwork/card.pdf'),
		...extra,
	};
}

function submitJson(order: IDataObject, extra: IDataObject = {}): IDataObject {
	return { resource: 'order', operation: 'submit', submitTarget: 'siteFlowApi', inputMode: 'json', orderJson: order, ...extra };
}

function orderPosts(path = '/order') {
	return harness.apiRequests().filter((request) => request.method === 'POST' && request.path.endsWith(path));
}

/** The order service answers `/api/order` on its own port, like orders.oneflow.io. */
function orderServicePosts() {
	return orderPosts('/api/order').filter((request) => request.family === 'orderService');
}

describe.each(BOTH_AUTHS)('Order: Submit with %s', (auth) => {
	it('submits a Fields order once and reports it as submitted', async () => {
		const result = await run(submitFields(`SUB-F-${auth}`), { auth });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const output = result.items[0].json;
		expect(output.submission).toEqual({ target: 'siteFlowApi', outcome: 'submitted', requests: 1, sourceOrderId: `SUB-F-${auth}` });
		expect(output._id).toMatch(/^[0-9a-f]{24}$/);
		expect((output.orderData as IDataObject).tags).toEqual(['rush', 'n8n']);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		const stored = harness.sandbox().orders({ sourceOrderId: `SUB-F-${auth}` });
		expect(stored).toHaveLength(1);
		expect(stored[0].orderData.items[0]).toMatchObject({ sku: 'Business Cards', quantity: 2 });
		expect(orderPosts()).toHaveLength(1);
		expect(orderPosts()[0].family).toBe(auth === 'printOsApi' ? 'gatewaySiteFlow' : 'siteFlow');
		expectNoSecret(result);
	});

	it('submits a JSON order given as text', async () => {
		const result = await run(submitJson(JSON.stringify(validOrder(`SUB-J-${auth}`)) as unknown as IDataObject), { auth });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.submission).toMatchObject({ outcome: 'submitted' });
		expect(harness.sandbox().orders({ sourceOrderId: `SUB-J-${auth}` })).toHaveLength(1);
	});

	it('refuses a duplicate sourceOrderId with PrintOS’s message, creating nothing more', async () => {
		expect((await run(submitJson(validOrder('DUP-1')), { auth })).error).toBeUndefined();
		const second = await run(submitJson(validOrder('DUP-1')), { auth });
		expect(second.error?.message).toBe('Source Order ID already exists');
		expect(second.error?.httpCode).toBe('400');
		expect(harness.sandbox().orders({ sourceOrderId: 'DUP-1' })).toHaveLength(1);
		expect(orderPosts()).toHaveLength(2);
	});

	it('never sends twice after a lost connection: finds the order by sourceOrderId', async () => {
		harness.sandbox().setFaults({ dropAfterProcessing: { count: 1, match: { method: 'POST', path: auth === 'printOsApi' ? '/siteflow/api/order' : '/api/order' } } });
		const result = await run(submitJson(validOrder('LOST-1')), { auth });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.submission).toMatchObject({ outcome: 'confirmedAfterConnectionLoss', requests: 1 });
		expect(result.items[0].json._id).toBe(harness.sandbox().orders({ sourceOrderId: 'LOST-1' })[0]._id);
		expect(harness.sandbox().orders({ sourceOrderId: 'LOST-1' })).toHaveLength(1);
		expect(orderPosts()).toHaveLength(1);
		const lookups = harness.apiRequests().filter((request) => request.path.endsWith('/order/bysourceid/LOST-1'));
		expect(lookups).toHaveLength(1);
	});

	it('retries a 429 on submit, then succeeds with one order', async () => {
		// Retry-After: 0 keeps the test quick; the transport honours whatever the sandbox sends (default 1 s)
		harness.sandbox().setFaults({ failNext: { count: 2, status: 429, match: { method: 'POST' }, retryAfterSeconds: 0 } });
		const result = await run(submitJson(validOrder('RATE-1')), { auth });
		expect(result.error).toBeUndefined();
		expect(orderPosts().map((request) => request.status)).toEqual([429, 429, 201]);
		expect(harness.sandbox().orders({ sourceOrderId: 'RATE-1' })).toHaveLength(1);
	});

	it('never retries a 503 on submit', async () => {
		harness.sandbox().setFaults({ failNext: { count: 1, status: 503, match: { method: 'POST' } } });
		const result = await run(submitJson(validOrder('FIVE-1')), { auth });
		expect(result.error?.httpCode).toBe('503');
		expect(orderPosts()).toHaveLength(1);
		expect(harness.sandbox().orders({ sourceOrderId: 'FIVE-1' })).toHaveLength(0);
	});

	it('reports a wrong secret as 401 without leaking either secret', async () => {
		const result = await run(submitJson(validOrder('AUTH-1')), { auth, secret: 'wrong-secret-value' });
		expect(result.error?.httpCode).toBe('401');
		expect(result.error?.description).toMatch(/refused the HP (Site Flow|PrintOS) API credential/);
		expectNoSecret(result, 'wrong-secret-value');
		expectNoSecret(result);
		expect(harness.sandbox().orders()).toHaveLength(0);
	});
});

describe('Order: Submit after a lost connection', () => {
	it('lost before PrintOS processed it: finds no order by sourceOrderId, re-sends once, one order exists', async () => {
		harness.sandbox().setFaults({ dropBeforeProcessing: { count: 1, match: { method: 'POST', path: '/api/order' } } });
		const result = await run(submitJson(validOrder('LOST-0')));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.submission).toMatchObject({ outcome: 'resubmittedAfterConnectionLoss', requests: 2, target: 'siteFlowApi' });
		expect(harness.apiRequests().map((request) => `${request.method} ${request.path} ${request.dropped ? 'dropped' : request.status}`)).toEqual([
			'POST /api/order dropped',
			'GET /api/order/bysourceid/LOST-0 404',
			'POST /api/order 201',
		]);
		const stored = harness.sandbox().orders({ sourceOrderId: 'LOST-0' });
		expect(stored).toHaveLength(1);
		expect(result.items[0].json._id).toBe(stored[0]._id);
	});

	it('re-sends once when the order is not found; the second answer is final', async () => {
		// The server refuses this order (unknown SKU) but the answer is lost, so no order exists.
		harness.sandbox().setFaults({ dropAfterProcessing: { count: 1, match: { method: 'POST', path: '/api/order' } } });
		const order = validOrder('LOST-3');
		order.orderData.items[0].sku = 'No Such SKU';
		const result = await run(submitJson(order));
		expect(result.error?.message).toMatch(/^Validation failed/);
		expect(orderPosts()).toHaveLength(2);
		expect(harness.apiRequests().filter((request) => request.path.includes('/bysourceid/'))).toHaveLength(1);
		expect(harness.sandbox().orders()).toHaveLength(0);
	});

	it('routing rule: a lost answer is confirmed by sourceOrderId, never re-sent', async () => {
		harness.sandbox().setFaults({ dropAfterProcessing: { count: 1, match: { method: 'POST', path: '/api/order/route/' } } });
		const result = await run(submitJson(validOrder('LOST-4'), { submitTarget: 'routingRule', routingRuleKey: '12ab34cd56ef' }));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.submission).toMatchObject({ target: 'routingRule', outcome: 'confirmedAfterConnectionLoss' });
		expect(orderPosts('/api/order/route/12ab34cd56ef')).toHaveLength(1);
		expect(harness.sandbox().orders({ sourceOrderId: 'LOST-4' })).toHaveLength(1);
		expect(harness.sandbox().orders({ sourceOrderId: 'LOST-4' })[0].routingRule).toEqual({ key: '12ab34cd56ef' });
	});

	it('order service: a lost answer is confirmed through the Site Flow API, never re-sent', async () => {
		harness.sandbox().setFaults({ dropAfterProcessing: { count: 1, match: { method: 'POST', path: '/api/order', family: 'orderService' } } });
		const result = await run(submitJson(validOrder('LOST-5'), { submitTarget: 'orderService' }));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.submission).toMatchObject({ target: 'orderService', outcome: 'confirmedAfterConnectionLoss' });
		expect(harness.sandbox().orders({ sourceOrderId: 'LOST-5' })).toHaveLength(1);
		expect(orderServicePosts()).toHaveLength(1);
	});

	it('order service: when the order is not visible, the outcome is reported unknown and nothing is re-sent', async () => {
		harness.sandbox().setFaults({ dropAfterProcessing: { count: 1, match: { method: 'POST', path: '/api/order', family: 'orderService' } } });
		const order = validOrder('LOST-6');
		order.orderData.items[0].sku = 'No Such SKU';
		const result = await run(submitJson(order, { submitTarget: 'orderService' }));
		expect(result.error?.message).toMatch(/outcome of submitting order "LOST-6" to the asynchronous order service is unknown/);
		expect(result.error?.message).toMatch(/It was not sent again/);
		expect(orderServicePosts()).toHaveLength(1);
		// looked up a few times, since the service processes asynchronously
		expect(harness.apiRequests().filter((request) => request.path.endsWith('/bysourceid/LOST-6')).length).toBeGreaterThan(1);
		expect(harness.sandbox().submissionErrors()).toHaveLength(1);
	});
});

describe('Order: Submit targets', () => {
	it('submits to the asynchronous order service and returns its receipt', async () => {
		const result = await run(submitFields('SVC-1', { submitTarget: 'orderService' }));
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ _id: expect.stringMatching(/^[0-9a-f]{24}$/), url: expect.any(String) });
		expect(result.items[0].json.submission).toMatchObject({ target: 'orderService', outcome: 'submitted' });
		expect(orderServicePosts()).toHaveLength(1);
		expect(harness.sandbox().orders({ sourceOrderId: 'SVC-1' })[0]._id).toBe(result.items[0].json._id);
	});

	it('refuses the order service with the gateway credential before sending anything', async () => {
		const result = await run(submitFields('SVC-2', { submitTarget: 'orderService', submitOptions: { validateFirst: true } }), {
			auth: 'printOsApi',
		});
		expect(result.error?.message).toMatch(/only with the HP Site Flow API credential/);
		expect(harness.apiRequests()).toHaveLength(0);
	});

	it('submits through a routing rule key', async () => {
		const result = await run(submitFields('ROUTE-1', { submitTarget: 'routingRule', routingRuleKey: 'ab12' }), { auth: 'printOsApi' });
		expect(result.error).toBeUndefined();
		expect(orderPosts('/siteflow/api/order/route/ab12')).toHaveLength(1);
		expect(result.items[0].json.submission).toMatchObject({ target: 'routingRule', outcome: 'submitted' });
	});

	it('requires the routing rule key before anything is sent', async () => {
		const result = await run(submitFields('ROUTE-2', { submitTarget: 'routingRule', routingRuleKey: ' ' }));
		expect(result.error?.message).toBe('The "Routing Rule Key" parameter is empty [item 0]');
		expect(harness.apiRequests()).toHaveLength(0);
	});
});

describe('Order: Validate', () => {
	it.each(BOTH_AUTHS)('returns the expanded order with %s and creates nothing', async (auth) => {
		const result = await run({ resource: 'order', operation: 'validate', inputMode: 'json', orderJson: validOrder('VAL-1') }, { auth });
		expect(result.error).toBeUndefined();
		expect((result.items[0].json.destination as IDataObject).id).toBeTruthy();
		expect(harness.sandbox().orders()).toHaveLength(0);
		expect(harness.apiRequests().map((request) => request.path)).toEqual([
			auth === 'printOsApi' ? '/siteflow/api/order/validate' : '/api/order/validate',
		]);
	});

	it('lists every PrintOS validation message (code 208) in the error', async () => {
		const order = validOrder('VAL-2');
		order.destination.name = 'hp.nobody';
		order.orderData.items[0].sku = 'No Such SKU';
		order.orderData.items.push({ ...order.orderData.items[0], sourceItemId: 'VAL-2-2', sku: 'Business Cards' });
		order.orderData.items[1].components = [{ code: 'Cover', path: 'https://example.com/c.pdf', fetch: true }];
		const result = await run({ resource: 'order', operation: 'validate', inputMode: 'json', orderJson: order });
		expect(result.error?.httpCode).toBe('400');
		expect(result.error?.message).toMatch(/^Validation failed: 3 validation errors — /);
		expect(result.error?.message).toContain('destination.name: destination account "hp.nobody" not found');
		expect(result.error?.message).toContain('orderData.items[0].sku: SKU "No Such SKU" not found');
		expect(result.error?.message).toContain('orderData.items[1].components[0].code: component code "Cover" is not defined');
	});

	it('Validate Before Submit stops an order PrintOS refuses', async () => {
		const order = validOrder('VAL-3');
		order.orderData.items[0].sku = 'No Such SKU';
		const result = await run(submitJson(order, { submitOptions: { validateFirst: true } }));
		expect(result.error?.message).toMatch(/Validation failed/);
		expect(harness.apiRequests().map((request) => request.path)).toEqual(['/api/order/validate']);
	});

	it('Validate Before Submit submits a valid order after validating it', async () => {
		const result = await run(submitJson(validOrder('VAL-4'), { submitOptions: { validateFirst: true } }));
		expect(result.error).toBeUndefined();
		expect(harness.apiRequests().map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /api/order/validate',
			'POST /api/order',
		]);
	});
});

describe('bad input stops before any request', () => {
	it.each([
		['validate', 'json'],
		['submit', 'json'],
		['update', 'json'],
		['validate', 'fields'],
		['submit', 'fields'],
	])('%s (%s mode) names the item and the exact path', async (operation, inputMode) => {
		const fields = validOrderFields('BAD-1', 'https://example.com/a.pdf');
		fields.items!.item![0].components!.component![0].path = '';
		const order = validOrder('BAD-1');
		delete order.orderData.items[0].components[0].path;
		const parameters: IDataObject = {
			resource: 'order',
			operation,
			submitTarget: 'siteFlowApi',
			orderId: { __rl: true, mode: 'id', value: '0123456789abcdef01234567' },
			inputMode,
			...(inputMode === 'json' ? { orderJson: order } : fields),
		};
		const result = await run(parameters);
		expect(result.error?.message).toBe('Item 0: the order is not valid: orderData.items[0].components[0].path is required: the artwork URL (with fetch) or the file name to upload or already at the PSP');
		expect(result.error?.description).toMatch(/^Nothing was sent to PrintOS/);
		expect(harness.apiRequests()).toHaveLength(0);
	});

	it('lists every problem of a Fields order with empty items and shipments', async () => {
		const result = await run({ resource: 'order', operation: 'submit', submitTarget: 'siteFlowApi', inputMode: 'fields', destination: 'hp.sandbox-psp', sourceOrderId: 'X' });
		expect(result.error?.message).toBe('Item 0: the order is not valid: orderData.shipments must contain at least one shipment (and 1 more problem)');
		expect(result.error?.description).toContain('orderData.items must contain at least one item');
		expect(harness.apiRequests()).toHaveLength(0);
	});

	it('with Continue On Fail, a bad item becomes an error item and the good one is submitted', async () => {
		const good = validOrder('CONT-1');
		const bad = validOrder('CONT-2');
		bad.orderData.shipments[0].carrier = {};
		const result = await run(
			{ resource: 'order', operation: 'submit', submitTarget: 'siteFlowApi', inputMode: 'json', orderJson: '={{ $json.order }}' },
			{ items: [{ json: { order: bad } }, { json: { order: good } }], continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json).toEqual({
			error: {
				message: 'Item 0: the order is not valid: orderData.shipments[0].carrier needs either an alias, or a code and a service (e.g. {"code":"fedex","service":"ground"})',
				description: expect.stringMatching(/^Nothing was sent to PrintOS/),
			},
		});
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[1].json.submission).toMatchObject({ outcome: 'submitted', sourceOrderId: 'CONT-1' });
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(orderPosts()).toHaveLength(1);
	});
});
