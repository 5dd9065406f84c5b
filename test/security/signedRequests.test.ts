/**
 * Issue 15, points 3–6: a signed request goes only to its credential's own hosts, never follows a
 * redirect, never carries a dot segment, and no URL in a message carries user-info, query or
 * fragment. Requests run inside n8n-core's real execution context over real HTTP, through both of
 * n8n's request helpers: `httpRequestWithAuthentication` (our transport) and the legacy
 * `requestWithAuthentication` with a `uri` (the HTTP Request node's way).
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { runNode } from '../harness/n8nRun';
import { TransportProbe } from '../helpers/probeNode';
import { startScriptedServer, type RecordedRequest, type ScriptedServer } from '../helpers/scriptedServer';
import { resetPacers } from '../../nodes/PrintOs/transport/pacer';
import { fillPath } from '../../nodes/PrintOs/transport/endpoint';
import { PrintOsSiteFlow } from '../../nodes/PrintOs/SiteFlow/PrintOsSiteFlow.node';
import { PrintOsApi } from '../../credentials/PrintOsApi.credentials';
import { SiteFlowApi } from '../../credentials/SiteFlowApi.credentials';
import { describeEnvironment, plainHttpWarning, redactUrl, signingOrigins } from '../../credentials/common/environments';

const SECRET = 'signed-requests-secret';

/** Sends one request per item the way the HTTP Request node does: legacy options with an absolute `uri`. */
class LegacyRequestProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Legacy Request Probe',
		name: 'legacyRequestProbe',
		group: ['transform'],
		version: 1,
		description: 'Sends a request like the HTTP Request node',
		defaults: { name: 'Legacy Request Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'siteFlowApi', required: false }, { name: 'printOsApi', required: false }],
		properties: [
			{ displayName: 'Credential', name: 'credentialType', type: 'string', default: 'siteFlowApi' },
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentialType = this.getNodeParameter('credentialType', 0) as string;
		const uri = this.getNodeParameter('url', 0) as string;
		// the HTTP Request node's defaults: follow redirects, full response, no error on status
		const response = (await this.helpers.requestWithAuthentication.call(this, credentialType, {
			method: 'GET',
			uri,
			json: true,
			resolveWithFullResponse: true,
			simple: false,
			followRedirect: true,
			followAllRedirects: true,
			maxRedirects: 21,
		})) as { statusCode: number; headers: IDataObject };
		return [[{ json: { statusCode: response.statusCode, location: response.headers?.location ?? null } }]];
	}
}

let api: ScriptedServer;
let elsewhere: ScriptedServer;

beforeEach(async () => {
	api = await startScriptedServer();
	elsewhere = await startScriptedServer();
	resetPacers();
});
afterEach(async () => {
	await api.close();
	await elsewhere.close();
});

function siteFlowCredential(baseUrl = `${api.url}/api`) {
	return { token: 'probe-token', secret: SECRET, environment: 'custom', baseUrl, orderServiceUrl: `${api.url}/orders/api`, algorithm: 'SHA256' };
}

function signed(requests: RecordedRequest[]): RecordedRequest[] {
	return requests.filter((request) => Object.keys(request.headers).some((name) => /^x-(oneflow|hp-hmac)-/.test(name)));
}

