import { createHmac } from 'crypto';
import type { IHttpRequestOptions } from 'n8n-workflow';

import { PrintOsApi } from '../../credentials/PrintOsApi.credentials';
import { SiteFlowApi } from '../../credentials/SiteFlowApi.credentials';

const gateway = new PrintOsApi();
const siteFlow = new SiteFlowApi();

const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');

type Signed = IHttpRequestOptions & { uri?: string };

describe('printOsApi authenticate', () => {
	const credentials = { key: 'k1', secret: 'top-secret', environment: 'production', algorithm: 'SHA256' };

	it('signs the node helper shape (baseURL + url + qs) and sends exactly the signed URL', async () => {
		const signed = (await gateway.authenticate(credentials, {
			method: 'GET',
			baseURL: 'https://printos.api.hp.com/box',
			url: '/api/partner/file/uploadurls',
			qs: { mimeType: 'application/pdf' },
		})) as Signed;
		const date = signed.headers!['x-hp-hmac-date'] as string;
		expect(signed.url).toBe('https://printos.api.hp.com/box/api/partner/file/uploadurls?mimeType=application%2Fpdf');
		expect(signed.baseURL).toBeUndefined();
		expect(signed.qs).toEqual({});
		expect(signed.headers!['x-hp-hmac-authentication']).toBe(
			`k1:${hmac('top-secret', `GET /api/partner/file/uploadurls${date}`)}`,
		);
		expect(Math.abs(Date.parse(date) - Date.now())).toBeLessThan(5000);
		expect(signed.headers!['content-type']).toBe('application/json');
	});

	it('signs the credential-test shape (undefined method, unresolved baseURL) against the environment', async () => {
		const signed = (await gateway.authenticate(
			{ ...credentials, environment: 'staging' },
			{ url: '/box/api/partner/substrate', baseURL: '={{ $credentials.x }}', qs: {}, body: {}, headers: {} } as never,
		)) as Signed;
		const date = signed.headers!['x-hp-hmac-date'] as string;
		expect(signed.url).toBe('https://stage.printos.api.hp.com/box/api/partner/substrate');
		expect(signed.headers!['x-hp-hmac-authentication']).toBe(
			`k1:${hmac('top-secret', `GET /api/partner/substrate${date}`)}`,
		);
	});

	it("signs the HTTP Request node's legacy uri shape under a custom root with a path prefix", async () => {
		const signed = (await gateway.authenticate(
			{ ...credentials, environment: 'custom', baseUrl: 'http://127.0.0.1:4010/gw/' },
			{ method: 'put', uri: 'http://127.0.0.1:4010/gw/siteflow/api/order/hp.acme/ORD%201/cancel', qs: { a: ['1', '2'] }, json: true } as never,
		)) as Signed;
		const date = signed.headers!['x-hp-hmac-date'] as string;
		expect(signed.uri).toBe('http://127.0.0.1:4010/gw/siteflow/api/order/hp.acme/ORD%201/cancel?a=1&a=2');
		expect(signed.headers!['x-hp-hmac-authentication']).toBe(
			`k1:${hmac('top-secret', `PUT /api/order/hp.acme/ORD%201/cancel${date}`)}`,
		);
	});

	it('signs with SHA1 when the legacy algorithm is chosen', async () => {
		const signed = (await gateway.authenticate(
			{ ...credentials, algorithm: 'SHA1' },
			{ method: 'GET', url: 'https://printos.api.hp.com/box/api/partner/flow' },
		)) as Signed;
		const date = signed.headers!['x-hp-hmac-date'] as string;
		expect(signed.headers!['x-hp-hmac-algorithm']).toBe('SHA1');
		expect(signed.headers!['x-hp-hmac-authentication']).toBe(
			`k1:${createHmac('sha1', 'top-secret').update(`GET /api/partner/flow${date}`).digest('hex')}`,
		);
	});

	it('never puts the secret into the request', async () => {
		const signed = await gateway.authenticate(credentials, { method: 'POST', url: 'https://printos.api.hp.com/box/api/partner/folder', body: { name: 'x' } });
		expect(JSON.stringify(signed)).not.toContain('top-secret');
	});
});

describe('siteFlowApi authenticate', () => {
	const credentials = { token: 'tok', secret: 'sf-secret', environment: 'production', algorithm: 'SHA256', accountId: '' };

	it('signs the decoded pathname including /api, with spaces on both sides, query excluded', async () => {
		const signed = (await siteFlow.authenticate(credentials, {
			method: 'GET',
			url: 'https://pro-api.oneflowcloud.com/api/order/bysourceid/A%2B1%20x',
			qs: { page: 2 },
		})) as Signed;
		const date = signed.headers!['x-oneflow-date'] as string;
		expect(signed.url).toBe('https://pro-api.oneflowcloud.com/api/order/bysourceid/A%2B1%20x?page=2');
		expect(signed.headers!['x-oneflow-authorization']).toBe(
			`tok:${hmac('sf-secret', `GET /api/order/bysourceid/A+1 x ${date}`)}`,
		);
		expect(signed.headers).not.toHaveProperty('x-oneflow-account');
	});

	it('uses the custom base for relative requests and adds the service-user account header', async () => {
		const signed = (await siteFlow.authenticate(
			{ ...credentials, environment: 'custom', baseUrl: 'http://127.0.0.1:9/api', accountId: 'acct-7' },
			{ url: '/account', qs: {}, body: {}, headers: {} } as never,
		)) as Signed;
		const date = signed.headers!['x-oneflow-date'] as string;
		expect(signed.url).toBe('http://127.0.0.1:9/api/account');
		expect(signed.headers!['x-oneflow-account']).toBe('acct-7');
		expect(signed.headers!['x-oneflow-authorization']).toBe(`tok:${hmac('sf-secret', `GET /api/account ${date}`)}`);
	});

	it('signs every call afresh', async () => {
		const request = { method: 'GET' as const, url: 'https://pro-api.oneflowcloud.com/api/account' };
		const first = (await siteFlow.authenticate(credentials, request)) as Signed;
		await new Promise((resolve) => setTimeout(resolve, 5));
		const second = (await siteFlow.authenticate(credentials, request)) as Signed;
		expect(second.headers!['x-oneflow-date']).not.toBe(first.headers!['x-oneflow-date']);
		expect(second.headers!['x-oneflow-authorization']).not.toBe(first.headers!['x-oneflow-authorization']);
	});

	it('refuses a custom environment without an absolute base URL', async () => {
		await expect(
			siteFlow.authenticate({ ...credentials, environment: 'custom', baseUrl: 'localhost/api' }, { url: '/account' }),
		).rejects.toThrow(/Base URL must be an absolute/);
	});
});
