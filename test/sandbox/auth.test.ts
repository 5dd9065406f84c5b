import { signGateway, signSiteFlow } from '../../credentials/common/signing';
import { startSandbox, type Sandbox } from '../../sandbox';
import { parseSiteFlowDate } from '../../sandbox/auth';
import { gateway, hmacHex, KEY, SECRET, orderServiceRoot, siteFlow, TOKEN } from './client';

let sandbox: Sandbox;
let base: string;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, rateLimitPerMinute: 0 });
	base = sandbox.url;
});
afterAll(() => sandbox.close());

const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

describe('spec §1.4 vectors, recomputed literally (pins the tests\' own signing)', () => {
	it.each([
		['A1', 'GET /api/partner/folder/58f63d6b72e1311000f612b52024-01-15T10:30:00.000Z', 'sha256', '01640a350485812537b1061efb11ad2587689aac4a8c703c8c286778b6ac310b'],
		['A2', 'POST /api/order/validate2024-01-15T10:30:00Z', 'sha256', 'a25120310aed6c4f9ba83556c82fd3de6536c025a2947822c02ba2e71ac0e48f'],
		['A3', 'GET /api/partner/file/uploadurls2024-01-15T10:30:00.000Z', 'sha256', '863c39a9866383af206d088046bacd52d1a1fa2c449aea62c9ca891bf3f91b0c'],
		['A4', 'PUT /api/order/hp.acme/ORD-1001/cancel2024-01-15T10:30:00.000Z', 'sha256', 'a80875d6ecd997f488cd774830d4558076e18749fdd94e6af67205de400c7470'],
		['A5', 'GET /api/partner/substrate2017-06-06T21:44:25.647Z', 'sha1', '735a8498056b6a9d3ea1ab3545a0255402cdd4ae'],
	] as const)('%s', (_name, stringToSign, algorithm, expected) => {
		expect(hmacHex(algorithm, 'demoSecret456', stringToSign)).toBe(expected);
	});

	it.each([
		['B1', 'token', 'secret', 'GET /api/url 498601557', 'sha1', '6f88d384bd48daed9bf03efad5d5b5bdf89f3063'],
		['B2', 'demoToken', 'demoSecret', 'POST /api/order/validate 2024-01-15T10:30:00.000Z', 'sha256', '995aeee1ccc3d782f28f174ff177271ddfa48ae8b1f4014e3d9bf5d9660812f1'],
		['B3', 'demoToken', 'demoSecret', 'GET /api/order/bysourceid/ORDER 01 2024-01-15T10:30:00.000Z', 'sha256', '0ea38be9afff7bccaf8ad7b11cd6aa6a0390f2d1d096f58b36273868881c6279'],
		['B6', 'demoToken', 'demoSecret', 'PUT /api/order/hp.acme/ORD-1001/cancel 1705314600', 'sha256', '4827329363bc85cda359642de578769120b4ff0329305c59975e740a5f2f1651'],
	] as const)('%s', (_name, _token, secret, stringToSign, algorithm, expected) => {
		expect(hmacHex(algorithm, secret, stringToSign)).toBe(expected);
	});
});

describe('scheme A (gateway) acceptance', () => {
	it('accepts a request signed like HP\'s samples (A1 structure, sandbox secret)', async () => {
		const reply = await gateway(base, 'GET', '/box/api/partner/substrate');
		expect(reply.status).toBe(200);
		expect(reply.body[0]).toBe('Gloss Text');
	});

	it('accepts A2-style dates without milliseconds, on gateway Site Flow', async () => {
		const date = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
		const reply = await gateway(base, 'GET', '/siteflow/api/account', { date });
		expect(reply.status).toBe(200);
		expect(reply.body.name).toBe('sandbox-brand');
	});

	it('does not sign the query (A3 structure)', async () => {
		const reply = await gateway(base, 'GET', '/box/api/partner/file/uploadurls?mimeType=application/pdf');
		expect(reply.status).toBe(200);
		expect(reply.body.uploadUrl).toMatch(/\/_uploads\/[0-9a-f]{24}\?signature=/);
	});

	it('treats a missing x-hp-hmac-algorithm as the legacy SHA1, refused since 2022 (spec §1.1)', async () => {
		const reply = await gateway(base, 'GET', '/box/api/partner/flow', { algorithm: null });
		expect(reply.status).toBe(400);
		expect(reply.body.error.message).toBe('Not Authorized');
	});

	it('accepts headers made by the shared signing module (the credentials\' path)', async () => {
		const headers = signGateway({ key: KEY, secret: SECRET, method: 'GET', servicePath: '/api/partner/substrate', date: new Date().toISOString() });
		const response = await fetch(`${base}/box/api/partner/substrate`, { headers });
		expect(response.status).toBe(200);
	});
});

