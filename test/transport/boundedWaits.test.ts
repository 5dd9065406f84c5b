/**
 * Bounded waits against a server that accepts connections and never answers: the defaults make
 * a read give up in well under two minutes (the rule checked with the transport's own retry
 * policy), the deadline stops retries the rule says cannot end in time (checked in n8n against a
 * silent server, with short settings), and the message says how many attempts over how long, and
 * where they went.
 */
import { PrintOsSiteFlow } from '../../nodes/PrintOs/SiteFlow/PrintOsSiteFlow.node';
import { DEFAULT_CLIENT_SETTINGS } from '../../nodes/PrintOs/transport/client';
import { resetPacers } from '../../nodes/PrintOs/transport/pacer';
import { retryDelayMs, retryFitsDeadline, type AttemptOutcome } from '../../nodes/PrintOs/transport/retryPolicy';
import { runNode } from '../harness/n8nRun';
import { TransportProbe } from '../helpers/probeNode';
import { startScriptedServer, type ScriptedServer } from '../helpers/scriptedServer';

let server: ScriptedServer;
beforeEach(async () => {
	server = await startScriptedServer();
	server.fallback = () => ({ delayMs: 10 * 60_000 });
	resetPacers();
});
afterEach(async () => server.close());

function siteFlowCredentials() {
	return {
		siteFlowApi: { token: 'probe-token', secret: 'probe-secret', environment: 'custom', baseUrl: `${server.url}/api`, orderServiceUrl: `${server.url}/orders/api`, algorithm: 'SHA256' },
	};
}

describe('the defaults', () => {
	/** Every attempt lasts its whole timeout and every wait its longest: the slowest a silent server can make a request. */
	function slowestSilentRequest(): { attempts: number; ms: number } {
		const { timeoutMs, retry: settings } = DEFAULT_CLIENT_SETTINGS;
		const silent: AttemptOutcome = { kind: 'networkError' };
		let elapsed = timeoutMs;
		let waited = 0;
		let attempts = 1;
		for (let retry = 1; retry <= settings.maxRetries; retry++) {
			const delay = retryDelayMs(silent, retry, settings, () => 1);
			if (!retryFitsDeadline(silent, { elapsedMs: elapsed, delayMs: delay, waitedMs: waited, timeoutMs, settings })) break;
			waited += delay;
			elapsed += delay + timeoutMs;
			attempts++;
		}
		return { attempts, ms: elapsed };
	}

	it('a read fails within two minutes, and so does a submission with its lookup after a lost answer', () => {
		const read = slowestSilentRequest();
		expect(read.attempts).toBeGreaterThan(1);
		expect(read.ms).toBeLessThan(120_000);
		// a submission: one attempt (never retried), then the lookup by sourceOrderId, a read
		expect(DEFAULT_CLIENT_SETTINGS.timeoutMs + read.ms).toBeLessThan(120_000);
	});
});

describe('a server that never answers', () => {
	it('stops retrying when another attempt could not end before the deadline, and says so', async () => {
		const result = await runNode({
			nodeType: new TransportProbe(),
			parameters: {
				credentialType: 'siteFlowApi',
				service: 'siteFlow',
				path: '/order/silent',
				// 2 s per attempt, 5.9 s deadline: a second attempt fits while the first ends before 3.9 s
				// (room for a loaded machine); a third never can (it would end at 6 s at the earliest),
				// whatever Max Retries says
				maxRequestMs: 5900,
				requestOptions: { timeoutSeconds: 2, retryBaseMs: 5, maxRetries: 10 },
			},
			credentials: siteFlowCredentials(),
		});
		// the count is the transport's own; the server may not have read the last request when it was given up
		expect(server.requests.length).toBeGreaterThanOrEqual(1);
		expect(server.requests.length).toBeLessThanOrEqual(2);
		const host = new URL(server.url).host;
		expect(result.error?.message).toMatch(
			new RegExp(`^Could not reach PrintOS for GET /order/silent: no answer from ${host.replace(/\./g, '\\.')} within 2 s — 2 attempts over \\d+(\\.\\d)? s$`),
		);
	});

	it('Site Flow Order Get: each retry is counted in the message, with the time it took', async () => {
		const result = await runNode({
			nodeType: new PrintOsSiteFlow(),
			parameters: {
				authentication: 'siteFlowApi',
				resource: 'order',
				operation: 'get',
				getBy: 'id',
				orderId: { __rl: true, mode: 'id', value: '0123456789abcdef01234567' },
				requestOptions: { timeoutSeconds: 0.2, retryBaseMs: 5, maxRetries: 2 },
			},
			credentials: siteFlowCredentials(),
		});
		expect(server.requests.length).toBeLessThanOrEqual(3);
		expect(result.error?.message).toMatch(/^Could not reach PrintOS for Order: Get: no answer from 127\.0\.0\.1:\d+ within 0\.2 s — 3 attempts over \d+(\.\d)? s$/);
	});

	it('a submission is sent once, then looked up; the error says the outcome is unknown', async () => {
		const result = await runNode({
			nodeType: new PrintOsSiteFlow(),
			parameters: {
				authentication: 'siteFlowApi',
				resource: 'order',
				operation: 'submit',
				submitTarget: 'siteFlowApi',
				inputMode: 'json',
				orderJson: {
					destination: { name: 'hp.sandbox-psp' },
					orderData: {
						sourceOrderId: 'SILENT-1',
						items: [{ sourceItemId: 'SILENT-1-1', sku: 'Business Cards', quantity: 1, components: [{ code: 'Content', path: 'https://example.com/a.pdf', fetch: true }] }],
						shipments: [{ shipTo: { name: 'Ada', address1: '1 Street', town: 'London', postcode: 'N1', isoCountry: 'GB' }, carrier: { code: 'royalmail', service: 'firstclass' } }],
					},
				},
				requestOptions: { timeoutSeconds: 0.2, retryBaseMs: 5, maxRetries: 1 },
			},
			credentials: siteFlowCredentials(),
		});
		// one submission, never a second; then the lookup (the server may not have read its last attempt)
		expect(server.requests[0].method).toBe('POST');
		expect(server.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
		expect(result.error?.message).toMatch(/outcome of submitting order "SILENT-1" .* is unknown: .*looking the order up failed \(Could not reach PrintOS .* 2 attempts over/);
	});
});