describe('signed requests never follow redirects', () => {
	it('our transport: a 302 to another host is an error naming the status and the host only, and the host gets nothing', async () => {
		const target = `${elsewhere.url}/collect?token=leaked-query#frag`;
		api.script.push({ status: 302, headers: { location: target } });
		const result = await runNode({
			nodeType: new TransportProbe(),
			parameters: { credentialType: 'siteFlowApi', service: 'siteFlow', method: 'GET', path: '/order/1', requestOptions: { retryBaseMs: 5 } },
			credentials: { siteFlowApi: siteFlowCredential() },
		});
		expect(api.requests).toHaveLength(1);
		expect(elsewhere.requests).toHaveLength(0);
		expect(result.error?.message).toContain('redirect (302)');
		expect(result.error?.message).toContain(new URL(elsewhere.url).host);
		const everything = JSON.stringify({ message: result.error?.message, description: result.error?.description, run: result.run });
		expect(everything).not.toContain('leaked-query');
		expect(everything).not.toContain('/collect');
		expect(everything).not.toContain('frag');
	});

	it.each(['siteFlowApi', 'printOsApi'])('the HTTP Request node way (%s): the 3xx comes back as the answer, nothing reaches the other host', async (credentialType) => {
		api.fallback = () => ({ status: 307, headers: { location: `${elsewhere.url}/steal` } });
		const credentials =
			credentialType === 'siteFlowApi'
				? { siteFlowApi: siteFlowCredential() }
				: { printOsApi: { key: 'probe-key', secret: SECRET, environment: 'custom', baseUrl: api.url, algorithm: 'SHA256' } };
		const result = await runNode({
			nodeType: new LegacyRequestProbe(),
			parameters: { credentialType, url: `${api.url}/${credentialType === 'siteFlowApi' ? 'api' : 'box/api'}/account` },
			credentials: credentials as never,
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toEqual({ statusCode: 307, location: `${elsewhere.url}/steal` });
		expect(signed(api.requests)).toHaveLength(1);
		expect(elsewhere.requests).toHaveLength(0);
	});
});

describe('each credential signs only for its own hosts', () => {
	it.each([
		['siteFlowApi', { siteFlowApi: { token: 't', secret: SECRET, environment: 'custom', baseUrl: '', orderServiceUrl: '', algorithm: 'SHA256' } }],
		['printOsApi', { printOsApi: { key: 'k', secret: SECRET, environment: 'custom', baseUrl: '', algorithm: 'SHA256' } }],
	])('%s: a URL on another host fails clearly and is never sent, signed or not', async (credentialType, template) => {
		const credentials = JSON.parse(JSON.stringify(template));
		credentials[credentialType].baseUrl = credentialType === 'siteFlowApi' ? `${api.url}/api` : api.url;
		const result = await runNode({
			nodeType: new LegacyRequestProbe(),
			parameters: { credentialType, url: `${elsewhere.url}/api/order?x=1` },
			credentials,
		});
		expect(elsewhere.requests).toHaveLength(0);
		expect(api.requests).toHaveLength(0);
		const text = `${result.error?.message} ${result.error?.description ?? ''}`;
		expect(text).toMatch(/signs requests only for its environment/);
		expect(text).toContain(new URL(elsewhere.url).host);
		expect(text).not.toContain(SECRET);
	});

	it('knows the production and staging hosts of each credential, and the custom URLs’ origins', () => {
		expect(signingOrigins('printOsApi', { environment: 'production' })).toEqual(['https://printos.api.hp.com']);
		expect(signingOrigins('printOsApi', { environment: 'staging' })).toEqual(['https://stage.printos.api.hp.com']);
		expect(signingOrigins('siteFlowApi', { environment: 'production' })).toEqual(['https://pro-api.oneflowcloud.com', 'https://orders.oneflow.io']);
		expect(signingOrigins('siteFlowApi', { environment: 'custom', baseUrl: 'http://127.0.0.1:4010/api', orderServiceUrl: 'https://orders.example.test:8443/api' })).toEqual([
			'http://127.0.0.1:4010',
			'https://orders.example.test:8443',
		]);
	});

	it('a production credential refuses the staging host and plain http to its own host', async () => {
		const credentials = { key: 'k', secret: SECRET, environment: 'production', algorithm: 'SHA256' };
		await expect(new PrintOsApi().authenticate(credentials, { url: 'https://stage.printos.api.hp.com/box/api/x', method: 'GET' })).rejects.toThrow(/only for its environment \(printos\.api\.hp\.com\)/);
		await expect(new PrintOsApi().authenticate(credentials, { url: 'http://printos.api.hp.com/box/api/x', method: 'GET' })).rejects.toThrow(/only for its environment/);
		const fine = await new PrintOsApi().authenticate(credentials, { url: 'https://printos.api.hp.com/box/api/x', method: 'GET' });
		expect(fine.headers).toHaveProperty('x-hp-hmac-authentication');
		expect(fine.disableFollowRedirect).toBe(true);
	});
});

describe('ids are checked before sending', () => {
	it.each(['', ' ', '.', '..'])('fillPath refuses %j, naming the field', (value) => {
		expect(() => fillPath({ method: 'GET', path: '/order/{orderId}', confidence: 'DOC' }, { orderId: value })).toThrow(/"orderId"/);
	});

	it('keeps encoding every other character', () => {
		expect(fillPath({ method: 'GET', path: '/order/{orderId}', confidence: 'DOC' }, { orderId: '.../a b+?' })).toBe('/order/...%2Fa%20b%2B%3F');
	});

	it.each(['.', '..'])('an Order Get with id %j fails on its item and field, and sends nothing for it', async (orderId) => {
		const result = await runNode({
			nodeType: new PrintOsSiteFlow(),
			parameters: { authentication: 'siteFlowApi', resource: 'order', operation: 'get', getBy: 'id', orderId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, simplify: false },
			credentials: { siteFlowApi: siteFlowCredential() },
			items: [{ json: { id: 'abc' } }, { json: { id: orderId } }],
			continueOnFail: true,
		});
		expect(result.items).toHaveLength(2);
		expect(String((result.items[1].json.error as { message?: string }).message)).toMatch(new RegExp(`"orderId" "${orderId.replace(/\./g, '\\.')}" is not an id.*\\[item 1\\]`));
		expect(api.requests.map((request) => request.url)).toEqual(['/api/order/abc']);
	});

	it('the credential refuses to sign a URL with a dot segment (the HTTP Request node way)', async () => {
		const result = await runNode({
			nodeType: new LegacyRequestProbe(),
			parameters: { credentialType: 'siteFlowApi', url: `${api.url}/api/order/%2e%2e/account` },
			credentials: { siteFlowApi: siteFlowCredential() },
		});
		expect(result.error?.message ?? '').toMatch(/"\." or "\.\."/);
		expect(api.requests).toHaveLength(0);
	});
});

describe('URLs in messages carry no secrets', () => {
	it('redactUrl drops user-info, query and fragment', () => {
		expect(redactUrl('https://user:pw@host.example:8443/api/x?token=abc#frag')).toBe('https://host.example:8443/api/x');
		expect(redactUrl('not a url?token=abc')).toBe('not a url');
	});

	it('a custom base URL with user-info is refused with a clear message that repeats neither part', async () => {
		const result = await runNode({
			nodeType: new TransportProbe(),
			parameters: { credentialType: 'siteFlowApi', service: 'siteFlow', method: 'GET', path: '/account', requestOptions: { retryBaseMs: 5 } },
			credentials: { siteFlowApi: siteFlowCredential(`http://admin:hunter2-pass@${new URL(api.url).host}/api`) },
		});
		expect(result.error?.message).toMatch(/must not contain a user name or password/);
		expect(JSON.stringify({ m: result.error?.message, d: result.error?.description, run: result.run })).not.toMatch(/hunter2-pass|admin:/);
		expect(api.requests).toHaveLength(0);
		expect(describeEnvironment({ environment: 'custom', baseUrl: 'http://admin:hunter2-pass@h/api' })).toBe('custom');
	});

	it('an error description names the custom base URL without its query or fragment', async () => {
		api.fallback = () => ({ status: 401, body: { message: 'Not authorized' } });
		const result = await runNode({
			nodeType: new TransportProbe(),
			parameters: { credentialType: 'siteFlowApi', service: 'siteFlow', method: 'GET', path: '/account', requestOptions: { retryBaseMs: 5 } },
			credentials: { siteFlowApi: siteFlowCredential(`${api.url}/api?apiKey=query-secret#frag-secret`) },
		});
		expect(result.error?.description).toContain(`custom (${api.url}/api)`);
		expect(JSON.stringify({ m: result.error?.message, d: result.error?.description, run: result.run })).not.toMatch(/query-secret|frag-secret/);
	});

	it('plain http:// to a host other than loopback is accepted with a warning (shown in the credential form)', () => {
		expect(plainHttpWarning({ environment: 'custom', baseUrl: 'http://printos-proxy.internal/api' })).toMatch(/Plain http:\/\/ to printos-proxy\.internal/);
		expect(plainHttpWarning({ environment: 'custom', baseUrl: 'http://127.0.0.1:4010/api', orderServiceUrl: 'http://localhost:4010/orders/api' })).toBeUndefined();
		expect(plainHttpWarning({ environment: 'custom', baseUrl: 'https://proxy.example/api' })).toBeUndefined();
		for (const credential of [new PrintOsApi(), new SiteFlowApi()]) {
			const notice = credential.properties.find((property) => property.name === 'plainHttpNotice');
			expect(notice?.type).toBe('notice');
			const condition = (notice?.displayOptions?.show?.baseUrl as Array<{ _cnd: { regex: string } }>)[0]._cnd.regex;
			expect(new RegExp(condition).test('http://printos-proxy.internal/api')).toBe(true);
			expect(new RegExp(condition).test('http://127.0.0.1:4010/api')).toBe(false);
			expect(new RegExp(condition).test('https://proxy.example/api')).toBe(false);
		}
	});
});
