/**
 * The credentials' `authenticate` (credentials/common/authenticate.ts) called directly, as n8n calls it:
 * which URLs it signs and which it refuses before anything is sent (README, "Where the credentials
 * sign"), what the signed request options carry (the documented headers, no redirects, exactly the
 * signed URL), and that no refusal repeats a secret. Each signature is recomputed here from the
 * documented string to sign (docs/printos-api.md#signing), not with the package's signing code, or
 * taken from the documented vectors (docs/printos-api.md#signing-vectors).
 */
import { createHmac } from 'crypto';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { PrintOsApi } from '../../credentials/PrintOsApi.credentials';
import { SiteFlowApi } from '../../credentials/SiteFlowApi.credentials';
import { signGatewayRequest, signSiteFlowRequest } from '../../credentials/common/authenticate';

const gateway = new PrintOsApi();
const siteFlow = new SiteFlowApi();

const SECRET = 'authenticate-test-secret';

type Signed = IHttpRequestOptions & {
	uri?: string;
	followRedirect?: boolean;
	followAllRedirects?: boolean;
	maxRedirects?: number;
};

const gatewayCredentials: ICredentialDataDecryptedObject = { key: 'gw-key', secret: SECRET, environment: 'production' };
const siteFlowCredentials: ICredentialDataDecryptedObject = { token: 'sf-token', secret: SECRET, environment: 'production' };

const sha256 = (secret: string, text: string) => createHmac('sha256', secret).update(text, 'utf8').digest('hex');

async function viaGateway(request: IHttpRequestOptions & { uri?: string }, credentials = gatewayCredentials): Promise<Signed> {
	return (await gateway.authenticate(credentials, request)) as Signed;
}

async function viaSiteFlow(request: IHttpRequestOptions & { uri?: string }, credentials = siteFlowCredentials): Promise<Signed> {
	return (await siteFlow.authenticate(credentials, request)) as Signed;
}

/** The refusal's message; fails the test when the request was signed instead. */
async function refusal(signing: Promise<unknown>): Promise<string> {
	const outcome = await signing.then(
		() => undefined,
		(error: Error) => error,
	);
	if (!outcome) throw new Error('the request was signed, a refusal was expected');
	expect(outcome.message).not.toContain(SECRET);
	return outcome.message;
}

describe('which requests a credential signs', () => {
	it('signs a request to its own environment and refuses every other origin, naming the hosts it signs for', async () => {
		await expect(viaGateway({ method: 'GET', url: 'https://printos.api.hp.com/box/api/partner/flow' })).resolves.toBeDefined();
		await expect(viaGateway({ method: 'GET', url: 'https://stage.printos.api.hp.com/box/api/partner/flow' }, { ...gatewayCredentials, environment: 'staging' })).resolves.toBeDefined();

		expect(await refusal(viaGateway({ method: 'GET', url: 'https://evil.example/box/api/partner/flow' }))).toBe(
			'The HP PrintOS API credential signs requests only for its environment (printos.api.hp.com); this request goes to evil.example and was not sent. Use a URL on the credential\'s hosts, or another credential.',
		);
		// the same host under another scheme or port is another origin
		expect(await refusal(viaGateway({ method: 'GET', url: 'http://printos.api.hp.com/box/api/partner/flow' }))).toMatch(/this request goes to printos\.api\.hp\.com and was not sent/);
		expect(await refusal(viaGateway({ method: 'GET', url: 'https://printos.api.hp.com:8443/box/api/partner/flow' }))).toMatch(/this request goes to printos\.api\.hp\.com:8443 and/);
		// production's credential does not sign for staging
		expect(await refusal(viaGateway({ method: 'GET', url: 'https://stage.printos.api.hp.com/box/api/partner/flow' }))).toMatch(/^The HP PrintOS API credential signs requests only for its environment \(printos\.api\.hp\.com\)/);
	});

	it('signs Site Flow requests for the API host and the order service host, and names both when it refuses', async () => {
		await expect(viaSiteFlow({ method: 'GET', url: 'https://pro-api.oneflowcloud.com/api/account' })).resolves.toBeDefined();
		await expect(viaSiteFlow({ method: 'POST', url: 'https://orders.oneflow.io/api/order', body: {} })).resolves.toBeDefined();
		expect(await refusal(viaSiteFlow({ method: 'GET', uri: 'https://evil.example:8443/api/account' } as never))).toBe(
			'The HP Site Flow API credential signs requests only for its environment (pro-api.oneflowcloud.com, orders.oneflow.io); this request goes to evil.example:8443 and was not sent. Use a URL on the credential\'s hosts, or another credential.',
		);
		const custom = { ...siteFlowCredentials, environment: 'custom', baseUrl: 'http://127.0.0.1:4010/api', orderServiceUrl: 'http://127.0.0.1:4011/api' };
		expect(await refusal(viaSiteFlow({ method: 'GET', url: 'https://pro-api.oneflowcloud.com/api/account' }, custom))).toMatch(
			/only for its environment \(127\.0\.0\.1:4010, 127\.0\.0\.1:4011\); this request goes to pro-api\.oneflowcloud\.com and/,
		);
	});

	it('refuses a URL that does not parse, naming it without user-info or query', async () => {
		expect(await refusal(viaGateway({ method: 'GET', url: 'https://admin:hunter2@exa mple.com/box/api/x?token=abc' }))).toBe(
			'The HP PrintOS API credential cannot sign a request to "https://exa mple.com/box/api/x": not a valid URL',
		);
		expect(await refusal(viaSiteFlow({ method: 'GET', url: 'https://[not-a-host/api/account' }))).toBe(
			'The HP Site Flow API credential cannot sign a request to "https://[not-a-host/api/account": not a valid URL',
		);
	});

	it('refuses a custom environment whose URL carries a user name or password, repeating neither', async () => {
		const message = await refusal(
			viaGateway({ method: 'GET', url: '/box/api/partner/flow' }, { ...gatewayCredentials, environment: 'custom', baseUrl: 'http://admin:hunter2@127.0.0.1:4010' }),
		);
		expect(message).toMatch(/Base URL must not contain a user name or password/);
		expect(message).not.toMatch(/admin|hunter2/);
	});

	it.each([
		['..', '/box/api/partner/folder/../file'],
		['.', '/box/api/partner/./file'],
		['%2e', '/box/api/partner/%2e/file'],
		['%2E%2e', '/box/api/partner/%2E%2e/file'],
		['.%2E', '/box/api/partner/.%2E/file'],
		['trailing ..', '/box/api/partner/folder/..'],
	])('refuses a path with a %s segment, which the HTTP client would send to another path than the one signed', async (_, path) => {
		expect(await refusal(viaGateway({ method: 'GET', url: `https://printos.api.hp.com${path}?token=abc` }))).toMatch(
			/^The HP PrintOS API credential cannot sign "https:\/\/printos\.api\.hp\.com\/[^"?]*": a path segment is "\." or "\.\.", which would send the request to another path than the one signed$/,
		);
	});

	it('signs paths whose segments merely contain dots', async () => {
		for (const path of ['/api/file/report.v2.pdf', '/api/file/.hidden', '/api/file/..x', '/api/file/x..', '/api/file/...', '/api/file/%2e%2e%2e']) {
			const signed = await viaSiteFlow({ method: 'GET', url: `https://pro-api.oneflowcloud.com${path}` });
			expect(signed.url).toBe(`https://pro-api.oneflowcloud.com${path}`);
		}
	});
});

