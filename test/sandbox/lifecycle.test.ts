import { startSandbox, type Sandbox } from '../../sandbox';
import { parseTriggerFlag } from '../../sandbox/postbacks';
import { admin, eventually, orderServiceRoot, siteFlow, startReceiver, validOrder, type Receiver } from './client';

let sandbox: Sandbox;
let base: string;
let receiver: Receiver;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, rateLimitPerMinute: 0 });
	base = sandbox.url;
	receiver = await startReceiver();
});
afterAll(async () => {
	await sandbox.close();
	await receiver.close();
});
beforeEach(() => {
	sandbox.reset();
	receiver.received.length = 0;
	receiver.status = 200;
});

async function submit(order = validOrder()) {
	const reply = await siteFlow(base, 'POST', '/api/order', { body: order });
	expect(reply.status).toBe(201);
	return reply.body.order;
}

const events = () => receiver.received.map((entry) => JSON.parse(entry.body).event);

describe('production life on the sandbox clock', () => {
	it('moves received → printready (+30 s) → printed (+60 s per component) → shipped (+120 s)', async () => {
		sandbox.addTrigger({ url: `${receiver.url}/hook`, headers: { authorization: 'Bearer static-token', 'x-brand': 'sandbox' } });
		const order = await submit();
		await eventually(() => receiver.received.length === 1);
		await sandbox.advance(29);
		expect(sandbox.order(order._id)?.orderData.status).toBe('dataready');
		await sandbox.advance(1);
		expect(sandbox.order(order._id)?.orderData.status).toBe('printready');
		expect(sandbox.order(order._id)?.files[0].status).toBe('received');
		await sandbox.advance(60);
		const printed = sandbox.order(order._id);
		expect(printed?.orderData.status).toBe('printed');
		expect(printed?.orderData.items[0].components[0].status).toBe('printed');
		await sandbox.advance(120);
		const shipped = sandbox.order(order._id);
		expect(shipped?.orderData.status).toBe('shipped');
		expect(shipped?.orderData.shipments[0]).toMatchObject({ status: 'shipped', trackingNumber: expect.any(String), trackingUrl: expect.stringMatching(/^https:/) });
		expect(events()).toEqual(['Order Received', 'Order Printready', 'Component Printed', 'Shipment Shipped']);
		for (const entry of receiver.received) {
			expect(entry.method).toBe('POST');
			expect(entry.url).toBe('/hook');
			expect(entry.headers.authorization).toBe('Bearer static-token');
			expect(entry.headers['x-brand']).toBe('sandbox');
			expect(entry.headers['content-type']).toBe('application/json');
		}
		const [received, printready, componentPrinted, shipment] = receiver.received.map((entry) => JSON.parse(entry.body));
		expect(received).toEqual({ event: 'Order Received', timestamp: expect.any(String), sourceOrderId: order.orderData.sourceOrderId, orderId: order._id, status: 'dataready' });
		expect(printready.status).toBe('printready');
		expect(Date.parse(printready.timestamp) - Date.parse(received.timestamp)).toBe(30_000);
		expect(componentPrinted).toMatchObject({ componentCode: 'Content', itemId: order.orderData.items[0]._id, status: 'printed' });
		expect(shipment).toMatchObject({
			status: 'shipped',
			trackingNumber: shipped?.orderData.shipments[0].trackingNumber,
			trackingUrl: shipped?.orderData.shipments[0].trackingUrl,
			shippedDate: shipped?.orderData.shipments[0].shippedDate,
			carrier: { code: 'royalmail', service: 'firstclass' },
		});
		const log = sandbox.postbacks();
		expect(log).toHaveLength(4);
		for (const delivery of log) expect(delivery).toMatchObject({ status: 200, ok: true, durationMs: expect.any(Number) });
	});

	it('prints components one after another', async () => {
		sandbox.addTrigger({ url: receiver.url, events: ['Component Printed'] });
		const order = validOrder();
		order.orderData.items[0] = {
			sourceItemId: 'book',
			sku: 'Book A4 Perfect Bound',
			quantity: 2,
			components: [
				{ code: 'cover', fetch: true, path: 'https://artwork.example.com/cover.pdf' },
				{ code: 'text', fetch: true, path: 'https://artwork.example.com/text.pdf' },
			],
		};
		const created = await submit(order);
		await sandbox.advance(90);
		expect(sandbox.order(created._id)?.orderData.status).toBe('printready');
		expect(events()).toEqual(['Component Printed']);
		await sandbox.advance(60);
		expect(sandbox.order(created._id)?.orderData.status).toBe('printed');
		expect(receiver.received.map((entry) => JSON.parse(entry.body).componentCode)).toEqual(['cover', 'text']);
	});

	it('errors unfetchable artwork after 12 hours', async () => {
		sandbox.addTrigger({ url: receiver.url, events: ['Order Errored'] });
		const order = await submit(validOrder({ path: 'https://artwork.unreachable.example/missing.pdf' }));
		await sandbox.advance(11 * 3600);
		expect(sandbox.order(order._id)?.orderData.status).toBe('dataready');
		await sandbox.advance(3600);
		expect(sandbox.order(order._id)?.orderData.status).toBe('error');
		const payload = JSON.parse(receiver.received[0].body);
		expect(payload).toMatchObject({ event: 'Order Errored', status: 'error' });
		expect(payload.errorList[0].message).toContain('artwork.unreachable.example');
		const invalid = await submit(validOrder({ path: 'https://cdn.example.invalid/a.pdf' }));
		await sandbox.advance(12 * 3600);
		expect(sandbox.order(invalid._id)?.orderData.status).toBe('error');
	});

	it('honours configured step delays', async () => {
		const quick = await startSandbox({ port: 0, delays: { printready: 5, errored: 60 } });
		try {
			const ok = (await siteFlow(quick.url, 'POST', '/api/order', { body: validOrder() })).body.order;
			const bad = (await siteFlow(quick.url, 'POST', '/api/order', { body: validOrder({ path: 'https://unreachable.example/a.pdf' }) })).body.order;
			await quick.advance(5);
			expect(quick.order(ok._id)?.orderData.status).toBe('printready');
			await quick.advance(55);
			expect(quick.order(bad._id)?.orderData.status).toBe('error');
			expect(quick.clock().delays).toMatchObject({ printready: 5, componentPrinted: 60, shipped: 120, errored: 60 });
		} finally {
			await quick.close();
		}
	});

	it('a cancelled order takes no further steps', async () => {
		sandbox.addTrigger({ url: receiver.url });
		const order = await submit();
		await sandbox.advance(30);
		await siteFlow(base, 'PUT', `/api/order/${order._id}/cancel`);
		await sandbox.advance(3600);
		expect(sandbox.order(order._id)?.orderData.status).toBe('cancelled');
		await eventually(() => receiver.received.length === 3);
		expect(events()).toEqual(['Order Received', 'Order Printready', 'Order Cancelled']);
	});

	it('runs in real time when asked', async () => {
		const order = await submit();
		sandbox.setRealtime(true, 1000);
		try {
			await eventually(() => sandbox.order(order._id)?.orderData.status === 'shipped', 5000);
			expect(sandbox.clock().realtime).toBe(true);
		} finally {
			sandbox.setRealtime(false);
		}
		const reply = await admin(base, 'POST', '/clock/realtime', { enabled: false });
		expect(reply.body).toMatchObject({ realtime: false, speed: 1000 });
	});
});

