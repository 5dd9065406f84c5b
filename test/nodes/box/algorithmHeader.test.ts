/**
 * The gateway reads a request without `x-hp-hmac-algorithm` as legacy SHA1 and refuses it with
 * 400 "Not Authorized" (spec §1.1), so the nodes must name the algorithm on every gateway request:
 * Box, and Site Flow through the gateway, whatever the credential stores.
 */
import { useSiteFlowSandbox } from '../../helpers/siteFlowSandbox';
import { boxCalls, freshSandbox, runBox } from './boxKit';
import type { Sandbox } from '../../../sandbox';

describe('Box node', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await freshSandbox();
	});
	afterAll(async () => await sandbox.close());

	it('sends x-hp-hmac-algorithm: SHA256 on every request, and is answered', async () => {
		const result = await runBox(sandbox, { resource: 'substrate', operation: 'getMany', returnAll: true });
		expect(result.error).toBeUndefined();
		const calls = boxCalls(sandbox);
		expect(calls.length).toBeGreaterThan(0);
		for (const call of calls) {
			expect(call.headers['x-hp-hmac-algorithm']).toBe('SHA256');
			expect(call.status).toBe(200);
		}
	});

	it('sends it even for a credential saved without an algorithm', async () => {
		sandbox.clearRequests();
		const { algorithm: _dropped, ...withoutAlgorithm } = sandbox.credentialData().printOsApi;
		expect(withoutAlgorithm.algorithm).toBeUndefined();
		const result = await runBox(sandbox, { resource: 'flow', operation: 'getMany', returnAll: true }, { credentials: withoutAlgorithm });
		expect(result.error).toBeUndefined();
		expect(boxCalls(sandbox).map((call) => call.headers['x-hp-hmac-algorithm'])).toEqual(['SHA256']);
	});
});

describe('Site Flow node through the gateway', () => {
	const harness = useSiteFlowSandbox();

	it('sends x-hp-hmac-algorithm: SHA256', async () => {
		const result = await harness.run({ resource: 'sku', operation: 'getAll', returnAll: true }, { auth: 'printOsApi', credentials: { algorithm: undefined } });
		expect(result.error).toBeUndefined();
		const calls = harness.apiRequests();
		expect(calls.length).toBeGreaterThan(0);
		expect(calls.every((call) => call.family === 'gatewaySiteFlow' && call.headers['x-hp-hmac-algorithm'] === 'SHA256')).toBe(true);
	});
});
