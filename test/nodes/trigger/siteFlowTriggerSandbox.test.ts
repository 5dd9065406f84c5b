/**
 * The Site Flow trigger against the PrintOS sandbox: "Fetch Full Order" through the real transport
 * and n8n-core's request helpers, and postbacks the sandbox itself delivers over a lifecycle.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import type { IDataObject } from 'n8n-workflow';

import { SiteFlowApi } from '../../../credentials/SiteFlowApi.credentials';
import { useTriggerSandbox } from './triggerSandbox';
import { postJson } from './webhookHarness';

const TOKEN = 'tok-lifecycle-8c1d2e3f4a5b6c7d8e9f';
const POSTBACK_AUTH = { headerName: 'X-SiteFlow-Token', token: TOKEN, user: '', password: '' };

const trigger = useTriggerSandbox();

let serial = 0;

/** Submits an order over the real Site Flow API (signed by the credential's own authenticate). */
async function submitOrder(): Promise<{ orderId: string; sourceOrderId: string }> {
	const sourceOrderId = `TRG-${Date.now().toString(36)}-${++serial}`;
	const body = {
		destination: { name: trigger.sandbox.credentials.destination },
		orderData: {
			sourceOrderId,
			items: [
				{
					sourceItemId: `${sourceOrderId}-1`,
					sku: 'Business Cards',
					quantity: 100,
					components: [{ code: 'Content', fetch: true, path: 'https://artwork.sandbox.example/cards.pdf' }],
				},
			],
			shipments: [
				{
					shipTo: { name: 'Test Customer', address1: '1 Sandbox Street', town: 'Bristol', postcode: 'BS1 4DJ', isoCountry: 'GB' },
					carrier: { code: 'royalmail', service: 'firstclass' },
				},
			],
		},
	};
	const signed = (await new SiteFlowApi().authenticate(trigger.sandbox.credentialData().siteFlowApi, {
		method: 'POST',
		url: `${trigger.sandbox.url}/api/order`,
		body,
	})) as { url: string; headers: Record<string, string> };
	const response = await fetch(signed.url, {
		method: 'POST',
		headers: { ...signed.headers, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const answer = (await response.json()) as IDataObject;
	expect(response.status).toBe(201);
	const order = (answer.order ?? answer) as IDataObject;
	return { orderId: String(order._id), sourceOrderId };
}

function fetchParameters(orderAuthentication: 'siteFlowApi' | 'printOsApi') {
	return { path: 'siteflow', authentication: 'none', fetchOrder: true, orderAuthentication };
}

async function onlyEmission(): Promise<IDataObject> {
	const [emission] = await trigger.server.waitForEmissions(1);
	expect(emission.items).toHaveLength(1);
	return emission.items[0].json;
}

describe('Fetch Full Order', () => {
	it('adds the order fetched by orderId with the Site Flow token credential', async () => {
		const { orderId, sourceOrderId } = await submitOrder();
		trigger.server.configure({ parameters: fetchParameters('siteFlowApi'), credentials: { siteFlowApi: trigger.sandbox.credentialData().siteFlowApi } });
		const response = await postJson(trigger.server.webhookUrl(), { event: 'Order Received', orderId, sourceOrderId, status: 'dataready' });
		expect(response.status).toBe(200);
		const item = await onlyEmission();
		expect(item).toEqual(expect.objectContaining({ eventValue: 'orderReceived', orderId, sourceOrderId }));
		expect((item.order as IDataObject)._id).toBe(orderId);
		expect(((item.order as IDataObject).orderData as IDataObject).sourceOrderId).toBe(sourceOrderId);
		expect(item).not.toHaveProperty('orderFetchError');
		const lookups = trigger.sandbox.requests().filter((entry) => JSON.stringify(entry).includes(`/order/${orderId}`));
		expect(lookups.length).toBeGreaterThan(0);
	});

	it('falls back to the sourceOrderId lookup, here with the PrintOS gateway credential', async () => {
		const { orderId, sourceOrderId } = await submitOrder();
		trigger.server.configure({ parameters: fetchParameters('printOsApi'), credentials: { printOsApi: trigger.sandbox.credentialData().printOsApi } });
		await postJson(trigger.server.webhookUrl(), { event: 'Order Printready', sourceOrderId, status: 'printready' });
		const item = await onlyEmission();
		expect(item.orderId).toBeNull();
		expect((item.order as IDataObject)._id).toBe(orderId);
		expect(trigger.sandbox.requests().some((entry) => JSON.stringify(entry).includes(`/order/bysourceid/${sourceOrderId}`))).toBe(true);
	});

	it('keeps the postback data and says why when the order cannot be fetched', async () => {
		trigger.server.configure({ parameters: fetchParameters('siteFlowApi'), credentials: { siteFlowApi: trigger.sandbox.credentialData().siteFlowApi } });
		const missing = 'ffffffffffffffffffffffff';
		const response = await postJson(trigger.server.webhookUrl(), { event: 'Order Cancelled', orderId: missing, sourceOrderId: 'GONE-1', status: 'cancelled' });
		expect(response.status).toBe(200);
		const item = await onlyEmission();
		expect(item).toEqual(expect.objectContaining({ eventValue: 'orderCancelled', orderId: missing, sourceOrderId: 'GONE-1', status: 'cancelled' }));
		expect(item).not.toHaveProperty('order');
		expect(item.orderFetchError).toEqual(expect.objectContaining({ httpCode: '404', message: expect.any(String) }));
	});

	it('reports a refused credential as the fetch error', async () => {
		const { orderId } = await submitOrder();
		const wrongSecret = { ...trigger.sandbox.credentialData().siteFlowApi, secret: 'not-the-secret' };
		trigger.server.configure({ parameters: fetchParameters('siteFlowApi'), credentials: { siteFlowApi: wrongSecret } });
		await postJson(trigger.server.webhookUrl(), { event: 'Order Received', orderId });
		const item = await onlyEmission();
		expect(item.orderFetchError).toEqual(expect.objectContaining({ httpCode: '401' }));
		expect(JSON.stringify(item)).not.toContain('not-the-secret');
	});

	it('says so when the postback names no order at all', async () => {
		trigger.server.configure({ parameters: fetchParameters('siteFlowApi'), credentials: { siteFlowApi: trigger.sandbox.credentialData().siteFlowApi } });
		await postJson(trigger.server.webhookUrl(), { event: 'Stock Alert', sku: 'PAPER' });
		const item = await onlyEmission();
		expect((item.orderFetchError as IDataObject).message).toMatch(/neither orderId nor sourceOrderId/);
		expect(trigger.sandbox.requests().some((entry) => JSON.stringify(entry).includes('/order'))).toBe(false);
	});

	it('answers Site Flow before it fetches: the postback gets its 200 while PrintOS has not answered yet', async () => {
		// a PrintOS stand-in that holds every request until the test lets it go
		const held: Array<() => void> = [];
		const gate: Server = createServer((_req: IncomingMessage, res: ServerResponse) => {
			held.push(() => {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ _id: 'held-order', orderData: { sourceOrderId: 'HELD-1' } }));
			});
		});
		await new Promise<void>((resolve) => gate.listen(0, '127.0.0.1', resolve));
		try {
			const gateUrl = `http://127.0.0.1:${(gate.address() as AddressInfo).port}`;
			trigger.server.configure({
				parameters: fetchParameters('siteFlowApi'),
				credentials: { siteFlowApi: { ...trigger.sandbox.credentialData().siteFlowApi, baseUrl: `${gateUrl}/api` } },
			});
			const answered = postJson(trigger.server.webhookUrl(), { event: 'Order Received', orderId: 'held-order' });
			// the gate holds PrintOS's answer until released below: a trigger that fetched before
			// answering would never answer here (and the test fails by jest's timeout)
			expect((await answered).status).toBe(200);
			expect(trigger.server.emissions).toHaveLength(0);
			// the fetch is still waiting on the gate; release it and the workflow starts with the order
			while (held.length === 0) await new Promise((resolve) => setImmediate(resolve));
			held.splice(0).forEach((release) => release());
			const item = await onlyEmission();
			expect((item.order as IDataObject)._id).toBe('held-order');
		} finally {
			held.splice(0).forEach((release) => release());
			await new Promise<void>((resolve) => {
				gate.closeAllConnections();
				gate.close(() => resolve());
			});
		}
	});
});

