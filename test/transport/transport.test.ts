import { runNode, type RunNodeResult } from '../harness/n8nRun';
import { TransportProbe } from '../helpers/probeNode';
import { startScriptedServer, type ScriptedServer } from '../helpers/scriptedServer';
import { resetPacers } from '../../nodes/PrintOs/transport/pacer';
import { MAX_LIST_PAGES } from '../../nodes/PrintOs/transport/pagination';

const SECRET = 'transport-test-secret';
const probe = new TransportProbe();
let server: ScriptedServer;

beforeEach(async () => {
	server = await startScriptedServer();
	resetPacers();
});
afterEach(async () => server.close());

function credentials() {
	return {
		siteFlowApi: { token: 'probe-token', secret: SECRET, environment: 'custom', baseUrl: `${server.url}/api`, orderServiceUrl: `${server.url}/orders/api`, algorithm: 'SHA256' },
	};
}

async function probeRun(parameters: Record<string, unknown>, extra: { items?: number; continueOnFail?: boolean } = {}) {
	return await runNode({
		nodeType: probe,
		parameters: { credentialType: 'siteFlowApi', service: 'siteFlow', requestOptions: { retryBaseMs: 5 }, ...parameters },
		credentials: credentials(),
		items: Array.from({ length: extra.items ?? 1 }, (_, index) => ({ json: { index, path: `/order/item-${index}` } })),
		continueOnFail: extra.continueOnFail,
	});
}

function expectNoSecrets(result: RunNodeResult) {
	const everything = JSON.stringify({ run: result.run, error: result.error, message: result.error?.message, description: result.error?.description });
	expect(everything).not.toContain(SECRET);
	for (const request of server.requests) {
		const signature = String(request.headers['x-oneflow-authorization'] ?? '').split(':')[1];
		expect(signature).toMatch(/^[0-9a-f]{64}$/);
		expect(everything).not.toContain(signature);
	}
}

describe('retries', () => {
	it.each(['GET', 'POST', 'PUT', 'DELETE'])('retries a 429 on %s, honouring Retry-After', async (method) => {
		server.script.push({ status: 429, headers: { 'retry-after': '0' }, body: { success: false, error: { code: 429, message: 'Too Many Requests' } } });
		const result = await probeRun({ method, path: '/order' });
		expect(result.error).toBeUndefined();
		expect(server.requests.map((request) => request.method)).toEqual([method, method]);
		expect(result.items[0].json.response).toMatchObject({ ok: true, method });
	});

	it('backs off exponentially on 429 without Retry-After, then succeeds', async () => {
		for (let index = 0; index < 3; index++) server.script.push({ status: 429, body: { message: 'slow down' } });
		const result = await probeRun({ method: 'POST', path: '/order' });
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(4);
	});

	it.each(['GET', 'PUT', 'DELETE'])('retries 5xx on idempotent %s', async (method) => {
		server.script.push({ status: 503, body: 'maintenance' }, { status: 500, body: { message: 'boom' } });
		const result = await probeRun({ method, path: '/order/1' });
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(3);
	});

	it('never retries a POST on 5xx and reports PrintOS’s message and status', async () => {
		server.script.push({ status: 503, body: { success: false, error: { message: 'Service under maintenance', code: 503 } } });
		const result = await probeRun({ method: 'POST', path: '/order' });
		expect(server.requests).toHaveLength(1);
		expect(result.error?.message).toBe('Service under maintenance');
		expect(result.error?.httpCode).toBe('503');
		expectNoSecrets(result);
	});

	it('retries a dropped connection on GET', async () => {
		server.script.push({ drop: true });
		const result = await probeRun({ method: 'GET', path: '/order/1' });
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(2);
	});

	it('never re-sends a POST whose connection dropped, and says the outcome is unknown', async () => {
		server.script.push({ drop: true });
		const result = await probeRun({ method: 'POST', path: '/order' });
		expect(server.requests).toHaveLength(1);
		expect(result.error?.message).toMatch(/may or may not have processed it/);
		expectNoSecrets(result);
	});

	describe('a repeat refused as already done', () => {
		const cancelled = { status: 400, body: { success: false, error: { message: 'Order is already cancelled' } } };
		const refusal = { method: 'PUT', path: '/order/1/cancel', repeatRefusalStatus: 400, repeatRefusalMessage: 'already cancell?ed' };

		it('counts as done when an earlier attempt lost its answer', async () => {
			server.script.push({ drop: true }, cancelled);
			const result = await probeRun(refusal);
			expect(result.error).toBeUndefined();
			expect(server.requests).toHaveLength(2);
			expect(result.items[0].json).toMatchObject({ confirmedByRepeat: true });
		});

		it('is still an error on a first attempt: nothing says this request did it', async () => {
			server.script.push(cancelled);
			const result = await probeRun(refusal);
			expect(server.requests).toHaveLength(1);
			expect(result.error?.message).toBe('Order is already cancelled');
			expect(result.error?.httpCode).toBe('400');
		});

		it('is still an error when the refusal says something else', async () => {
			server.script.push({ drop: true }, { status: 400, body: { success: false, error: { message: 'Order has already shipped and cannot be cancelled' } } });
			const result = await probeRun(refusal);
			expect(result.error?.message).toBe('Order has already shipped and cannot be cancelled');
		});

		it('is an error for an endpoint that names no refusal', async () => {
			server.script.push({ drop: true }, cancelled);
			const result = await probeRun({ method: 'PUT', path: '/order/1/cancel' });
			expect(result.error?.message).toBe('Order is already cancelled');
		});
	});

	it('stops after the configured number of retries', async () => {
		server.fallback = () => ({ status: 502, body: { message: 'Bad gateway upstream' } });
		const result = await probeRun({ method: 'GET', path: '/order/1', requestOptions: { retryBaseMs: 1, maxRetries: 2 } });
		expect(server.requests).toHaveLength(3);
		expect(result.error?.message).toBe('Bad gateway upstream');
	});
});