describe('scheme A rejections', () => {
	const unauthorized = (reply: { status: number; body: { success: boolean; error: { code: number; name: string; message: string } } }) => {
		expect(reply.status).toBe(401);
		expect(reply.body.success).toBe(false);
		expect(reply.body.error.code).toBe(401);
		expect(reply.body.error.name).toBe('Unauthorized');
		return reply.body.error.message;
	};

	it('unknown key', async () => {
		expect(unauthorized(await gateway(base, 'GET', '/box/api/partner/substrate', { id: 'nobody' }))).toMatch(/Unknown API key/);
	});

	it('a Site Flow token is not a gateway key', async () => {
		expect(unauthorized(await gateway(base, 'GET', '/box/api/partner/substrate', { id: TOKEN }))).toMatch(/Unknown API key/);
	});

	it('wrong secret, without revealing the expected signature', async () => {
		const date = new Date().toISOString();
		const reply = await gateway(base, 'GET', '/box/api/partner/substrate', { secret: 'not-the-secret', date });
		expect(unauthorized(reply)).toMatch(/Signature mismatch/);
		const expected = hmacHex('sha256', SECRET, `GET /api/partner/substrate${date}`);
		expect(reply.text).not.toContain(expected);
		expect(reply.text).not.toContain(SECRET);
	});

	it.each(['x-hp-hmac-authentication', 'x-hp-hmac-date'])('missing %s', async (header) => {
		expect(unauthorized(await gateway(base, 'GET', '/box/api/partner/substrate', { omit: [header] }))).toContain(header);
	});

	it('malformed authentication header', async () => {
		const reply = await gateway(base, 'GET', '/box/api/partner/substrate', { headers: { 'x-hp-hmac-authentication': 'just-a-key' } });
		expect(unauthorized(reply)).toMatch(/Malformed/);
	});

	it.each([-20, 20])('a date %i minutes off the server clock', async (offset) => {
		const message = unauthorized(await gateway(base, 'GET', '/box/api/partner/substrate', { date: minutes(offset) }));
		expect(message).toMatch(/too far from the server time/);
		expect(message).toMatch(/clock/);
		expect(message).toMatch(/120\d seconds/);
	});

	it('a date that is not ISO-8601', async () => {
		const unix = String(Math.floor(Date.now() / 1000));
		expect(unauthorized(await gateway(base, 'GET', '/box/api/partner/substrate', { date: unix }))).toMatch(/ISO-8601/);
	});

	it('a signature over the path with the service prefix', async () => {
		const date = new Date().toISOString();
		const reply = await gateway(base, 'GET', '/box/api/partner/substrate', { date, stringToSign: `GET /box/api/partner/substrate${date}` });
		expect(unauthorized(reply)).toContain('GET /api/partner/substrate');
	});

	it('a signature that includes the query string', async () => {
		const date = new Date().toISOString();
		const path = '/box/api/partner/file/uploadurls?mimeType=application/pdf';
		const reply = await gateway(base, 'GET', path, { date, stringToSign: `GET /api/partner/file/uploadurls?mimeType=application/pdf${date}` });
		unauthorized(reply);
	});

	it('a space between path and date (scheme B layout on the gateway)', async () => {
		const date = new Date().toISOString();
		unauthorized(await gateway(base, 'GET', '/box/api/partner/substrate', { date, stringToSign: `GET /api/partner/substrate ${date}` }));
	});

	it('refuses SHA1 with 400 Not Authorized (HP 2022 notice)', async () => {
		const reply = await gateway(base, 'GET', '/box/api/partner/substrate', { algorithm: 'SHA1' });
		expect(reply.status).toBe(400);
		expect(reply.body.error.message).toBe('Not Authorized');
	});

	it('gateway credentials do not open scheme B paths', async () => {
		const reply = await gateway(base, 'GET', '/api/account');
		expect(reply.status).toBe(401);
		expect(reply.body.error.message).toContain('x-oneflow-authorization');
	});
});