describe('postbacks delivered by the sandbox', () => {
	it('emits one item per delivered lifecycle event, in order, with the tracking of the shipment', async () => {
		trigger.server.configure({
			parameters: { path: 'siteflow', authentication: 'headerToken' },
			credentials: { siteFlowPostbackAuthApi: POSTBACK_AUTH },
		});
		trigger.sandbox.addTrigger({
			url: trigger.server.webhookUrl(),
			method: 'POST',
			headers: { 'X-SiteFlow-Token': TOKEN },
			events: [],
			template: 'default',
		});
		const { orderId, sourceOrderId } = await submitOrder();
		await trigger.sandbox.advance(3600);

		const deliveries = trigger.sandbox.postbacks();
		const delivered = deliveries.map((delivery) => delivery.event);
		expect(delivered).toEqual(expect.arrayContaining(['Order Received', 'Order Printready', 'Component Printed', 'Shipment Shipped']));
		expect(deliveries.every((delivery) => delivery.ok && delivery.status === 200)).toBe(true);

		const emissions = await trigger.server.waitForEmissions(deliveries.length);
		expect(emissions).toHaveLength(deliveries.length);
		const items = emissions.map((emission) => emission.items[0].json);
		expect(items.map((item) => item.event)).toEqual(delivered);
		for (const item of items) {
			expect(item).toEqual(expect.objectContaining({ orderId, sourceOrderId, eventSource: 'payload' }));
			expect(item.headers).not.toHaveProperty('x-siteflow-token');
		}
		const shipped = items.find((item) => item.eventValue === 'shipmentShipped')!;
		expect(shipped).toEqual(
			expect.objectContaining({ trackingNumber: expect.any(String), trackingUrl: expect.any(String), shippedDate: expect.any(String) }),
		);
		expect(items.find((item) => item.eventValue === 'orderReceived')).not.toHaveProperty('trackingNumber');
	});

	it('acknowledges the events it filters out: every delivery succeeds, one starts the workflow', async () => {
		trigger.server.configure({ parameters: { path: 'siteflow', authentication: 'none', events: ['shipmentShipped'] } });
		trigger.sandbox.addTrigger({ url: trigger.server.webhookUrl(), method: 'POST', events: [], template: 'default' });
		const { sourceOrderId } = await submitOrder();
		await trigger.sandbox.advance(3600);
		const deliveries = trigger.sandbox.postbacks();
		expect(deliveries.length).toBeGreaterThan(1);
		expect(deliveries.every((delivery) => delivery.ok)).toBe(true);
		const item = await onlyEmission();
		expect(item).toEqual(expect.objectContaining({ eventValue: 'shipmentShipped', sourceOrderId }));
		expect(trigger.server.emissions).toHaveLength(1);
	});

	it('refuses deliveries with a wrong token: the sandbox logs 401s and nothing starts', async () => {
		trigger.server.configure({
			parameters: { path: 'siteflow', authentication: 'headerToken' },
			credentials: { siteFlowPostbackAuthApi: POSTBACK_AUTH },
		});
		trigger.sandbox.addTrigger({ url: trigger.server.webhookUrl(), method: 'POST', headers: { 'X-SiteFlow-Token': 'wrong' }, template: 'default' });
		await submitOrder();
		await trigger.sandbox.advance(60);
		const deliveries = trigger.sandbox.postbacks();
		expect(deliveries.length).toBeGreaterThan(0);
		expect(deliveries.every((delivery) => delivery.status === 401)).toBe(true);
		expect(trigger.server.emissions).toHaveLength(0);
	});

	it('reads the identifiers of a {{prettyJson this}} template (the whole order: _id, orderData.*)', async () => {
		trigger.server.configure({ parameters: { path: 'siteflow', authentication: 'none', events: ['orderReceived'] } });
		trigger.sandbox.addTrigger({ url: trigger.server.webhookUrl(), method: 'PUT', events: ['Order Received'], template: 'prettyJson' });
		trigger.server.configure({ parameters: { path: 'siteflow', authentication: 'none', httpMethod: 'PUT', events: ['orderReceived'] } });
		const { orderId, sourceOrderId } = await submitOrder();
		await trigger.sandbox.advance(0);
		const item = await onlyEmission();
		expect(item).toEqual(
			expect.objectContaining({ eventValue: 'orderReceived', orderId, sourceOrderId, status: 'dataready', method: 'PUT' }),
		);
		expect((item.body as IDataObject).orderData).toEqual(expect.objectContaining({ sourceOrderId }));
	});

	it('reads GET deliveries from the query string', async () => {
		trigger.server.configure({ parameters: { path: 'siteflow', authentication: 'none', httpMethod: 'GET', events: ['orderReceived'] } });
		trigger.sandbox.addTrigger({ url: trigger.server.webhookUrl(), method: 'GET', events: ['Order Received'], template: 'default' });
		const { orderId, sourceOrderId } = await submitOrder();
		await trigger.sandbox.advance(0);
		const item = await onlyEmission();
		expect(item).toEqual(expect.objectContaining({ eventValue: 'orderReceived', orderId, sourceOrderId, method: 'GET' }));
		expect(trigger.sandbox.postbacks()[0].url).toContain('?event=Order+Received');
	});
});
