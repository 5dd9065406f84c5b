/**
 * The credentials' Test button: the request n8n builds from `test.request` (method undefined,
 * baseURL an unresolved expression) is signed by `authenticate` and sent to the sandbox.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { PrintOsApi } from '../../credentials/PrintOsApi.credentials';
import { SiteFlowApi } from '../../credentials/SiteFlowApi.credentials';
import { startSandbox, type Sandbox } from '../../sandbox';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => sandbox.close());

/** The credentials that sign; typed as the classes, whose `authenticate` is a function. */
type SigningCredential = PrintOsApi | SiteFlowApi;

async function runCredentialTest(type: SigningCredential, credentials: ICredentialDataDecryptedObject) {
	// n8n builds the request from `test.request` with these defaults; the declarative type leaves `url` optional
	const request = { qs: {}, body: {}, headers: {}, ...type.test.request } as IHttpRequestOptions;
	const signed = await type.authenticate(credentials, request);
	const response = await fetch(signed.url, { method: signed.method ?? 'GET', headers: signed.headers as Record<string, string> });
	return { status: response.status, body: await response.json() };
}

describe('credential tests against the sandbox', () => {
	const cases = (): Array<{ type: SigningCredential; credentials: ICredentialDataDecryptedObject }> => [
		{ type: new PrintOsApi(), credentials: { key: 'sandbox-key', secret: 'sandbox-secret', environment: 'custom', baseUrl: sandbox.url, algorithm: 'SHA256' } },
		{ type: new SiteFlowApi(), credentials: { token: 'sandbox-token', secret: 'sandbox-secret', environment: 'custom', baseUrl: `${sandbox.url}/api`, orderServiceUrl: sandbox.orderServiceUrl, algorithm: 'SHA256' } },
	];

	it('pass with the right secret', async () => {
		for (const { type, credentials } of cases()) {
			expect((await runCredentialTest(type, credentials)).status).toBe(200);
		}
	});

	it("fail with a wrong secret, carrying PrintOS's message and no secret", async () => {
		for (const { type, credentials } of cases()) {
			const result = await runCredentialTest(type, { ...credentials, secret: 'wrong-secret' });
			expect(result.status).toBe(401);
			const text = JSON.stringify(result.body);
			expect(text).toMatch(/signature/i);
			expect(text).not.toContain('wrong-secret');
			expect(text).not.toContain('sandbox-secret');
		}
	});
});
