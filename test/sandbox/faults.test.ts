import { startSandbox, type Sandbox } from '../../sandbox';
import { admin, gateway, siteFlow, validOrder } from './client';
import { freezeDateInMinute, settle, useFakeTimers } from './fakeTimers';

let sandbox: Sandbox;
let base: string;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
	base = sandbox.url;
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

describe('latency', () => {
	afterEach(() => jest.useRealTimers());

	it('adds latency to every API answer, refusals too, without holding other requests back; the admin API has none', async () => {
		useFakeTimers();
		sandbox.setFaults({ latencyMs: 200 });
		const replies = Promise.all([
			siteFlow(base, 'GET', '/api/account'),
			siteFlow(base, 'GET', '/api/account', { secret: 'wrong' }),
			...Array.from({ length: 50 }, (_, index) => siteFlow(base, 'GET', `/api/order?page=${index + 1}`)),
		]);
		// all 52 wait out their latency at once: a delay that blocked would hold the rest back
		await settle(() => sandbox.stats().delaying === 52);
		// the admin API answers meanwhile, with no timer moved
		expect((await admin(base, 'GET', '/state')).status).toBe(200);
		jest.advanceTimersByTime(199);
		await settle(() => true);
		expect(sandbox.stats().delaying).toBe(52);
		expect(sandbox.requests(100)).toHaveLength(0);
		jest.advanceTimersByTime(1);
		expect((await replies).map((reply) => reply.status)).toEqual([200, 401, ...Array(50).fill(200)]);
		expect(sandbox.stats().delaying).toBe(0);
		expect(sandbox.requests(100).map((entry) => entry.delayMs)).toEqual(Array(52).fill(200));
	});
});

