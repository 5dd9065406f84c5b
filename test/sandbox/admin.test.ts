import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { networkInterfaces, tmpdir } from 'os';
import { join } from 'path';

import { startSandbox, SANDBOX_CREDENTIALS, type Sandbox } from '../../sandbox';
import { isLoopbackAddress } from '../../sandbox/http';
import { admin, gateway, orderServiceRoot, siteFlow, startReceiver, validOrder } from './client';
import { settle, useFakeTimers } from './fakeTimers';

let sandbox: Sandbox;
let base: string;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, rateLimitPerMinute: 0 });
	base = sandbox.url;
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

describe('admin surface', () => {
	it('exports the seeded credentials and credential data for n8n', () => {
		expect(SANDBOX_CREDENTIALS).toEqual({
			gateway: { key: 'sandbox-key', secret: 'sandbox-secret' },
			siteFlow: { token: 'sandbox-token', secret: 'sandbox-secret' },
			destination: 'hp.sandbox-psp',
			sourceAccount: 'sandbox-brand',
			serviceUser: { token: 'sandbox-service-token', secret: 'sandbox-secret', account: 'sandbox-service', actsFor: ['sandbox-brand', 'sandbox-brand-2'] },
			secondBrand: 'sandbox-brand-2',
		});
		expect(sandbox.url).toBe(`http://127.0.0.1:${sandbox.port}`);
		expect(sandbox.credentialData().siteFlowApi).toMatchObject({ baseUrl: `${base}/api`, orderServiceUrl: sandbox.orderServiceUrl });
		expect(sandbox.orderServiceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
		expect(sandbox.orderServiceUrl).not.toContain(`:${sandbox.port}/`);
	});

	it('state counts things; reset goes back to the seed and keeps triggers only when asked', async () => {
		await siteFlow(base, 'POST', '/api/order', { body: validOrder() });
		await gateway(base, 'POST', '/box/api/partner/folder', { body: { name: 'f' } });
		sandbox.addTrigger({ url: 'http://127.0.0.1:9/x', active: false });
		const state = (await admin(base, 'GET', '/state')).body;
		expect(state).toMatchObject({ orders: 1, ordersByStatus: { dataready: 1 }, folders: 1, triggers: 1, contacts: 2, scheduledTasks: 2, requests: 2 });
		const kept = await admin(base, 'POST', '/reset', { keepTriggers: true });
		expect(kept.body.state).toMatchObject({ orders: 0, folders: 0, triggers: 1, requests: 0, scheduledTasks: 0 });
		await admin(base, 'POST', '/reset');
		expect(sandbox.state()).toMatchObject({ triggers: 0 });
	});

	it('shows and moves the clock', async () => {
		const before = (await admin(base, 'GET', '/clock')).body;
		expect(before).toMatchObject({ realtime: false, speed: 1, delays: { printready: 30, componentPrinted: 60, shipped: 120, errored: 43200 } });
		const after = (await admin(base, 'POST', '/clock/advance', { seconds: 3600 })).body;
		expect(after.epochMs - before.epochMs).toBe(3_600_000);
		expect((await admin(base, 'POST', '/clock/advance', { seconds: -5 })).status).toBe(400);
		const realtime = await admin(base, 'POST', '/clock/realtime', { enabled: true, speed: 60 });
		expect(realtime.body).toMatchObject({ realtime: true, speed: 60 });
		await admin(base, 'POST', '/clock/realtime', { enabled: false });
	});

	it('logs API requests without the signature headers', async () => {
		await siteFlow(base, 'GET', '/api/order?page=2&pagesize=5');
		await gateway(base, 'GET', '/box/api/partner/substrate', { secret: 'bad' });
		await admin(base, 'GET', '/state');
		const log = (await admin(base, 'GET', '/requests?limit=10')).body;
		expect(log.count).toBe(2);
		const [list, refused] = log.requests;
		expect(list).toMatchObject({ method: 'GET', path: '/api/order', query: { page: '2', pagesize: '5' }, status: 200, scheme: 'B', credential: 'sandbox-token' });
		expect(list.headers['x-oneflow-date']).toEqual(expect.any(String));
		expect(list.headers['x-oneflow-authorization']).toBeUndefined();
		expect(refused).toMatchObject({ path: '/box/api/partner/substrate', status: 401, scheme: 'A', credential: 'sandbox-key' });
		expect(refused.headers['x-hp-hmac-authentication']).toBeUndefined();
		expect(JSON.stringify(log)).not.toContain('sandbox-secret');
		expect((await admin(base, 'GET', '/requests?limit=1')).body.requests).toHaveLength(1);
		await admin(base, 'DELETE', '/requests');
		expect((await admin(base, 'GET', '/requests')).body.count).toBe(0);
	});

	it('lists orders, submission errors and uploads', async () => {
		const order = (await siteFlow(base, 'POST', '/api/order', { body: validOrder({ fetch: false, path: 'a.pdf' }) })).body.order;
		await siteFlow(orderServiceRoot(sandbox), 'POST', '/api/order', { body: {} });
		const orders = (await admin(base, 'GET', '/orders')).body;
		expect(orders.count).toBe(1);
		expect(orders.orders[0]._id).toBe(order._id);
		expect((await admin(base, 'GET', '/orders?status=shipped')).body.count).toBe(0);
		expect((await admin(base, 'GET', '/submission-errors')).body.count).toBe(1);
		const uploads = (await admin(base, 'GET', '/uploads')).body;
		expect(uploads.uploads[0]).toMatchObject({ orderId: order._id, purpose: 'orderFile', complete: false });
		expect((await admin(base, 'GET', '/uploads/000000000000000000000000')).status).toBe(404);
		expect((await admin(base, 'GET', '/nothing')).status).toBe(404);
	});

	it('refuses non-loopback clients with 403', async () => {
		expect(isLoopbackAddress('127.0.0.1')).toBe(true);
		expect(isLoopbackAddress('::1')).toBe(true);
		expect(isLoopbackAddress('::ffff:127.0.0.1')).toBe(true);
		expect(isLoopbackAddress('192.0.2.2')).toBe(false);
		expect(isLoopbackAddress('::ffff:10.0.0.1')).toBe(false);
		expect(isLoopbackAddress(undefined)).toBe(false);
		const external = Object.values(networkInterfaces())
			.flat()
			.find((entry) => entry && entry.family === 'IPv4' && !entry.internal);
		if (!external) return;
		const open = await startSandbox({ port: 0, host: '0.0.0.0' });
		try {
			const via = `http://${external.address}:${open.port}`;
			const refused = await fetch(`${via}/_sandbox/state`);
			expect(refused.status).toBe(403);
			expect((await gateway(via, 'GET', '/box/api/partner/substrate')).status).toBe(200);
			expect((await fetch(`${open.url}/_sandbox/state`)).status).toBe(200);
		} finally {
			await open.close();
		}
	});
});

describe('seed file', () => {
	it('adds accounts, credentials, catalogue entries and triggers', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'sandbox-seed-'));
		const file = join(dir, 'seed.json');
		writeFileSync(
			file,
			JSON.stringify({
				accounts: [{ name: 'hp.second-psp', type: 'psp' }],
				tokens: [{ token: 'seeded-token', secret: 'seeded-secret', account: 'seeded-brand' }],
				substrates: ['Kraft 300gsm'],
				products: [{ code: 'MUG-11', name: 'Mug 11oz', components: [{ code: 'Wrap', width: 200, height: 90, pages: 1 }] }],
				skus: [{ code: 'Mug', productId: 'MUG-11' }],
				triggers: [{ url: 'http://127.0.0.1:9/seeded', active: false }],
			}),
		);
		const seeded = await startSandbox({ port: 0, seed: file });
		try {
			const order = validOrder();
			order.destination.name = 'hp.second-psp';
			order.orderData.items[0] = { sourceItemId: 'm', sku: 'Mug', quantity: 1, components: [{ code: 'Wrap', fetch: true, path: 'https://a.example/m.pdf' }] };
			const reply = await siteFlow(seeded.url, 'POST', '/api/order', { id: 'seeded-token', secret: 'seeded-secret', body: order });
			expect(reply.status).toBe(201);
			expect(reply.body.order.source.name).toBe('seeded-brand');
			expect(reply.body.order.orderData.items[0].components[0]).toMatchObject({ width: 200, height: 90 });
			expect((await gateway(seeded.url, 'GET', '/box/api/partner/substrate')).body).toContain('Kraft 300gsm');
			expect((await siteFlow(seeded.url, 'GET', '/api/sku?pagesize=100')).body.data.map((sku: { code: string }) => sku.code)).toContain('Business Cards');
			expect(seeded.triggers().map((trigger) => trigger.url)).toEqual(['http://127.0.0.1:9/seeded']);
		} finally {
			await seeded.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('scale', () => {
	// how fast is for the benchmarks (npm run bench); this checks the work: every order once, in pages of the size asked
	it('generates 20,000 orders and lists each exactly once over 200 pages of 100', async () => {
		const generated = (await admin(base, 'POST', '/orders/generate', { count: 20_000 })).body;
		expect(generated).toMatchObject({ created: 20_000, count: 20_000 });
		const seen = new Set<string>();
		let pages = 1;
		for (let page = 1; page <= pages && page <= 500; page++) {
			const reply = await siteFlow(base, 'GET', `/api/order?page=${page}&pagesize=100`);
			pages = reply.body.pages;
			expect(reply.body.data).toHaveLength(100);
			for (const order of reply.body.data) seen.add(order._id);
		}
		expect(pages).toBe(200);
		expect(seen.size).toBe(20_000);
		const last = await siteFlow(base, 'GET', '/api/order?page=1&pagesize=1&direction=-1');
		expect(last.body.data[0]._id).toBe(generated.lastId);
		expect((await admin(base, 'POST', '/orders/generate', { count: 0 })).status).toBe(400);
	}, 40_000);

	it('holds 100 requests in a 200 ms latency at once and answers every one', async () => {
		// 50 requests a second with 200 ms latency keep 10 in the sandbox at a time; this asks for 100
		useFakeTimers();
		try {
			sandbox.setFaults({ latencyMs: 200 });
			const replies = Promise.all(Array.from({ length: 100 }, () => siteFlow(base, 'GET', '/api/order?pagesize=5')));
			await settle(() => sandbox.stats().delaying === 100);
			jest.advanceTimersByTime(200);
			expect((await replies).every((reply) => reply.status === 200)).toBe(true);
			expect(sandbox.requests(200).map((entry) => entry.delayMs)).toEqual(Array(100).fill(200));
		} finally {
			jest.useRealTimers();
		}
	});

	it('delivers postbacks for many orders in one advance', async () => {
		const receiver = await startReceiver();
		try {
			sandbox.addTrigger({ url: receiver.url, events: ['Order Printready'] });
			for (let index = 0; index < 20; index++) await siteFlow(base, 'POST', '/api/order', { body: validOrder() });
			const reply = await admin(base, 'POST', '/clock/advance', { seconds: 30 });
			expect(reply.body.ran).toBe(20);
			expect(receiver.received).toHaveLength(20);
		} finally {
			await receiver.close();
		}
	});
});
