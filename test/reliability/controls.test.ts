/**
 * The checks of this suite can fail: each detector is shown a case it must catch. Without these, a
 * scanner that looks nowhere or a counter that counts nothing would pass everything.
 */
import { PrintOsApi } from '../../credentials/PrintOsApi.credentials';
import { SiteFlowApi } from '../../credentials/SiteFlowApi.credentials';
import { FUZZ_SPECS, runFuzzCase } from './lib/badInput';
import { unclearReason } from './lib/clarity';
import { fault } from './lib/faults';
import { summarise, type HostileRequest, type HostileResponse } from './lib/hostile';
import { operation } from './lib/operations';
import { runCase } from './lib/runCase';
import { SecretScanner, signaturesFromRequestLog, type LoggedRequest } from './lib/secrets';
import { useWorld } from './useWorld';

describe('the secret scanner', () => {
	const secret = 'control-secret-0123456789abcdef';
	const signature = 'a'.repeat(10) + '0123456789abcdef'.repeat(3) + 'b'.repeat(6);

	function scanner() {
		const found = new SecretScanner();
		found.addSecret('the control secret', secret);
		found.addSignature(signature);
		return found;
	}

	it('finds a secret deep in an error: description, cause, response', () => {
		const error = Object.assign(new Error('outer'), { description: 'fine', cause: Object.assign(new Error('inner'), { errorResponse: { detail: `key=${secret}` } }) });
		expect(scanner().scan('control', { run: { error } })).toHaveLength(1);
	});

	it('finds the base64 form and a signature inside a longer hex run, masks both in the context', () => {
		const found = scanner().scan('control', `auth ${Buffer.from(secret).toString('base64')} and ff${signature}00`);
		expect(found.map((finding) => finding.what)).toEqual(['the control secret (base64)', 'a full request signature']);
		expect(JSON.stringify(found)).not.toContain(secret);
		expect(JSON.stringify(found)).not.toContain(signature);
	});

	it('does not report a part of a signature or of a secret', () => {
		expect(scanner().scan('control', `${signature.slice(0, 40)} ${secret.slice(0, 20)}`)).toEqual([]);
	});

	it('recomputes from the sandbox log exactly the signatures the credential classes sent', async () => {
		const credentials = { key: 'k-1', token: 't-1', secret: 's3cr3t-for-the-control', environment: 'custom', baseUrl: 'http://127.0.0.1:9', orderServiceUrl: 'http://127.0.0.1:9/orders/api', algorithm: 'SHA256' };
		const gateway = await new PrintOsApi().authenticate(credentials, { method: 'GET', url: 'http://127.0.0.1:9/box/api/partner/folder/abc' });
		const siteFlow = await new SiteFlowApi().authenticate({ ...credentials, baseUrl: 'http://127.0.0.1:9/api' }, { method: 'POST', url: 'http://127.0.0.1:9/api/order' });
		const headers = (options: { headers?: unknown }) => options.headers as Record<string, string>;
		const log: LoggedRequest[] = [
			{ method: 'GET', path: '/box/api/partner/folder/abc', scheme: 'A', credential: 'k-1', headers: { 'x-hp-hmac-date': headers(gateway)['x-hp-hmac-date'], 'x-hp-hmac-algorithm': 'SHA256' } },
			{ method: 'POST', path: '/api/order', scheme: 'B', credential: 't-1', headers: { 'x-oneflow-date': headers(siteFlow)['x-oneflow-date'], 'x-oneflow-algorithm': 'SHA256' } },
		];
		const sent = [headers(gateway)['x-hp-hmac-authentication'], headers(siteFlow)['x-oneflow-authorization']].map((value) => value.split(':').pop());
		expect(signaturesFromRequestLog(log, () => credentials.secret)).toEqual(sent);
	});
});

describe('what counts as a clear error', () => {
	it.each([
		["Cannot read properties of undefined (reading 'orderData')"],
		['order.map is not a function'],
		['[object Object]'],
		['Error'],
		['The upload URL refused the file: see http://x/_uploads/1?signature=abc'],
	])('refuses %j', (message) => {
		expect(unclearReason({ message })).toBeDefined();
	});

	it('accepts PrintOS’s own messages and the node’s explanations', () => {
		expect(unclearReason({ message: 'Service Unavailable (injected by the sandbox)' })).toBeUndefined();
		expect(unclearReason({ message: 'Item 0: the order is not valid: orderData.items must contain at least one item' })).toBeUndefined();
	});
});

describe('the hostile-request summary', () => {
	it('counts a 5xx and an echoed token as problems, a 4xx as a refusal', () => {
		const request = (index: number): HostileRequest => ({ index, kind: 'missingToken', method: 'POST', path: '/webhook/x', headers: {}, body: () => undefined, marker: `hostile-${index}` });
		const response = (index: number, status: number, body = ''): HostileResponse => ({ index, kind: 'missingToken', status, body, headers: {}, ms: 1 });
		const summary = summarise([response(0, 401), response(1, 500, 'boom'), response(2, 401, 'tok-secret-123456')], [request(0), request(1), request(2)], ['tok-secret-123456']);
		expect(summary).toMatchObject({ refused: 2, failed: 1 });
		expect(summary.problems).toHaveLength(2);
	});
});

describe('the fault-matrix judge and the bad-input verdict', () => {
	const world = useWorld();
	jest.setTimeout(30_000);

	it('reports a duplicate and a lost item when the effects say so', async () => {
		const spec = { ...operation('box.folder.create'), effects: () => [2, 0, 1] };
		const result = await runCase(world(), spec, fault('rateLimitStorm'));
		expect(result.duplicateOrders).toBe(1);
		expect(result.problems.join('\n')).toMatch(/took effect 2 times/);
		expect(result.problems.join('\n')).toMatch(/reported success, but nothing reached PrintOS/);
	});

	it('reports an item that succeeded where the expectation says it cannot', async () => {
		const strict = { ...fault('rateLimitStorm'), expect: () => ({ succeed: [1, 2], fail: [0] }) };
		const result = await runCase(world(), operation('box.folder.get'), strict);
		expect(result.problems.join('\n')).toMatch(/item 0 should have failed/);
	});

	it('reports input the oracle calls invalid that was sent anyway', async () => {
		const spec = FUZZ_SPECS.find((candidate) => candidate.id === 'siteFlow.account.get')!;
		const verdict = await runFuzzCase(world(), spec, { auth: 'siteFlowApi', parameters: { resource: 'account', operation: 'get' }, items: [{ json: {} }], requestOptions: { retryBaseMs: 5 }, invalid: 'a pretend reason' });
		expect(verdict.problems.join('\n')).toMatch(/was accepted[\s\S]*was sent: GET \/api\/account/);
	});
});
