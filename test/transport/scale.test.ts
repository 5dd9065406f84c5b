/**
 * Scale rules through the real node path (n8n's WorkflowExecute, the credential's signing, real
 * HTTP): the in-flight bound adapts to the round trip, "Items in Parallel" caps it, and the pacer
 * learns this process's share from 429s and announced limits unless a pace is set explicitly.
 * Counts requests in flight at the server; no timing is asserted.
 */
import { runNode } from '../harness/n8nRun';
import { TransportProbe } from '../helpers/probeNode';
import { startScriptedServer, type ScriptedServer } from '../helpers/scriptedServer';
import { currentPace, DEFAULT_PACE_PER_MINUTE, PACE_LEARNING, resetPacers } from '../../nodes/PrintOs/transport/pacer';

const probe = new TransportProbe();
let server: ScriptedServer;

beforeEach(async () => {
	server = await startScriptedServer();
	resetPacers();
});
afterEach(async () => server.close());

async function probeRun(items: number, requestOptions: Record<string, unknown> = {}) {
	return await runNode({
		nodeType: probe,
		parameters: { credentialType: 'siteFlowApi', service: 'siteFlow', path: '={{ $json.path }}', requestOptions: { retryBaseMs: 5, ...requestOptions } },
		credentials: {
			siteFlowApi: { token: 'scale-token', secret: 'scale-secret', environment: 'custom', baseUrl: `${server.url}/api`, orderServiceUrl: `${server.url}/orders/api`, algorithm: 'SHA256' },
		},
		items: Array.from({ length: items }, (_, index) => ({ json: { path: `/order/item-${index}` } })),
	});
}

const paceKey = () => `siteFlowApi:scale-token@${server.url}`;

describe('items in flight', () => {
	it('grows past the old fixed 10 when the round trip is long, keeping order and pairing', async () => {
		server.fallback = (request) => ({ status: 200, delayMs: 400, body: { url: request.url } });
		const result = await probeRun(150);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.itemIndex)).toEqual([...Array(150).keys()]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([...Array(150).keys()].map((item) => ({ item })));
		// at 2940/min (49/s) and 400 ms about 20 requests must travel at once to keep the pace
		expect(server.maxInFlight).toBeGreaterThan(10);
		expect(server.requests).toHaveLength(150);
	});

	it('starts each item exactly once while the bound grows: no phantom item past the last one', async () => {
		// equal, quick items: a place handed on as the bound grows admits two workers at once
		server.fallback = (request) => ({ status: 200, delayMs: 3, body: { url: request.url } });
		for (let count = 1; count <= 40; count++) {
			server.requests.length = 0;
			const result = await probeRun(count, { pacePerMinute: 0 });
			expect({ count, error: result.error?.message }).toEqual({ count, error: undefined });
			expect(result.items.map((item) => item.json.itemIndex)).toEqual([...Array(count).keys()]);
			expect(server.requests).toHaveLength(count);
		}
	});

	it('never exceeds "Items in Parallel" when it is set', async () => {
		server.fallback = (request) => ({ status: 200, delayMs: 150, body: { url: request.url } });
		const result = await probeRun(40, { concurrency: 4 });
		expect(result.items).toHaveLength(40);
		expect(server.maxInFlight).toBeGreaterThan(1);
		expect(server.maxInFlight).toBeLessThanOrEqual(4);
	});
});

describe('pace learning', () => {
	const rateLimited = { status: 429, headers: { 'Retry-After': '0' }, body: { success: false, error: { message: 'Too Many Requests' } } };

	it('a 429 shrinks this process’s pace once, by the shrink factor', async () => {
		server.script = [rateLimited, rateLimited];
		const result = await probeRun(2, { concurrency: 2 });
		expect(result.error).toBeUndefined();
		const pace = currentPace(paceKey())!;
		expect(pace).toBeLessThan(DEFAULT_PACE_PER_MINUTE * PACE_LEARNING.shrinkFactor * 1.02);
		// both 429s answered requests sent before the first shrink: one event, one shrink
		expect(pace).toBeGreaterThan(DEFAULT_PACE_PER_MINUTE * PACE_LEARNING.shrinkFactor ** 2);
	});

	it('an explicit Max Requests per Minute is used as given: a 429 pauses but does not shrink it', async () => {
		server.script = [rateLimited];
		const result = await probeRun(1, { pacePerMinute: 1200 });
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(2);
		expect(currentPace(paceKey())).toBe(1200);
	});

	it('uses an announced limit as ceiling, and an announced "nothing remaining" as a 429 before the 429s', async () => {
		server.fallback = () => ({ status: 200, headers: { 'X-RateLimit-Limit': '600', 'X-RateLimit-Remaining': '100' }, body: {} });
		await probeRun(1);
		expect(currentPace(paceKey())).toBe(588);
		server.fallback = () => ({ status: 200, headers: { 'X-RateLimit-Limit': '600', 'X-RateLimit-Remaining': '0' }, body: {} });
		await probeRun(1);
		expect(currentPace(paceKey())).toBeLessThan(588 * PACE_LEARNING.shrinkFactor * 1.02);
	});
});
