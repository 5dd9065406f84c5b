/**
 * Batches as n8n users expect them (README "Errors and batches"), both action nodes in n8n-core's
 * real WorkflowExecute against the sandbox:
 * - n8n's three error modes, with the error output getting each failed item and only those;
 * - every item's local checks before the first request of the batch;
 * - with "Stop Workflow", a refusal stops the batch and the error lists what was done;
 * - no two items of a batch create the same order;
 * - an operation that turns one item into one item keeps the input's binary.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runBox } from './box/boxKit';
import { DESTINATION, validOrder, type LooseOrder } from '../helpers/siteFlowOrders';
import { useSiteFlowSandbox, type Auth } from '../helpers/siteFlowSandbox';

const harness = useSiteFlowSandbox();
const { run } = harness;

const SUBMIT = { resource: 'order', operation: 'submit', inputMode: 'json', orderJson: '={{ $json.order }}' };

/** A refused order passes every local check; PrintOS refuses its unknown SKU. */
function refusedOrder(sourceOrderId: string): LooseOrder {
	const order = validOrder(sourceOrderId);
	order.orderData.items[0].sku = 'No Such SKU';
	return order;
}

function orderItems(prefix: string, count: number, refused: number[] = []): INodeExecutionData[] {
	return Array.from({ length: count }, (_, index) => ({
		json: { order: refused.includes(index) ? refusedOrder(`${prefix}-${index}`) : validOrder(`${prefix}-${index}`) },
	}));
}

function ordersOf(sourceOrderId: string) {
	return harness.sandbox().orders({ sourceOrderId });
}

function submissionPosts(path: string, family?: string) {
	return harness.apiRequests().filter((entry) => entry.method === 'POST' && entry.path === path && (!family || entry.family === family));
}

function errorOf(item: INodeExecutionData): IDataObject {
	return item.json.error as IDataObject;
}