describe('scheme B (Site Flow) acceptance', () => {
	it('accepts SHA256 with the algorithm header (B2 structure)', async () => {
		const reply = await siteFlow(base, 'GET', '/api/account');
		expect(reply.status).toBe(200);
		expect(reply.body.name).toBe('sandbox-brand');
		expect(reply.headers.get('x-ratelimit-limit')).toBeNull();
	});

	it('accepts SHA1 with the header, and SHA1 without any header (the legacy default)', async () => {
		expect((await siteFlow(base, 'GET', '/api/account', { algorithm: 'SHA1' })).status).toBe(200);
		const date = new Date().toISOString();
		const headers = (signature: string) => ({ 'x-oneflow-authorization': `${TOKEN}:${signature}`, 'x-oneflow-date': date });
		const sha1 = hmacHex('sha1', SECRET, `GET /api/account ${date}`);
		expect((await fetch(`${base}/api/account`, { headers: headers(sha1) })).status).toBe(200);
		// without the header a SHA256 signature is read as SHA1, and fails
		const sha256 = hmacHex('sha256', SECRET, `GET /api/account ${date}`);
		expect((await fetch(`${base}/api/account`, { headers: headers(sha256) })).status).toBe(401);
	});

	it('excludes the query (B4 structure)', async () => {
		expect((await siteFlow(base, 'GET', '/api/order?page=2&pagesize=50')).status).toBe(200);
	});

	it('signs the percent-decoded path (B3 structure)', async () => {
		const reply = await siteFlow(base, 'GET', '/api/order/bysourceid/ORDER%2001?foo=1');
		expect(reply.status).toBe(404);
		expect(reply.body.error.message).toBe('Order not found');
		const date = new Date().toISOString();
		const encoded = await siteFlow(base, 'GET', '/api/order/bysourceid/ORDER%2001', { date, stringToSign: `GET /api/order/bysourceid/ORDER%2001 ${date}` });
		expect(encoded.status).toBe(401);
	});

	it.each([
		['Unix seconds (PHP SDK, B6)', () => String(Math.floor(Date.now() / 1000))],
		['Ruby "YYYY-MM-DD HH:mm:ss UTC"', () => `${new Date().toISOString().slice(0, 19).replace('T', ' ')} UTC`],
		['old Python "YYYY-MM-DD HH:mm:ss"', () => new Date().toISOString().slice(0, 19).replace('T', ' ')],
		['zone-less isoformat', () => new Date().toISOString().slice(0, 23)],
	])('accepts dates as %s', async (_name, date) => {
		expect((await siteFlow(base, 'GET', '/api/account', { date: date() })).status).toBe(200);
	});

	it('signs the order service path as orders.oneflow.io does (/api/order, spec B5)', async () => {
		const reply = await siteFlow(orderServiceRoot(sandbox), 'POST', '/api/order', { body: {} });
		expect(reply.status).toBe(201);
		const date = new Date().toISOString();
		const wrong = await siteFlow(orderServiceRoot(sandbox), 'POST', '/api/order', { body: {}, date, stringToSign: `POST /orders/api/order ${date}` });
		expect(wrong.status).toBe(401);
	});

	it('accepts headers made by the shared signing module', async () => {
		const headers = signSiteFlow({ token: TOKEN, secret: SECRET, method: 'GET', pathname: '/api/sku', date: new Date().toISOString() });
		expect((await fetch(`${base}/api/sku`, { headers })).status).toBe(200);
	});
});

