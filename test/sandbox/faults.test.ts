import { startSandbox, type Sandbox } from '../../sandbox';
import { admin, gateway, siteFlow, validOrder } from './client';

let sandbox: Sandbox;
let base: string;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
	base = sandbox.url;
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

/** A fixed window resets on the minute: keep a rate-limit test inside one minute. */
async function awayFromMinuteBoundary(): Promise<void> {
	const left = 60_000 - (Date.now() % 60_000);
	if (left < 3000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

describe('latency', () => {
	it('adds latency to every API response without blocking other requests', async () => {
		sandbox.setFaults({ latencyMs: 200 });
		const single = Date.now();
		expect((await siteFlow(base, 'GET', '/api/account')).status).toBe(200);
		expect(Date.now() - single).toBeGreaterThanOrEqual(190);
		const unauthorized = Date.now();
		expect((await siteFlow(base, 'GET', '/api/account', { secret: 'wrong' })).status).toBe(401);
		expect(Date.now() - unauthorized).toBeGreaterThanOrEqual(190);
		// 50 requests at once: a blocking delay would take 10 s
		const started = Date.now();
		const replies = await Promise.all(Array.from({ length: 50 }, (_, index) => siteFlow(base, 'GET', `/api/order?page=${index + 1}`)));
		expect(replies.every((reply) => reply.status === 200)).toBe(true);
		expect(Date.now() - started).toBeLessThan(1500);
		// the admin API is not slowed down
		const adminStarted = Date.now();
		await admin(base, 'GET', '/state');
		expect(Date.now() - adminStarted).toBeLessThan(150);
	});
});

describe('rate limit', () => {
	it('is on by default at 3000/min and reports the window on every response', async () => {
		const reply = await siteFlow(base, 'GET', '/api/account');
		expect(reply.headers.get('x-ratelimit-limit')).toBe('3000');
		expect(Number(reply.headers.get('x-ratelimit-remaining'))).toBeLessThan(3000);
	});

	it('answers 429 with Retry-After beyond the limit, per key or token', async () => {
		await awayFromMinuteBoundary();
		sandbox.setFaults({ rateLimit: { perMinute: 3 } });
		const remaining: Array<string | null> = [];
		for (let index = 0; index < 3; index++) {
			const reply = await siteFlow(base, 'GET', '/api/account');
			expect(reply.status).toBe(200);
			remaining.push(reply.headers.get('x-ratelimit-remaining'));
		}
		expect(remaining).toEqual(['2', '1', '0']);
		const limited = await siteFlow(base, 'GET', '/api/account');
		expect(limited.status).toBe(429);
		expect(limited.body).toMatchObject({ success: false, error: { code: 429, message: 'Too Many Requests' } });
		const retryAfter = Number(limited.headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThanOrEqual(1);
		expect(retryAfter).toBeLessThanOrEqual(60);
		expect(Math.abs(retryAfter - (60 - (new Date().getSeconds())))).toBeLessThanOrEqual(2);
		expect(limited.headers.get('x-ratelimit-limit')).toBe('3');
		expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
		// the gateway key has its own window
		expect((await gateway(base, 'GET', '/box/api/partner/flow')).status).toBe(200);
		const stats = sandbox.stats();
		expect(stats.throttled).toBe(1);
		expect(stats.byStatus['429']).toBe(1);
		expect(stats.perMinute.at(-1)).toMatchObject({ throttled: 1 });
	});

	it('perMinute 0 disables it', async () => {
		sandbox.setFaults({ rateLimit: { perMinute: 0 } });
		const reply = await siteFlow(base, 'GET', '/api/account');
		expect(reply.headers.get('x-ratelimit-limit')).toBeNull();
		const off = await startSandbox({ port: 0, rateLimitPerMinute: 0 });
		try {
			expect((await siteFlow(off.url, 'GET', '/api/account')).headers.get('x-ratelimit-limit')).toBeNull();
		} finally {
			await off.close();
		}
	});
});

describe('failNext', () => {
	it('fails the next matching requests with the given status', async () => {
		const set = await admin(base, 'POST', '/faults', { failNext: { count: 2, status: 503, match: { method: 'GET', path: '/api/order' } } });
		expect(set.body.failNext).toMatchObject({ count: 2, status: 503 });
		expect((await siteFlow(base, 'GET', '/api/account')).status).toBe(200);
		expect((await siteFlow(base, 'POST', '/api/order/validate', { body: validOrder() })).status).toBe(200);
		const first = await siteFlow(base, 'GET', '/api/order');
		expect(first.status).toBe(503);
		expect(first.body).toMatchObject({ success: false, error: { code: 503 } });
		expect((await siteFlow(base, 'GET', '/api/order/000000000000000000000000')).status).toBe(503);
		expect((await siteFlow(base, 'GET', '/api/order')).status).toBe(200);
		sandbox.setFaults({ failNext: { count: 1, status: 500 } });
		expect((await gateway(base, 'GET', '/box/api/partner/substrate')).status).toBe(500);
		expect(sandbox.stats().faultsInjected).toBe(3);
	});
});

describe('dropAfterProcessing', () => {
	it('creates the order, then drops the connection without answering', async () => {
		sandbox.setFaults({ dropAfterProcessing: { count: 1, match: { method: 'POST', path: '/api/order' } } });
		const order = validOrder({ sourceOrderId: 'DROPPED-1' });
		await expect(siteFlow(base, 'POST', '/api/order', { body: order })).rejects.toThrow();
		expect(sandbox.orders({ sourceOrderId: 'DROPPED-1' })).toHaveLength(1);
		expect(sandbox.requests(1)[0]).toMatchObject({ method: 'POST', path: '/api/order', status: 201, dropped: true });
		// a retry now meets the duplicate check
		const retry = await siteFlow(base, 'POST', '/api/order', { body: order });
		expect(retry.status).toBe(400);
		expect(retry.body.error.message).toBe('Source Order ID already exists');
		expect(sandbox.stats().byStatus.dropped).toBe(1);
	});
});

describe('slow', () => {
	it('delays the next answers so a client timeout fires', async () => {
		sandbox.setFaults({ slow: { count: 1, ms: 600 } });
		await expect(siteFlow(base, 'GET', '/api/account', { signal: AbortSignal.timeout(200) })).rejects.toThrow();
		const started = Date.now();
		expect((await siteFlow(base, 'GET', '/api/account')).status).toBe(200);
		expect(Date.now() - started).toBeLessThan(300);
		expect(sandbox.faults().slow?.count).toBe(0);
	});
});

describe('fault admin', () => {
	it('merges knobs, shows them, clears them back to the configured rate limit', async () => {
		await admin(base, 'POST', '/faults', { latencyMs: 5 });
		await admin(base, 'POST', '/faults', { slow: { count: 2, ms: 10 }, rateLimit: { perMinute: 10 } });
		const shown = await admin(base, 'GET', '/faults');
		expect(shown.body).toMatchObject({ latencyMs: 5, slow: { count: 2, ms: 10 }, rateLimit: { perMinute: 10 }, failNext: null, dropAfterProcessing: null });
		expect((await admin(base, 'POST', '/faults', { latencyMs: -1 })).status).toBe(400);
		expect((await admin(base, 'POST', '/faults', { failNext: { status: 200 } })).status).toBe(400);
		const cleared = await admin(base, 'DELETE', '/faults');
		expect(cleared.body).toEqual({ latencyMs: 0, rateLimit: { perMinute: 3000 }, failNext: null, dropAfterProcessing: null, slow: null });
	});

	it('counts requests by status and minute', async () => {
		await siteFlow(base, 'GET', '/api/account');
		await siteFlow(base, 'GET', '/api/account', { secret: 'x' });
		const stats = (await admin(base, 'GET', '/stats')).body;
		expect(stats).toMatchObject({ requests: 2, byStatus: { 200: 1, 401: 1 }, throttled: 0, faultsInjected: 0 });
		expect(stats.perMinute.at(-1)).toMatchObject({ minute: expect.stringMatching(/:00\.000Z$/), requests: 2 });
	});
});