describe('rate limit', () => {
	afterEach(() => jest.useRealTimers());

	it('is on by default at 3000/min and reports the window on every response', async () => {
		const reply = await siteFlow(base, 'GET', '/api/account');
		expect(reply.headers.get('x-ratelimit-limit')).toBe('3000');
		expect(Number(reply.headers.get('x-ratelimit-remaining'))).toBeLessThan(3000);
	});

	it('answers 429 with Retry-After beyond the limit, per key or token', async () => {
		freezeDateInMinute(10);
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
		// the seconds left until the next minute starts
		expect(retryAfter).toBe(50);
		expect(limited.headers.get('x-ratelimit-limit')).toBe('3');
		expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
		// the gateway key has its own window
		expect((await gateway(base, 'GET', '/box/api/partner/flow')).status).toBe(200);
		const stats = sandbox.stats();
		expect(stats.throttled).toBe(1);
		expect(stats.byStatus['429']).toBe(1);
		expect(stats.perMinute.at(-1)).toMatchObject({ throttled: 1 });
	});

	it('headers: false leaves out the X-RateLimit headers, still limits and still sends Retry-After', async () => {
		freezeDateInMinute(10);
		const set = await admin(base, 'POST', '/faults', { rateLimit: { perMinute: 2, headers: false } });
		expect(set.body.rateLimit).toEqual({ perMinute: 2, headers: false });
		const first = await siteFlow(base, 'GET', '/api/account');
		expect(first.status).toBe(200);
		expect(first.headers.get('x-ratelimit-limit')).toBeNull();
		expect(first.headers.get('x-ratelimit-remaining')).toBeNull();
		expect((await siteFlow(base, 'GET', '/api/account')).status).toBe(200);
		const limited = await siteFlow(base, 'GET', '/api/account');
		expect(limited.status).toBe(429);
		expect(limited.headers.get('x-ratelimit-limit')).toBeNull();
		expect(limited.headers.get('x-ratelimit-remaining')).toBeNull();
		expect(limited.headers.get('retry-after')).toBe('50');
		// given without headers, the limit announces itself again
		const again = await admin(base, 'POST', '/faults', { rateLimit: { perMinute: 100 } });
		expect(again.body.rateLimit).toEqual({ perMinute: 100, headers: true });
		expect((await siteFlow(base, 'GET', '/api/account')).headers.get('x-ratelimit-limit')).toBe('100');
	});

	it('refuses a headers value that is not true or false', async () => {
		const refused = await admin(base, 'POST', '/faults', { rateLimit: { perMinute: 10, headers: 'no' } });
		expect(refused.status).toBe(400);
		expect(JSON.stringify(refused.body)).toContain('rateLimit.headers must be true or false');
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

describe('failNext with 429', () => {
	it('sends Retry-After: 1 by default, or failNext.retryAfterSeconds', async () => {
		sandbox.setFaults({ failNext: { count: 1, status: 429 } });
		expect(sandbox.faults().failNext).toMatchObject({ status: 429, retryAfterSeconds: 1 });
		const first = await siteFlow(base, 'GET', '/api/account');
		expect(first.status).toBe(429);
		expect(first.headers.get('retry-after')).toBe('1');
		expect(first.body).toMatchObject({ success: false, error: { code: 429, message: 'Too Many Requests (injected by the sandbox)' } });
		sandbox.setFaults({ failNext: { count: 1, status: 429, retryAfterSeconds: 7 } });
		expect((await siteFlow(base, 'GET', '/api/account')).headers.get('retry-after')).toBe('7');
		// other statuses send none
		sandbox.setFaults({ failNext: { count: 1, status: 503 } });
		expect((await siteFlow(base, 'GET', '/api/account')).headers.get('retry-after')).toBeNull();
	});
});

describe('dropBeforeProcessing', () => {
	it('drops the connection before the request is processed: nothing is created', async () => {
		sandbox.setFaults({ dropBeforeProcessing: { count: 1, match: { method: 'POST', path: '/api/order' } } });
		// not matched: answered as usual
		expect((await siteFlow(base, 'GET', '/api/account')).status).toBe(200);
		const order = validOrder({ sourceOrderId: 'NEVER-1' });
		await expect(siteFlow(base, 'POST', '/api/order', { body: order })).rejects.toThrow();
		expect(sandbox.orders({ sourceOrderId: 'NEVER-1' })).toHaveLength(0);
		expect(sandbox.requests(1)[0]).toMatchObject({ method: 'POST', path: '/api/order', status: 0, dropped: true, error: expect.stringMatching(/before processing/) });
		// so a re-send creates the order, once
		expect((await siteFlow(base, 'POST', '/api/order', { body: order })).status).toBe(201);
		expect(sandbox.orders({ sourceOrderId: 'NEVER-1' })).toHaveLength(1);
		expect(sandbox.faults().dropBeforeProcessing?.count).toBe(0);
		expect(sandbox.stats()).toMatchObject({ faultsInjected: 1, byStatus: { dropped: 1 } });
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
	afterEach(() => jest.useRealTimers());

	it('holds the next answer for its ms, so a client gives up first; the answer after it is not held', async () => {
		useFakeTimers();
		sandbox.setFaults({ slow: { count: 1, ms: 600 } });
		const client = new AbortController();
		const first = siteFlow(base, 'GET', '/api/account', { signal: client.signal });
		await settle(() => sandbox.stats().delaying === 1);
		client.abort();
		await expect(first).rejects.toThrow();
		expect(sandbox.faults().slow?.count).toBe(0);
		// answered with no timer moved
		expect((await siteFlow(base, 'GET', '/api/account')).status).toBe(200);
		jest.advanceTimersByTime(600);
		// the request given up on is still answered, and logged, once its delay is over
		await settle(() => sandbox.stats().requests === 2);
		expect(sandbox.requests(10).map((entry) => [entry.status, entry.delayMs])).toEqual([
			[200, 0],
			[200, 600],
		]);
	});

	it('ends an answer it holds when the sandbox closes, so no timer of it outlives the sandbox', async () => {
		const closing = await startSandbox({ port: 0 });
		useFakeTimers();
		closing.setFaults({ slow: { count: 1, ms: 600 } });
		const held = siteFlow(closing.url, 'GET', '/api/account');
		held.catch(() => undefined);
		await settle(() => closing.stats().delaying === 1);
		await closing.close();
		// no timer moved: only the close can end the hold (a few turns let the held handler finish)
		for (let turn = 0; turn < 20 && closing.stats().delaying > 0; turn++) await new Promise((resolve) => setImmediate(resolve));
		expect(closing.stats().delaying).toBe(0);
		// its connection went with the sandbox
		await expect(held).rejects.toThrow();
	});
});

describe('faults on upload PUTs', () => {
	const UPLOADS = { method: 'PUT', path: '/_uploads/' };

	async function uploadUrl(): Promise<{ uploadUrl: string; fetchUrl: string }> {
		return (await gateway(base, 'GET', '/box/api/partner/file/uploadurls?mimeType=application/pdf')).body;
	}

	const put = (url: string, body = '%PDF-1.4 bytes', signal?: AbortSignal) =>
		fetch(url, { method: 'PUT', body, headers: { 'content-type': 'application/pdf' }, signal });
	const uploadId = (url: string) => new URL(url).pathname.split('/').pop() as string;

	it('reach an upload only through a match.path that matches it', async () => {
		const urls = await uploadUrl();
		sandbox.setFaults({ failNext: { count: 1, status: 503 } });
		// the unmatched knob is used up by the next API request, not by the upload
		expect((await put(urls.uploadUrl)).status).toBe(200);
		expect(sandbox.faults().failNext?.count).toBe(1);
		sandbox.setFaults({ failNext: { count: 1, status: 503, match: { method: 'PUT' } } });
		expect((await put(urls.uploadUrl)).status).toBe(200);
		sandbox.setFaults({ failNext: { count: 1, status: 503, match: { path: '/_uploads/000000000000000000000000' } } });
		expect((await put(urls.uploadUrl)).status).toBe(200);
		expect(sandbox.faults().failNext?.count).toBe(1);
	});

	it('failNext answers the PUT with its status, after reading the body, and stores nothing', async () => {
		const urls = await uploadUrl();
		sandbox.setFaults({ failNext: { count: 1, status: 503, match: UPLOADS } });
		const refused = await put(urls.uploadUrl, 'twelve bytes');
		expect(refused.status).toBe(503);
		expect(await refused.json()).toMatchObject({ success: false, error: { code: 503, message: 'Service Unavailable (injected by the sandbox)' } });
		expect(sandbox.upload(uploadId(urls.fetchUrl)).complete).toBe(false);
		expect(sandbox.requests(1)[0]).toMatchObject({ path: `/_uploads/${uploadId(urls.fetchUrl)}`, status: 503, upload: { bytesReceived: 12 } });
		expect((await put(urls.uploadUrl, 'twelve bytes')).status).toBe(200);
		expect(sandbox.upload(uploadId(urls.fetchUrl))).toMatchObject({ complete: true, size: 12 });
	});

	it('failNext with 429 sends Retry-After on an upload too', async () => {
		const urls = await uploadUrl();
		sandbox.setFaults({ failNext: { count: 1, status: 429, match: UPLOADS, retryAfterSeconds: 3 } });
		const throttled = await put(urls.uploadUrl);
		expect(throttled.status).toBe(429);
		expect(throttled.headers.get('retry-after')).toBe('3');
	});

	it('dropBeforeProcessing drops the PUT without storing it', async () => {
		const urls = await uploadUrl();
		sandbox.setFaults({ dropBeforeProcessing: { count: 1, match: UPLOADS } });
		await expect(put(urls.uploadUrl)).rejects.toThrow();
		expect(sandbox.upload(uploadId(urls.fetchUrl)).complete).toBe(false);
		expect(sandbox.requests(1)[0]).toMatchObject({ status: 0, dropped: true, upload: { bytesReceived: 14 } });
	});

	it('dropAfterProcessing stores the PUT, then drops its connection', async () => {
		const urls = await uploadUrl();
		sandbox.setFaults({ dropAfterProcessing: { count: 1, match: UPLOADS } });
		await expect(put(urls.uploadUrl)).rejects.toThrow();
		expect(sandbox.upload(uploadId(urls.fetchUrl))).toMatchObject({ complete: true, size: 14 });
		expect(sandbox.requests(1)[0]).toMatchObject({ status: 200, dropped: true });
	});

	it('slow holds the answer to a PUT so a client gives up first', async () => {
		const urls = await uploadUrl();
		useFakeTimers();
		try {
			sandbox.setFaults({ slow: { count: 1, ms: 600, match: UPLOADS } });
			const client = new AbortController();
			const first = put(urls.uploadUrl, 'x', client.signal);
			await settle(() => sandbox.stats().delaying === 1);
			client.abort();
			await expect(first).rejects.toThrow();
			expect(sandbox.faults().slow?.count).toBe(0);
			// answered with no timer moved
			expect((await put(urls.uploadUrl, 'x')).status).toBe(200);
			jest.advanceTimersByTime(600);
			await settle(() => sandbox.stats().requests === 3);
		} finally {
			jest.useRealTimers();
		}
	});

	it('counts the faults injected into uploads', async () => {
		const urls = await uploadUrl();
		sandbox.setFaults({ failNext: { count: 2, status: 500, match: UPLOADS } });
		await put(urls.uploadUrl);
		await put(urls.uploadUrl);
		expect(sandbox.stats().faultsInjected).toBe(2);
	});
});

describe('fault admin', () => {
	it('merges knobs, shows them, clears them back to the configured rate limit', async () => {
		await admin(base, 'POST', '/faults', { latencyMs: 5 });
		await admin(base, 'POST', '/faults', { slow: { count: 2, ms: 10 }, rateLimit: { perMinute: 10 }, gzipDownload: { count: 3 } });
		const shown = await admin(base, 'GET', '/faults');
		expect(shown.body).toMatchObject({ latencyMs: 5, slow: { count: 2, ms: 10 }, rateLimit: { perMinute: 10, headers: true }, failNext: null, dropBeforeProcessing: null, dropAfterProcessing: null, gzipDownload: { count: 3 } });
		expect((await admin(base, 'POST', '/faults', { latencyMs: -1 })).status).toBe(400);
		expect((await admin(base, 'POST', '/faults', { failNext: { status: 200 } })).status).toBe(400);
		expect((await admin(base, 'POST', '/faults', { failNext: { status: 429, retryAfterSeconds: -1 } })).status).toBe(400);
		expect((await admin(base, 'POST', '/faults', { failNext: { status: 503, retryAfterSeconds: 5 } })).status).toBe(400);
		expect((await admin(base, 'POST', '/faults', { dropBeforeProcessing: 'yes' })).status).toBe(400);
		expect((await admin(base, 'POST', '/faults', { gzipDownload: 'yes' })).status).toBe(400);
		const cleared = await admin(base, 'DELETE', '/faults');
		expect(cleared.body).toEqual({ latencyMs: 0, rateLimit: { perMinute: 3000, headers: true }, failNext: null, dropBeforeProcessing: null, dropAfterProcessing: null, slow: null, breakDownload: null, gzipDownload: null });
	});

	it('counts requests by status and minute', async () => {
		// A sandbox of its own: a delayed answer of an earlier test may still arrive on the shared one.
		const own = await startSandbox({ port: 0 });
		let stats;
		try {
			await siteFlow(own.url, 'GET', '/api/account');
			await siteFlow(own.url, 'GET', '/api/account', { secret: 'x' });
			stats = (await admin(own.url, 'GET', '/stats')).body;
		} finally {
			await own.close();
		}
		expect(stats).toMatchObject({ requests: 2, byStatus: { 200: 1, 401: 1 }, throttled: 0, faultsInjected: 0, delaying: 0 });
		expect(stats.perMinute.at(-1)).toMatchObject({ minute: expect.stringMatching(/:00\.000Z$/), requests: 2 });
	});
});