describe('error mapping', () => {
	it('lists every validation message of a code 208 failure', async () => {
		server.script.push({
			status: 400,
			body: {
				success: false,
				error: {
					code: 208,
					message: 'Validation failed',
					validations: [
						{ path: 'orderData.sourceOrderId', message: 'is required' },
						{ path: 'orderData.items[0].sku', message: 'SKU not found' },
						{ path: 'orderData.shipments[0].shipTo.postcode', message: 'is required' },
					],
				},
			},
		});
		const result = await probeRun({ method: 'POST', path: '/order/validate' });
		expect(result.error?.httpCode).toBe('400');
		for (const fragment of ['orderData.sourceOrderId: is required', 'orderData.items[0].sku: SKU not found', 'orderData.shipments[0].shipTo.postcode: is required']) {
			expect(result.error?.message).toContain(fragment);
		}
		expect(result.error?.message).toContain('3 validation errors');
	});

	it('explains a 401 with the credential and environment, and hints at the clock when the date is off', async () => {
		server.script.push({ status: 401, body: { success: false, error: { code: 401, message: 'Request date is too far from the server clock (1200 s)' } } });
		const result = await probeRun({ method: 'GET', path: '/account' });
		expect(result.error?.message).toMatch(/too far from the server clock .*check this machine's clock/);
		expect(result.error?.description).toContain('HP Site Flow API credential (environment: custom (');
		expectNoSecrets(result);
	});

	it('uses a {"message"} body and a plain-text body as the message', async () => {
		server.script.push({ status: 401, body: { message: 'Token Not Found' } });
		const tokenResult = await probeRun({ method: 'GET', path: '/account' });
		expect(tokenResult.error?.message).toBe('Token Not Found');
		server.script.push({ status: 500, body: 'Internal meltdown' });
		const textResult = await probeRun({ method: 'POST', path: '/order' });
		expect(textResult.error?.message).toBe('Internal meltdown');
	});
});

describe('items', () => {
	beforeEach(() => {
		// later items answer sooner, so completion order differs from input order
		server.fallback = (request) => {
			const index = Number(/item-(\d+)/.exec(request.url)?.[1] ?? 0);
			return { status: 200, delayMs: (24 - index) * 5, body: { url: request.url } };
		};
	});

	it('keeps input order and pairing with bounded concurrency', async () => {
		const result = await probeRun({ path: '={{ $json.path }}', requestOptions: { retryBaseMs: 5, concurrency: 10 } }, { items: 24 });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.itemIndex)).toEqual([...Array(24).keys()]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([...Array(24).keys()].map((item) => ({ item })));
		expect(server.maxInFlight).toBeGreaterThan(1);
		expect(server.maxInFlight).toBeLessThanOrEqual(10);
	});

	it('runs strictly one after another with concurrency 1', async () => {
		const result = await probeRun({ path: '={{ $json.path }}', requestOptions: { concurrency: 1 } }, { items: 6 });
		expect(result.items).toHaveLength(6);
		expect(server.maxInFlight).toBe(1);
		expect(server.requests.map((request) => request.url)).toEqual([...Array(6).keys()].map((index) => `/api/order/item-${index}`));
	});

	it('turns a failed item into an error item with continueOnFail, leaving the others', async () => {
		const fallback = server.fallback;
		server.fallback = (request) =>
			request.url.endsWith('item-2') ? { status: 404, body: { success: false, error: { message: 'Order not found', code: 404 } } } : fallback(request);
		const result = await probeRun({ path: '={{ $json.path }}' }, { items: 5, continueOnFail: true });
		expect(result.items).toHaveLength(5);
		expect(result.items[2].json).toEqual({ error: { message: 'Order not found', httpCode: 404 } });
		expect(result.items[2].pairedItem).toEqual({ item: 2 });
		expect(result.items.filter((item) => item.json.error)).toHaveLength(1);
	});

	it('fails the node on the first failing item, naming it', async () => {
		const fallback = server.fallback;
		server.fallback = (request) =>
			request.url.endsWith('item-3') ? { status: 404, body: { success: false, error: { message: 'Order not found' } } } : fallback(request);
		const result = await probeRun({ path: '={{ $json.path }}' }, { items: 6 });
		expect(result.error?.message).toBe('Order not found');
		expect((result.error?.context as { itemIndex?: number }).itemIndex).toBe(3);
	});
});