describe('error modes', () => {
	const refused = [3, 7, 11];

	it('Stop Workflow: a refused order fails the execution and the node outputs nothing', async () => {
		const result = await run({ ...SUBMIT, submitTarget: 'siteFlowApi' }, { items: orderItems('STOP', 12, refused) });
		expect(result.error?.message).toMatch(/Validation failed/);
		expect(result.error?.httpCode).toBe('400');
		expect(result.outputs).toEqual([]);
	});

	it('Continue (regular output): each failed item stays in the main output with its error, paired', async () => {
		const result = await run(
			{ ...SUBMIT, submitTarget: 'siteFlowApi' },
			{ items: orderItems('REG', 12, refused), onError: 'continueRegularOutput' },
		);
		expect(result.error).toBeUndefined();
		expect(result.outputs).toHaveLength(1);
		expect(result.items).toHaveLength(12);
		expect(result.items.map((item) => item.pairedItem)).toEqual(Array.from({ length: 12 }, (_, item) => ({ item })));
		const failed = result.items.filter((item) => item.json.error);
		expect(failed.map((item) => item.pairedItem)).toEqual(refused.map((item) => ({ item })));
		for (const [position, item] of failed.entries()) {
			expect(Object.keys(item.json)).toEqual(['error']);
			expect(errorOf(item)).toMatchObject({
				message: expect.stringMatching(/^Validation failed: 1 validation error — .*No Such SKU/),
				httpCode: 400,
				sourceOrderId: `REG-${refused[position]}`,
			});
		}
		expect(harness.sandbox().orders()).toHaveLength(9);
	});

	it('Continue (using error output): failed items, and only they, go to the error output', async () => {
		const items = orderItems('ERR', 12, refused);
		// a locally invalid order goes there too
		(items[5].json.order as LooseOrder).orderData.shipments[0].carrier = {};
		const result = await run({ ...SUBMIT, submitTarget: 'siteFlowApi' }, { items, onError: 'continueErrorOutput' });
		expect(result.error).toBeUndefined();
		const [success, errors] = result.outputs;
		expect(success.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 4, 6, 8, 9, 10].map((item) => ({ item })),
		);
		expect(success.every((item) => item.json.error === undefined && typeof item.json._id === 'string')).toBe(true);
		expect(errors.map((item) => item.pairedItem)).toEqual([3, 5, 7, 11].map((item) => ({ item })));
		for (const item of errors) {
			const index = (item.pairedItem as { item: number }).item;
			// n8n puts the input item's fields next to the error
			expect(item.json.order).toEqual(items[index].json.order);
			expect(errorOf(item).message).toEqual(expect.any(String));
		}
		expect(errorOf(errors[0])).toMatchObject({ httpCode: 400, sourceOrderId: 'ERR-3', validations: [expect.objectContaining({ message: expect.stringMatching(/No Such SKU/) })] });
		expect(errorOf(errors[1])).toMatchObject({
			message: expect.stringMatching(/^Item 5: the order is not valid: orderData.shipments\[0\].carrier/),
			description: expect.stringMatching(/^Nothing was sent to PrintOS/),
		});
		expect(errorOf(errors[1]).httpCode).toBeUndefined();
		expect(harness.sandbox().orders()).toHaveLength(8);
	});

	it('Continue (using error output): Site Flow Order Get and Box Folder Get 404s go to the error output', async () => {
		const created = await run({ ...SUBMIT, submitTarget: 'siteFlowApi' }, { items: orderItems('GET', 1) });
		const id = created.items[0].json._id as string;
		const missing = '0123456789abcdef01234567';
		const siteFlow = await run(
			{ resource: 'order', operation: 'get', getBy: 'id', orderId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			{ items: [{ json: { id } }, { json: { id: missing } }], onError: 'continueErrorOutput' },
		);
		expect(siteFlow.outputs[0].map((item) => item.json._id)).toEqual([id]);
		expect(siteFlow.outputs[1]).toHaveLength(1);
		expect(siteFlow.outputs[1][0]).toMatchObject({ json: { id: missing, error: { message: 'Order not found', httpCode: 404 } }, pairedItem: { item: 1 } });

		const box = await runBox(
			harness.sandbox(),
			{ resource: 'folder', operation: 'get', folderId: { __rl: true, mode: 'id', value: missing } },
			{ onError: 'continueErrorOutput' },
		);
		expect(box.outputs[0]).toEqual([]);
		expect(box.outputs[1]).toEqual([{ json: { error: { message: 'Folder not found', httpCode: 404 } }, pairedItem: { item: 0 } }]);
	});
});

describe('local checks run for every item before the first request', () => {
	function mixedBatch(): INodeExecutionData[] {
		const items = orderItems('LOC', 6);
		(items[1].json.order as LooseOrder).orderData.shipments[0].carrier = {};
		items[3].json.order = '{"destination": {"name": "x"}, "orderData": ';
		(items[4].json.order as LooseOrder).orderData.items[0].quantity = 'many';
		return items;
	}

	it('Stop Workflow: nothing is sent and the error lists every invalid item with its field', async () => {
		const result = await run({ ...SUBMIT, submitTarget: 'siteFlowApi' }, { items: mixedBatch() });
		expect(result.error?.message).toBe('3 of 6 items are invalid (items 1, 3–4); nothing was sent to PrintOS');
		const description = result.error?.description ?? '';
		expect(description).toMatch(/^Nothing was sent to PrintOS for any of the 6 items of this batch/);
		expect(description).toMatch(/- Item 1: .*orderData\.shipments\[0\]\.carrier/);
		expect(description).toMatch(/- Item 3: .*JSON/i);
		expect(description).toMatch(/- Item 4: .*orderData\.items\[0\]\.quantity/);
		expect(harness.apiRequests()).toEqual([]);
	});

	it('even when the first items are valid and many are in parallel', async () => {
		const items = orderItems('LATE', 30);
		(items[29].json.order as LooseOrder).orderData.sourceOrderId = '';
		const result = await run({ ...SUBMIT, submitTarget: 'siteFlowApi', requestOptions: { concurrency: 30 } }, { items });
		expect(result.error?.message).toMatch(/^Item 29: .*sourceOrderId/);
		expect(harness.apiRequests()).toEqual([]);
		expect(harness.sandbox().orders()).toEqual([]);
	});

	it('continue modes: invalid items become error items and only the valid ones are sent', async () => {
		const result = await run({ ...SUBMIT, submitTarget: 'siteFlowApi' }, { items: mixedBatch(), onError: 'continueErrorOutput' });
		expect(result.outputs[1].map((item) => item.pairedItem)).toEqual([1, 3, 4].map((item) => ({ item })));
		expect(submissionPosts('/api/order')).toHaveLength(3);
	});
});

