/**
 * The retry loop's arithmetic, through the transport inside n8n's real execution context against a
 * scripted server: which wait follows which answer, the total-wait budget, and the account-wide
 * pause after a 429. Jitter is off, so every wait is exact and the number of requests shows which
 * waits the loop chose; nothing here measures time.
 */
import { runNode } from '../harness/n8nRun';
import { TransportProbe } from '../helpers/probeNode';
import { startScriptedServer, type ScriptedServer } from '../helpers/scriptedServer';
import * as pacer from '../../nodes/PrintOs/transport/pacer';

const probe = new TransportProbe();
let server: ScriptedServer;

beforeEach(async () => {
	server = await startScriptedServer();
	pacer.resetPacers();
});
afterEach(async () => {
	jest.restoreAllMocks();
	await server.close();
});

/** Backoff base 5 ms, no jitter: the n-th retry waits exactly 2^n × 5 ms unless Retry-After says otherwise. */
async function probeRun(method: string, retrySettings: Record<string, number>) {
	return await runNode({
		nodeType: probe,
		parameters: {
			credentialType: 'siteFlowApi',
			service: 'siteFlow',
			method,
			path: '/order',
			retrySettings: JSON.stringify({ jitter: 0, ...retrySettings }),
			requestOptions: { retryBaseMs: 5 },
		},
		credentials: {
			siteFlowApi: { token: 'probe-token', secret: 'budget-secret', environment: 'custom', baseUrl: `${server.url}/api`, orderServiceUrl: `${server.url}/orders/api`, algorithm: 'SHA256' },
		},
		items: [{ json: {} }],
	});
}

describe('the total-wait budget', () => {
	beforeEach(() => {
		server.fallback = () => ({ status: 503, body: { message: 'maintenance' } });
	});

	// waits 10, 20, 40, 80 ms: retries stop before the wait that would take the sum past the budget
	it.each([
		[29, 2],
		[30, 3],
		[69, 3],
		[70, 4],
		[150, 5],
		[10_000, 5],
	])('with a budget of %i ms, a GET failing with 503 is sent %i times', async (maxTotalWaitMs, requests) => {
		const result = await probeRun('GET', { maxTotalWaitMs, maxRetries: 4 });
		expect(server.requests).toHaveLength(requests);
		expect(result.error?.message).toContain('maintenance');
		expect(result.error?.httpCode).toBe('503');
	});

	it('caps each single wait, so a long backoff still fits the budget', async () => {
		// uncapped, the first wait would be 10 ms and exceed a 5 ms budget; capped at 1 ms it fits four times
		await probeRun('GET', { maxTotalWaitMs: 5, maxSingleWaitMs: 1, maxRetries: 4 });
		expect(server.requests).toHaveLength(5);
	});
});

describe('Retry-After', () => {
	it("decides the wait after a 429: a server's 1 s does not fit a 500 ms budget, where the backoff's 10 ms would", async () => {
		server.script.push({ status: 429, headers: { 'retry-after': '1' }, body: { message: 'Too Many Requests' } });
		const result = await probeRun('GET', { maxTotalWaitMs: 500 });
		expect(server.requests).toHaveLength(1);
		expect(result.error?.httpCode).toBe('429');
	});

	it('is retried on a POST when it fits the budget', async () => {
		server.script.push({ status: 429, headers: { 'retry-after': '0' }, body: { message: 'Too Many Requests' } });
		const result = await probeRun('POST', { maxTotalWaitMs: 500 });
		expect(result.error).toBeUndefined();
		expect(server.requests.map((request) => request.method)).toEqual(['POST', 'POST']);
	});
});

describe('the pause after a 429', () => {
	/** Every pause the client asks for, as (account key, ms from the moment it asked). */
	function recordPauses(): Array<{ key: string; forMs: number }> {
		const pauses: Array<{ key: string; forMs: number }> = [];
		const original = pacer.pauseAccount;
		jest.spyOn(pacer, 'pauseAccount').mockImplementation((key, untilMs) => {
			pauses.push({ key, forMs: untilMs - Date.now() });
			original(key, untilMs);
		});
		return pauses;
	}

	it("pauses the whole account until the server's Retry-After", async () => {
		const pauses = recordPauses();
		server.script.push({ status: 429, headers: { 'retry-after': '7' }, body: { message: 'Too Many Requests' } });
		await probeRun('GET', { maxTotalWaitMs: 500 });
		expect(pauses).toHaveLength(1);
		expect(pauses[0].key).toContain('probe-token');
		expect(pauses[0].key).not.toContain('budget-secret');
		// 7 s plus the up to 250 ms the client adds to land past the server's moment
		expect(pauses[0].forMs).toBeGreaterThanOrEqual(7000 - 5);
		expect(pauses[0].forMs).toBeLessThanOrEqual(7250);
	});

	it('pauses the account for Retry-After also when this request gives up (no retries left)', async () => {
		const pauses = recordPauses();
		server.script.push({ status: 429, headers: { 'retry-after': '7' }, body: { message: 'Too Many Requests' } });
		const result = await probeRun('GET', { maxRetries: 0 });
		expect(result.error?.message).toMatch(/Too Many Requests|429/);
		expect(pauses).toHaveLength(1);
		expect(pauses[0].forMs).toBeGreaterThanOrEqual(7000 - 5);
	});

	it('pauses the account for the backoff when the server names no moment', async () => {
		const pauses = recordPauses();
		server.script.push({ status: 429, body: { message: 'Too Many Requests' } });
		const result = await probeRun('GET', { maxTotalWaitMs: 500 });
		expect(result.error).toBeUndefined();
		expect(pauses).toHaveLength(1);
		expect(pauses[0].forMs).toBeGreaterThan(5);
		expect(pauses[0].forMs).toBeLessThanOrEqual(10);
	});

	it('does not pause the account for a server error', async () => {
		const pauses = recordPauses();
		server.script.push({ status: 503, body: { message: 'maintenance' } });
		const result = await probeRun('GET', { maxTotalWaitMs: 500 });
		expect(result.error).toBeUndefined();
		expect(pauses).toEqual([]);
	});
});