describe('the signed request options', () => {
	it('reproduce the documented vectors A3 and B3 for whole requests signed at the vectors\' moment', () => {
		const date = '2024-01-15T10:30:00.000Z';
		const a3 = signGatewayRequest(
			{ key: 'demoKey123', secret: 'demoSecret456', environment: 'production' },
			{ method: 'GET', baseURL: 'https://printos.api.hp.com/box', url: '/api/partner/file/uploadurls', qs: { mimeType: 'application/pdf' } },
			date,
		);
		expect(a3.headers).toEqual({
			'x-hp-hmac-authentication': 'demoKey123:863c39a9866383af206d088046bacd52d1a1fa2c449aea62c9ca891bf3f91b0c',
			'x-hp-hmac-date': date,
			'x-hp-hmac-algorithm': 'SHA256',
			'content-type': 'application/json',
		});
		expect(a3.url).toBe('https://printos.api.hp.com/box/api/partner/file/uploadurls?mimeType=application%2Fpdf');

		const b3 = signSiteFlowRequest(
			{ token: 'demoToken', secret: 'demoSecret', environment: 'production' },
			{ method: 'GET', url: 'https://pro-api.oneflowcloud.com/api/order/bysourceid/ORDER%2001', qs: { foo: 1 } },
			date,
		);
		expect(b3.headers).toEqual({
			'x-oneflow-authorization': 'demoToken:0ea38be9afff7bccaf8ad7b11cd6aa6a0390f2d1d096f58b36273868881c6279',
			'x-oneflow-date': date,
			'x-oneflow-algorithm': 'SHA256',
			'content-type': 'application/json',
		});
		expect(b3.url).toBe('https://pro-api.oneflowcloud.com/api/order/bysourceid/ORDER%2001?foo=1');
	});

	it('carry the documented gateway headers over METHOD, a space, the service path and the date (scheme A)', async () => {
		const signed = await viaGateway({ method: 'DELETE', url: 'https://printos.api.hp.com/box/api/partner/folder/f1', qs: { force: true } });
		const date = signed.headers!['x-hp-hmac-date'] as string;
		expect(Math.abs(Date.parse(date) - Date.now())).toBeLessThan(60_000);
		expect(signed.headers).toEqual({
			'x-hp-hmac-authentication': `gw-key:${sha256(SECRET, `DELETE /api/partner/folder/f1${date}`)}`,
			'x-hp-hmac-date': date,
			'x-hp-hmac-algorithm': 'SHA256',
			'content-type': 'application/json',
		});
		expect(signed.url).toBe('https://printos.api.hp.com/box/api/partner/folder/f1?force=true');
		expect(signed.qs).toEqual({});
	});

	it('carry the documented Site Flow headers over METHOD, the decoded pathname and the date (scheme B)', async () => {
		const signed = await viaSiteFlow({ method: 'POST', url: 'https://orders.oneflow.io/api/order', body: { a: 1 } });
		const date = signed.headers!['x-oneflow-date'] as string;
		expect(signed.headers).toEqual({
			'x-oneflow-authorization': `sf-token:${sha256(SECRET, `POST /api/order ${date}`)}`,
			'x-oneflow-date': date,
			'x-oneflow-algorithm': 'SHA256',
			'content-type': 'application/json',
		});
		expect(signed.body).toEqual({ a: 1 });
	});

	it('sign with the key, token, secret and account id as typed, without surrounding spaces', async () => {
		const gatewaySigned = await viaGateway(
			{ method: 'GET', url: 'https://printos.api.hp.com/box/api/partner/flow' },
			{ key: '  gw-key\n', secret: ` ${SECRET}\t`, environment: 'production' },
		);
		const gatewayDate = gatewaySigned.headers!['x-hp-hmac-date'] as string;
		expect(gatewaySigned.headers!['x-hp-hmac-authentication']).toBe(`gw-key:${sha256(SECRET, `GET /api/partner/flow${gatewayDate}`)}`);

		const siteFlowSigned = await viaSiteFlow(
			{ method: 'GET', url: 'https://pro-api.oneflowcloud.com/api/account' },
			{ token: ' sf-token ', secret: `${SECRET} `, accountId: ' acct-7 ', environment: 'production' },
		);
		const siteFlowDate = siteFlowSigned.headers!['x-oneflow-date'] as string;
		expect(siteFlowSigned.headers!['x-oneflow-authorization']).toBe(`sf-token:${sha256(SECRET, `GET /api/account ${siteFlowDate}`)}`);
		expect(siteFlowSigned.headers!['x-oneflow-account']).toBe('acct-7');
	});

	it('send the service-user account header only when an account id is given', async () => {
		for (const accountId of [undefined, '', '   ', 42]) {
			const signed = await viaSiteFlow({ method: 'GET', url: 'https://pro-api.oneflowcloud.com/api/account' }, { ...siteFlowCredentials, accountId } as never);
			expect(Object.keys(signed.headers!).sort()).toEqual(['content-type', 'x-oneflow-algorithm', 'x-oneflow-authorization', 'x-oneflow-date']);
		}
		// a field n8n has not filled in signs with an empty key, never with a stand-in text
		const signed = await viaGateway({ method: 'GET', url: 'https://printos.api.hp.com/box/api/partner/flow' }, { secret: SECRET, environment: 'production' });
		const date = signed.headers!['x-hp-hmac-date'] as string;
		expect(signed.headers!['x-hp-hmac-authentication']).toBe(`:${sha256(SECRET, `GET /api/partner/flow${date}`)}`);
	});

	it('never follow a redirect, in the helper options and in the legacy options of the HTTP Request node', async () => {
		for (const signed of [
			await viaGateway({ method: 'GET', url: 'https://printos.api.hp.com/box/api/partner/flow' }),
			await viaSiteFlow({
				method: 'GET',
				uri: 'https://pro-api.oneflowcloud.com/api/account',
				followRedirect: true,
				followAllRedirects: true,
				maxRedirects: 21,
			} as never),
		]) {
			expect(signed).toMatchObject({ disableFollowRedirect: true, followRedirect: false, followAllRedirects: false, maxRedirects: 0 });
		}
	});

	it("keep the request's own headers, and its own content type in whatever case it is written", async () => {
		const signed = await viaSiteFlow({
			method: 'PUT',
			url: 'https://pro-api.oneflowcloud.com/api/order/o1/file',
			headers: { Accept: 'application/xml', 'Content-Type': 'application/pdf' },
		});
		expect(signed.headers).toMatchObject({ Accept: 'application/xml', 'Content-Type': 'application/pdf' });
		expect(Object.keys(signed.headers!).filter((name) => name.toLowerCase() === 'content-type')).toEqual(['Content-Type']);

		const lowerCase = await viaSiteFlow({ method: 'PUT', url: 'https://pro-api.oneflowcloud.com/api/x', headers: { 'content-type': 'text/csv' } });
		expect(lowerCase.headers!['content-type']).toBe('text/csv');
	});

	it("answer the helper's shape with a url and no base, and the HTTP Request node's shape with a uri and no url", async () => {
		const helper = await viaGateway({ method: 'GET', baseURL: 'https://printos.api.hp.com/box', url: '/api/partner/flow', qs: { page: 2 } });
		expect(helper.url).toBe('https://printos.api.hp.com/box/api/partner/flow?page=2');
		expect(helper).not.toHaveProperty('baseURL');
		expect(helper).not.toHaveProperty('uri');

		const legacy = await viaGateway({ method: 'GET', uri: 'https://printos.api.hp.com/box/api/partner/flow', qs: { page: 2 } } as never);
		expect(legacy.uri).toBe('https://printos.api.hp.com/box/api/partner/flow?page=2');
		expect(legacy).not.toHaveProperty('url');
	});
});