/** `sourceOrderId "X" → id` pairs of a stop report. */
function reportedOrders(description: string): Map<string, string> {
	return new Map([...description.matchAll(/sourceOrderId "([^"]+)"\) → ([0-9a-f]{24})/g)].map((match) => [match[1], match[2]]));
}

function notSentItems(description: string): number[] {
	const line = /Not sent \(\d+\): items ([^.]+)\./.exec(description)?.[1] ?? '';
	return line
		.split(', ')
		.filter(Boolean)
		.flatMap((part) => {
			const [from, to] = part.split('–').map(Number);
			return Array.from({ length: (to ?? from) - from + 1 }, (_, offset) => from + offset);
		});
}

describe('Stop Workflow: a refusal stops the batch and says what was done', () => {
	it('one at a time: the five orders before the refused sixth are created and listed, nothing after', async () => {
		const result = await run(
			{ ...SUBMIT, submitTarget: 'siteFlowApi', requestOptions: { concurrency: 1 } },
			{ items: orderItems('SEQ', 25, [5]) },
		);
		expect(result.error?.message).toMatch(/Validation failed/);
		const description = result.error?.description ?? '';
		const reported = reportedOrders(description);
		expect([...reported.keys()]).toEqual(['SEQ-0', 'SEQ-1', 'SEQ-2', 'SEQ-3', 'SEQ-4']);
		for (const [sourceOrderId, id] of reported) expect(ordersOf(sourceOrderId).map((order) => order._id)).toEqual([id]);
		expect(harness.sandbox().orders()).toHaveLength(5);
		expect(notSentItems(description)).toEqual(Array.from({ length: 19 }, (_, offset) => 6 + offset));
		expect(submissionPosts('/api/order')).toHaveLength(6);
	});

	it.each([1, 10, 25])('%i in parallel: the orders created are exactly those the error lists', async (concurrency) => {
		harness.sandbox().setFaults({ latencyMs: 20 });
		const result = await run(
			{ ...SUBMIT, submitTarget: 'siteFlowApi', requestOptions: { concurrency } },
			{ items: orderItems('PAR', 25, [5]) },
		);
		expect(result.error?.message).toMatch(/Validation failed/);
		expect(result.error?.context?.itemIndex).toBe(5);
		const description = result.error?.description ?? '';
		const reported = reportedOrders(description);
		const created = new Map(harness.sandbox().orders().map((order) => [order.orderData.sourceOrderId as string, order._id as string]));
		expect(created).toEqual(reported);
		const notSent = notSentItems(description);
		for (const item of notSent) expect(ordersOf(`PAR-${item}`)).toEqual([]);
		// every item is accounted for: done, the refused one, or not sent
		expect(reported.size + 1 + notSent.length).toBe(25);
		expect(submissionPosts('/api/order')).toHaveLength(reported.size + 1);
	});
});

describe('no two items of a batch create the same order', () => {
	const targets: Array<[string, Auth, string, string, string]> = [
		['the Site Flow API', 'siteFlowApi', 'siteFlowApi', '/api/order', 'siteFlow'],
		['the order service', 'siteFlowApi', 'orderService', '/api/order', 'orderService'],
		['the gateway', 'printOsApi', 'siteFlowApi', '/siteflow/api/order', 'gatewaySiteFlow'],
	];

	function batchWithRepeat(prefix: string): INodeExecutionData[] {
		return [`${prefix}-A`, `${prefix}-B`, `${prefix}-A`, `${prefix}-C`].map((id) => ({ json: { order: validOrder(id) } }));
	}

	it.each(targets)('%s: Stop Workflow refuses the later item before anything is sent', async (_name, auth, submitTarget) => {
		const result = await run({ ...SUBMIT, submitTarget, requestOptions: { concurrency: 10 } }, { auth, items: batchWithRepeat('DS') });
		expect(result.error?.message).toBe(
			`Item 2: same sourceOrderId as item 0 of this batch ("DS-A" for destination "${DESTINATION}"): it would create the same order twice`,
		);
		expect(harness.apiRequests()).toEqual([]);
	});

	it.each(targets)('%s: continue modes send the first and refuse the later one', async (_name, auth, submitTarget, path, family) => {
		const result = await run(
			{ ...SUBMIT, submitTarget, requestOptions: { concurrency: 10 } },
			{ auth, items: batchWithRepeat('DC'), onError: 'continueErrorOutput' },
		);
		expect(result.outputs[0].map((item) => item.pairedItem)).toEqual([0, 1, 3].map((item) => ({ item })));
		expect(result.outputs[1]).toHaveLength(1);
		expect(result.outputs[1][0].pairedItem).toEqual({ item: 2 });
		expect(errorOf(result.outputs[1][0])).toMatchObject({
			message: expect.stringMatching(/^Item 2: same sourceOrderId as item 0 of this batch/),
			sourceOrderId: 'DC-A',
		});
		expect(submissionPosts(path, family)).toHaveLength(3);
	});

	it('the same sourceOrderId for another destination is not a repeat', async () => {
		const other = validOrder('DD-A');
		other.destination.name = 'another-psp';
		const result = await run(
			{ ...SUBMIT, submitTarget: 'siteFlowApi' },
			{ items: [{ json: { order: validOrder('DD-A') } }, { json: { order: other } }], onError: 'continueRegularOutput' },
		);
		expect(JSON.stringify(result.items)).not.toMatch(/same sourceOrderId/);
		expect(submissionPosts('/api/order')).toHaveLength(2);
	});
});

describe('binary data passes through one-item-in, one-item-out operations', () => {
	const binary = { data: { data: Buffer.from('%PDF-1.4 passthrough').toString('base64'), mimeType: 'application/pdf', fileName: 'a.pdf' } };

	it('Box Folder Create keeps the input binary', async () => {
		const result = await runBox(harness.sandbox(), { resource: 'folder', operation: 'create', name: 'With binary' }, { items: [{ json: {}, binary }] });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json._id).toEqual(expect.any(String));
		expect(result.items[0].binary?.data).toMatchObject({ mimeType: 'application/pdf', fileName: 'a.pdf' });
	});

	it('Site Flow Order Submit and Order Get keep the input binary; Get Many (many items out) does not', async () => {
		const submitted = await run({ ...SUBMIT, submitTarget: 'siteFlowApi' }, { items: [{ json: { order: validOrder('BIN-1') }, binary }] });
		expect(submitted.items[0].binary?.data).toMatchObject({ fileName: 'a.pdf' });
		const id = submitted.items[0].json._id as string;
		const got = await run(
			{ resource: 'order', operation: 'get', getBy: 'id', orderId: { __rl: true, mode: 'id', value: id } },
			{ items: [{ json: {}, binary }] },
		);
		expect(got.items[0].json._id).toBe(id);
		expect(got.items[0].binary?.data).toMatchObject({ fileName: 'a.pdf' });
		const many = await run({ resource: 'order', operation: 'getAll', returnAll: true }, { items: [{ json: {}, binary }] });
		expect(many.items.length).toBeGreaterThan(0);
		expect(many.items.every((item) => item.binary === undefined)).toBe(true);
	});
});