describe('scheme B rejections', () => {
	it('unknown token: {"message":"Token Not Found"}', async () => {
		const reply = await siteFlow(base, 'GET', '/api/account', { id: 'no-such-token' });
		expect(reply.status).toBe(401);
		expect(reply.body).toEqual({ message: 'Token Not Found' });
	});

	it('wrong secret', async () => {
		const date = new Date().toISOString();
		const reply = await siteFlow(base, 'GET', '/api/account', { secret: 'wrong', date });
		expect(reply.status).toBe(401);
		expect(reply.body.error.message).toMatch(/Signature mismatch/);
		expect(reply.text).not.toContain(hmacHex('sha256', SECRET, `GET /api/account ${date}`));
	});

	it.each(['x-oneflow-authorization', 'x-oneflow-date'])('missing %s', async (header) => {
		const reply = await siteFlow(base, 'GET', '/api/account', { omit: [header] });
		expect(reply.status).toBe(401);
		expect(reply.body.error.message).toContain(header);
	});

	it.each([-20, 20])('a date %i minutes off', async (offset) => {
		const reply = await siteFlow(base, 'GET', '/api/account', { date: minutes(offset) });
		expect(reply.status).toBe(401);
		expect(reply.body.error.message).toMatch(/too far from the server time.*120\d seconds off the server clock/);
	});

	it('Unix seconds 20 minutes off', async () => {
		const reply = await siteFlow(base, 'GET', '/api/account', { date: String(Math.floor(Date.now() / 1000) - 1200) });
		expect(reply.status).toBe(401);
	});

	it('a signature without the /api prefix', async () => {
		const date = new Date().toISOString();
		expect((await siteFlow(base, 'GET', '/api/account', { date, stringToSign: `GET /account ${date}` })).status).toBe(401);
	});

	it('a signature that includes the query string', async () => {
		const date = new Date().toISOString();
		const reply = await siteFlow(base, 'GET', '/api/order?page=1', { date, stringToSign: `GET /api/order?page=1 ${date}` });
		expect(reply.status).toBe(401);
	});

	it('the gateway layout (no space before the date)', async () => {
		const date = new Date().toISOString();
		expect((await siteFlow(base, 'GET', '/api/account', { date, stringToSign: `GET /api/account${date}` })).status).toBe(401);
	});

	it('a gateway key is not a token', async () => {
		const reply = await siteFlow(base, 'GET', '/api/account', { id: KEY });
		expect(reply.body).toEqual({ message: 'Token Not Found' });
	});
});

describe('configurable auth', () => {
	it('accepts gateway SHA1 with allowGatewaySha1, and a tighter skew with maxSkewSeconds', async () => {
		const lenient = await startSandbox({ port: 0, allowGatewaySha1: true, maxSkewSeconds: 60 });
		try {
			expect((await gateway(lenient.url, 'GET', '/box/api/partner/substrate', { algorithm: 'SHA1' })).status).toBe(200);
			const late = await gateway(lenient.url, 'GET', '/box/api/partner/substrate', { date: minutes(-2) });
			expect(late.status).toBe(401);
			expect(late.body.error.message).toMatch(/at most 60 seconds/);
		} finally {
			await lenient.close();
		}
	});

	it('extra keys and tokens from options sign in as their own credential', async () => {
		const extra = await startSandbox({ port: 0, keys: [{ key: 'k2', secret: 's2' }], tokens: [{ token: 't2', secret: 's2' }] });
		try {
			expect((await gateway(extra.url, 'GET', '/box/api/partner/flow', { id: 'k2', secret: 's2' })).status).toBe(200);
			expect((await siteFlow(extra.url, 'GET', '/api/account', { id: 't2', secret: 's2' })).status).toBe(200);
			expect(extra.requests().map((entry) => entry.credential)).toEqual(['k2', 't2']);
		} finally {
			await extra.close();
		}
	});

	it('parses the date forms of scheme B', () => {
		expect(parseSiteFlowDate('1705314600')).toBe(Date.UTC(2024, 0, 15, 10, 30));
		expect(parseSiteFlowDate('2024-01-15 10:30:00 UTC')).toBe(Date.UTC(2024, 0, 15, 10, 30));
		expect(parseSiteFlowDate('2024-01-15T10:30:00+01:00')).toBe(Date.UTC(2024, 0, 15, 9, 30));
		expect(parseSiteFlowDate('not a date')).toBeUndefined();
	});
});