describe('postback triggers', () => {
	it('prettyJson sends the whole order with event and timestamp', async () => {
		sandbox.addTrigger({ url: receiver.url, template: 'prettyJson', events: ['Order Printready'] });
		const order = await submit();
		await sandbox.advance(30);
		const payload = JSON.parse(receiver.received[0].body);
		expect(payload).toMatchObject({ event: 'Order Printready', _id: order._id, orderData: { status: 'printready', sourceOrderId: order.orderData.sourceOrderId }, files: expect.any(Array) });
		expect(payload.timestamp).toEqual(expect.any(String));
	});

	it('GET puts the default fields in the query string and sends no body; PUT sends the body', async () => {
		sandbox.addTrigger({ url: `${receiver.url}/get?fixed=1`, method: 'GET', events: ['Order Received'] });
		sandbox.addTrigger({ url: `${receiver.url}/put`, method: 'PUT', events: ['Order Received'] });
		const order = await submit();
		await eventually(() => receiver.received.length === 2);
		const get = receiver.received.find((entry) => entry.method === 'GET');
		const query = new URL(get?.url ?? '', 'http://x').searchParams;
		expect(query.get('fixed')).toBe('1');
		expect(query.get('event')).toBe('Order Received');
		expect(query.get('orderId')).toBe(order._id);
		expect(query.get('sourceOrderId')).toBe(order.orderData.sourceOrderId);
		expect(query.get('status')).toBe('dataready');
		expect(get?.body).toBe('');
		const putBody = JSON.parse(receiver.received.find((entry) => entry.method === 'PUT')?.body ?? '{}');
		expect(putBody.event).toBe('Order Received');
	});

	it('fires Order Submission Error with the error list', async () => {
		sandbox.addTrigger({ url: receiver.url, events: ['Order Submission Error'] });
		const reply = await siteFlow(orderServiceRoot(sandbox), 'POST', '/api/order', { body: { destination: { name: 'hp.sandbox-psp' }, orderData: { sourceOrderId: 'BAD-1', items: [], shipments: [] } } });
		await eventually(() => receiver.received.length === 1);
		const payload = JSON.parse(receiver.received[0].body);
		expect(payload).toMatchObject({ event: 'Order Submission Error', orderId: reply.body._id, sourceOrderId: 'BAD-1', status: 'submissionerror' });
		expect(payload.errorList.map((entry: { path: string }) => entry.path)).toEqual(['orderData.items', 'orderData.shipments']);
	});

	it('logs failures: a 500 answer and an unreachable receiver', async () => {
		receiver.status = 500;
		sandbox.addTrigger({ url: receiver.url, events: ['Order Received'] });
		sandbox.addTrigger({ url: 'http://127.0.0.1:1/nothing', events: ['Order Received'] });
		await submit();
		await sandbox.advance(0);
		const log = sandbox.postbacks();
		expect(log.find((entry) => entry.url.startsWith(receiver.url))).toMatchObject({ status: 500, ok: false });
		expect(log.find((entry) => entry.url.includes(':1/'))).toMatchObject({ status: null, ok: false, error: expect.any(String) });
	});

	it('advance answers only after deliveries were attempted', async () => {
		const slow = await startReceiver();
		const { createServer } = await import('http');
		let answered = false;
		const server = createServer((_req, res) =>
			setTimeout(() => {
				answered = true;
				res.end('ok');
			}, 300),
		);
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const port = (server.address() as { port: number }).port;
			sandbox.addTrigger({ url: `http://127.0.0.1:${port}/slow`, events: ['Order Printready'] });
			await submit();
			const reply = await admin(base, 'POST', '/clock/advance', { seconds: 30 });
			// the order of events, not their times: the receiver had answered before advance did
			expect(answered).toBe(true);
			expect(reply.status).toBe(200);
			expect(reply.body.ran).toBeGreaterThan(0);
			const delivery = sandbox.postbacks().find((entry) => entry.event === 'Order Printready');
			expect(delivery?.status).toBe(200);
		} finally {
			await slow.close();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		}
	});

	it('is managed over the admin API', async () => {
		const created = await admin(base, 'POST', '/triggers', { url: receiver.url, method: 'put', events: ['Shipment Shipped', 'orderCancelled'], template: 'prettyJson', headers: { a: 'b' } });
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ id: expect.any(String), method: 'PUT', events: ['Shipment Shipped', 'Order Cancelled'], template: 'prettyJson', active: true, headers: { a: 'b' } });
		expect((await admin(base, 'GET', '/triggers')).body.triggers).toHaveLength(1);
		const bad = await admin(base, 'POST', '/triggers', { url: receiver.url, events: ['Order Teleported'] });
		expect(bad.status).toBe(400);
		expect(bad.body.error.message).toContain('Order Received');
		expect((await admin(base, 'POST', '/triggers', { url: 'not a url' })).status).toBe(400);
		expect((await admin(base, 'POST', '/triggers', { url: receiver.url, method: 'PATCH' })).status).toBe(400);
		expect((await admin(base, 'DELETE', `/triggers/${created.body.id}`)).body.success).toBe(true);
		expect((await admin(base, 'DELETE', `/triggers/${created.body.id}`)).status).toBe(404);
		expect((await admin(base, 'GET', '/triggers')).body.count).toBe(0);
	});

	it('inactive triggers stay quiet', async () => {
		sandbox.addTrigger({ url: receiver.url, active: false });
		await submit();
		await sandbox.advance(400);
		expect(receiver.received).toHaveLength(0);
	});

	it('come from options and --trigger flags', async () => {
		expect(parseTriggerFlag('http://h/x,Order Received, Shipment Shipped')).toEqual({ url: 'http://h/x', events: ['Order Received', 'Shipment Shipped'] });
		const seeded = await startSandbox({ port: 0, triggers: [{ url: receiver.url, events: ['Order Received'] }] });
		try {
			expect(seeded.triggers()).toHaveLength(1);
			await siteFlow(seeded.url, 'POST', '/api/order', { body: validOrder() });
			await eventually(() => receiver.received.length === 1);
			seeded.reset();
			expect(seeded.triggers()).toHaveLength(1);
		} finally {
			await seeded.close();
		}
	});
});