describe('pagination', () => {
	const TOTAL = 250;
	function pagedServer(withPages = true) {
		server.fallback = (request) => {
			const url = new URL(request.url, 'http://x');
			const page = Number(url.searchParams.get('page'));
			const size = Number(url.searchParams.get('pagesize'));
			const data = [];
			for (let index = (page - 1) * size; index < Math.min(page * size, TOTAL); index++) data.push({ n: index });
			return { status: 200, body: { data, count: TOTAL, page, ...(withPages ? { pages: Math.ceil(TOTAL / size) } : {}), success: true } };
		};
	}

	it('returns all records in order with the fewest pages', async () => {
		pagedServer();
		const result = await probeRun({ path: '/order', list: true });
		expect(result.items.map((item) => item.json.n)).toEqual([...Array(TOTAL).keys()]);
		expect(server.requests).toHaveLength(3);
		expect(server.requests.every((request) => request.url.includes('pagesize=100'))).toBe(true);
	});

	it('stops at the limit', async () => {
		pagedServer();
		const result = await probeRun({ path: '/order', list: true, limit: 120 });
		expect(result.items).toHaveLength(120);
		expect(server.requests).toHaveLength(2);
	});

	it('asks for pages of the Limit’s size when the Limit is below a page, and stops after one', async () => {
		pagedServer();
		const result = await probeRun({ path: '/order', list: true, limit: 30 });
		expect(result.items.map((item) => item.json.n)).toEqual([...Array(30).keys()]);
		expect(server.requests.map((request) => request.url)).toEqual([expect.stringContaining('pagesize=30')]);
	});

	it('reads no further page when the first one holds the Limit exactly', async () => {
		pagedServer();
		const result = await probeRun({ path: '/order', list: true, limit: 100 });
		expect(result.items).toHaveLength(100);
		expect(server.requests).toHaveLength(1);
	});

	it('walks pages without a page count only as far as the Limit', async () => {
		pagedServer(false);
		const result = await probeRun({ path: '/order', list: true, limit: 150 });
		expect(result.items.map((item) => item.json.n)).toEqual([...Array(150).keys()]);
		expect(server.requests.map((request) => new URL(request.url, 'http://x').searchParams.get('page'))).toEqual(['1', '2']);
	});

	it('keeps the request’s own query parameters on every page', async () => {
		pagedServer();
		await probeRun({ path: '/order', list: true, query: JSON.stringify({ status: 'shipped' }) });
		expect(server.requests).toHaveLength(3);
		expect(server.requests.every((request) => new URL(request.url, 'http://x').searchParams.get('status') === 'shipped')).toBe(true);
	});

	it('ends at a short first page, or a first page holding the Limit, also without a page count', async () => {
		pagedServer(false);
		expect((await probeRun({ path: '/order', list: true, limit: 100 })).items).toHaveLength(100);
		expect(server.requests).toHaveLength(1);
		server.requests.length = 0;
		server.fallback = () => ({ status: 200, body: { data: [{ n: 0 }, { n: 1 }], success: true } });
		expect((await probeRun({ path: '/order', list: true })).items).toHaveLength(2);
		expect(server.requests).toHaveLength(1);
	});

	it('returns no more than the Limit when PrintOS answers more records than the page size asked', async () => {
		server.fallback = () => ({ status: 200, body: { data: Array.from({ length: 100 }, (_, n) => ({ n })), success: true } });
		const result = await probeRun({ path: '/order', list: true, limit: 30 });
		expect(result.items.map((item) => item.json.n)).toEqual([...Array(30).keys()]);
		expect(server.requests).toHaveLength(1);
	});

	it('walks to a short page when the envelope has no page count', async () => {
		pagedServer(false);
		const result = await probeRun({ path: '/order', list: true });
		expect(result.items).toHaveLength(TOTAL);
		expect(server.requests).toHaveLength(3);
	});

	/** Full pages of 100 for any page asked, claiming `pages` (or no count at all). */
	function endlessServer(pages?: number) {
		server.fallback = (request) => {
			const page = Number(new URL(request.url, 'http://x').searchParams.get('page'));
			const data = Array.from({ length: 100 }, (_, index) => ({ n: (page - 1) * 100 + index }));
			return { status: 200, body: { data, page, ...(pages !== undefined ? { pages, count: pages * 100 } : {}), success: true } };
		};
	}

	it('refuses a page count beyond the bound after the first page, sending nothing more', async () => {
		endlessServer(MAX_LIST_PAGES + 1);
		const result = await probeRun({ path: '/order', list: true });
		expect(result.error?.message).toBe(`GET /order: PrintOS answered that the list has ${MAX_LIST_PAGES + 1} pages; the node reads at most ${MAX_LIST_PAGES} pages`);
		expect(result.error?.description).toContain('set a Limit');
		expect(server.requests).toHaveLength(1);
	});

	it('trusts a page count within the bound, to the last page', async () => {
		endlessServer(5);
		const result = await probeRun({ path: '/order', list: true, maxPages: 5 });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(500);
		expect(server.requests).toHaveLength(5);
	});

	it('reads only the pages a Limit needs, whatever page count the answer claims', async () => {
		endlessServer(1_000_000_000);
		const result = await probeRun({ path: '/order', list: true, limit: 150 });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.n)).toEqual([...Array(150).keys()]);
		expect(server.requests).toHaveLength(2);
	});

	it('fetches the pages after the first four at a time, kept in order when later pages answer first', async () => {
		// 10 pages of 100; each page after the first answers slowly, later pages sooner than earlier ones
		server.fallback = (request) => {
			const page = Number(new URL(request.url, 'http://x').searchParams.get('page'));
			const data = Array.from({ length: 100 }, (_, index) => ({ n: (page - 1) * 100 + index }));
			return { status: 200, delayMs: page === 1 ? 0 : 300 + (10 - page) * 20, body: { data, page, pages: 10, count: 1000, success: true } };
		};
		const result = await probeRun({ path: '/order', list: true });
		expect(result.items.map((item) => item.json.n)).toEqual([...Array(1000).keys()]);
		expect(server.requests).toHaveLength(10);
		expect(server.maxInFlight).toBe(4);
	});

	it('stops pages that never end at the bound, with an error', async () => {
		endlessServer();
		const result = await probeRun({ path: '/order', list: true, maxPages: 5 });
		expect(result.error?.message).toBe('GET /order: PrintOS still answered full pages after 5 pages; the node reads at most 5 pages');
		expect(server.requests.map((request) => new URL(request.url, 'http://x').searchParams.get('page'))).toEqual(['1', '2', '3', '4', '5']);
	});
});
