/**
 * One order reader: Order: Get and the Site Flow Trigger's Fetch Full Order read the same order the
 * same way, whichever envelope PrintOS answers in (the order itself, `{order}`, a one-element list or
 * `{data: [...]}`), by Site Flow ID and by source order ID alike.
 *
 * The order document is a real one, submitted to and read back from the sandbox; a scripted server
 * then serves it in each envelope, with both readers pointed at it through the same credential.
 */
import type { IDataObject } from 'n8n-workflow';

import { validOrder } from '../../helpers/siteFlowOrders';
import { useSiteFlowSandbox } from '../../helpers/siteFlowSandbox';
import { startScriptedServer, type ScriptedServer } from '../../helpers/scriptedServer';
import { postJson, startTriggerServer, type TriggerServer } from '../trigger/webhookHarness';

const harness = useSiteFlowSandbox();
let printOs: ScriptedServer;
let trigger: TriggerServer;

beforeAll(async () => {
	[printOs, trigger] = await Promise.all([startScriptedServer(), startTriggerServer()]);
});

afterAll(async () => {
	await Promise.all([printOs?.close(), trigger?.close()]);
});

beforeEach(() => {
	trigger.reset();
	printOs.requests.length = 0;
});

async function realOrder(sourceOrderId: string): Promise<IDataObject> {
	const submitted = await harness.run({ resource: 'order', operation: 'submit', submitTarget: 'siteFlowApi', inputMode: 'json', orderJson: validOrder(sourceOrderId) });
	expect(submitted.error).toBeUndefined();
	const id = String(submitted.items[0].json._id);
	const read = await harness.run({ resource: 'order', operation: 'get', getBy: 'id', orderId: { __rl: true, mode: 'id', value: id }, simplify: false });
	expect(read.error).toBeUndefined();
	return read.items[0].json;
}

const ENVELOPES: Array<[string, (order: IDataObject) => unknown]> = [
	['the order itself', (order) => order],
	['{order: …}', (order) => ({ order, success: true })],
	['a one-element list', (order) => [order]],
	['{data: […]}', (order) => ({ data: [order], count: 1 })],
];

function scriptedCredential(): IDataObject {
	return { ...harness.sandbox().credentialData().siteFlowApi, baseUrl: `${printOs.url}/api` };
}

async function viaOrderGet(parameters: IDataObject): Promise<IDataObject> {
	const result = await harness.run(
		{ resource: 'order', operation: 'get', simplify: false, ...parameters },
		{ credentials: { baseUrl: `${printOs.url}/api` } },
	);
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(1);
	return result.items[0].json;
}

async function viaFetchFullOrder(postback: IDataObject): Promise<IDataObject> {
	trigger.configure({
		parameters: { path: 'siteflow', authentication: 'none', fetchOrder: true, orderAuthentication: 'siteFlowApi' },
		credentials: { siteFlowApi: scriptedCredential() as never },
	});
	const response = await postJson(trigger.webhookUrl(), { event: 'Order Received', status: 'dataready', ...postback });
	expect(response.status).toBe(200);
	const [emission] = await trigger.waitForEmissions(1);
	expect(emission.items).toHaveLength(1);
	const item = emission.items[0].json;
	expect(item).not.toHaveProperty('orderFetchError');
	return item.order as IDataObject;
}

describe.each(ENVELOPES)('an order answered as %s', (_name, envelope) => {
	it('comes out of Order: Get and Fetch Full Order as the same order, by ID and by source order ID', async () => {
		const order = await realOrder(`SAME-${Math.random().toString(36).slice(2, 8)}`);
		const orderId = String(order._id);
		const sourceOrderId = String((order.orderData as IDataObject).sourceOrderId);
		printOs.fallback = () => ({ status: 200, body: envelope(order) });

		const getById = await viaOrderGet({ getBy: 'id', orderId: { __rl: true, mode: 'id', value: orderId } });
		const getBySource = await viaOrderGet({ getBy: 'sourceOrderId', sourceOrderId });
		const fetchedById = await viaFetchFullOrder({ orderId, sourceOrderId });
		trigger.reset();
		const fetchedBySource = await viaFetchFullOrder({ sourceOrderId });

		for (const read of [getById, getBySource, fetchedById, fetchedBySource]) expect(read).toEqual(order);
		expect(printOs.requests.map((request) => request.url.split('?')[0])).toEqual([
			`/api/order/${orderId}`,
			`/api/order/bysourceid/${encodeURIComponent(sourceOrderId)}`,
			`/api/order/${orderId}`,
			`/api/order/bysourceid/${encodeURIComponent(sourceOrderId)}`,
		]);
	});
});