describe('forced events', () => {
	it('POST /_sandbox/orders/:id/events applies the event and delivers it before answering', async () => {
		sandbox.addTrigger({ url: receiver.url });
		const order = await submit();
		const errored = await admin(base, 'POST', `/orders/${order._id}/events`, { event: 'Order Errored' });
		expect(errored.status).toBe(200);
		expect(errored.body.order.orderData.status).toBe('error');
		expect(errored.body.deliveries).toEqual([expect.objectContaining({ event: 'Order Errored', status: 200 })]);
		const other = await submit();
		await admin(base, 'POST', `/orders/${other._id}/events`, { event: 'Component Printed' });
		expect(sandbox.order(other._id)?.orderData.status).toBe('printed');
		const shipped = await admin(base, 'POST', `/orders/${other._id}/events`, { event: 'Shipment Shipped', trackingNumber: 'FORCED-1' });
		expect(shipped.body.order.orderData.shipments[0].trackingNumber).toBe('FORCED-1');
		expect(shipped.body.order.orderData.status).toBe('shipped');
		expect((await admin(base, 'POST', `/orders/${other._id}/events`, { event: 'Nope' })).status).toBe(400);
		expect((await admin(base, 'POST', '/orders/000000000000000000000000/events', { event: 'Order Errored' })).status).toBe(404);
		const reprinted = await sandbox.forceEvent(other._id, 'Order Reprinted');
		expect(reprinted.order.orderData.reprintCount).toBe(1);
	});
});
