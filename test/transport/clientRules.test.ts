/**
 * The client's own rules (nodes/PrintOs/transport/client.ts), each through n8n's real execution
 * context, the real credential `authenticate` and real HTTP against a scripted server: what goes
 * over the wire, which answers are errors and what the error says (message, status, item, no URL
 * path or query of a redirect), downloads as streams, a lost answer, a repeat refused as already
 * done, an announced rate limit, and a cancelled execution.
 */
import { Readable } from 'stream';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { runNode, type RunNodeResult } from '../harness/n8nRun';
import { TransportProbe } from '../helpers/probeNode';
import { startScriptedServer, type ScriptedServer } from '../helpers/scriptedServer';
import { isOutcomeUnknown, PrintOsClient } from '../../nodes/PrintOs/transport/client';
import { rateLimitKey, type PrintOsCredentialType, type PrintOsService } from '../../nodes/PrintOs/transport/connection';
import type { HttpMethod } from '../../nodes/PrintOs/transport/endpoint';
import { currentPace, DEFAULT_PACE_PER_MINUTE, resetPacers } from '../../nodes/PrintOs/transport/pacer';
import { DEFAULT_RETRY_SETTINGS } from '../../nodes/PrintOs/transport/retryPolicy';

const SECRET = 'client-rules-secret';

/** One client request per input item, described by the item's json; the answer (a stream read to its end) is the output. */
interface ProbeRequest extends IDataObject {
	method?: HttpMethod;
	path: string;
	service?: PrintOsService;
	pathParams?: Record<string, string>;
	qs?: IDataObject;
	body?: IDataObject;
	operation?: string;
	stream?: boolean;
	/** Like the editor's list searches and the trigger: a request made for no item. */
	forNoItem?: boolean;
}

/** What the client threw, as the node code saw it (a cancelled execution no longer records it). */
let thrown: Error[] = [];

/** Calls the client directly, without runItems, so an error carries only what the client gave it. */
class ClientProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Client Probe',
		name: 'clientProbe',
		group: ['transform'],
		version: 1,
		description: 'Sends the requests its items describe through the PrintOS client',
		defaults: { name: 'Client Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [
			{ name: 'printOsApi', required: false },
			{ name: 'siteFlowApi', required: false },
		],
		properties: [{ displayName: 'Credential', name: 'credentialType', type: 'string', default: 'siteFlowApi' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentialType = this.getNodeParameter('credentialType', 0) as PrintOsCredentialType;
		const client = await PrintOsClient.create(this, credentialType, {
			retry: { ...DEFAULT_RETRY_SETTINGS, rateLimitBaseMs: 5, serverErrorBaseMs: 5, jitter: 0 },
		});
		const output: INodeExecutionData[] = [];
		for (const [itemIndex, item] of this.getInputData().entries()) {
			const spec = item.json as ProbeRequest;
			try {
				const answer = await client.requestWithResponse({
					service: spec.service ?? 'siteFlow',
					endpoint: { method: spec.method ?? 'GET', path: spec.path, confidence: 'DOC' },
					pathParams: spec.pathParams,
					qs: spec.qs,
					body: spec.body,
					operation: spec.operation,
					stream: spec.stream,
					itemIndex: spec.forNoItem ? undefined : itemIndex,
				});
				const body = answer.body instanceof Readable ? { stream: await readAll(answer.body) } : answer.body;
				output.push({ json: { status: answer.status, location: answer.headers.location ?? null, body } as IDataObject, pairedItem: { item: itemIndex } });
			} catch (error) {
				thrown.push(error as Error);
				throw error;
			}
		}
		return [output];
	}
}

async function readAll(stream: Readable): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
	return Buffer.concat(chunks).toString('utf8');
}

let server: ScriptedServer;
beforeEach(async () => {
	server = await startScriptedServer();
	resetPacers();
	thrown = [];
});
afterEach(async () => server.close());

function siteFlowCredential() {
	return { token: 'probe-token', secret: SECRET, environment: 'custom', baseUrl: `${server.url}/api`, orderServiceUrl: `${server.url}/orders/api`, algorithm: 'SHA256' };
}

async function send(requests: ProbeRequest[], options: { credentialType?: PrintOsCredentialType; onStarted?: (execution: { cancel(): void }) => void } = {}) {
	const credentialType = options.credentialType ?? 'siteFlowApi';
	return await runNode({
		nodeType: new ClientProbe(),
		parameters: { credentialType },
		credentials:
			credentialType === 'siteFlowApi'
				? { siteFlowApi: siteFlowCredential() }
				: { printOsApi: { key: 'probe-key', secret: SECRET, environment: 'custom', baseUrl: server.url, algorithm: 'SHA256' } },
		items: requests.map((json) => ({ json })),
		onStarted: options.onStarted,
	});
}

function itemOf(result: RunNodeResult): number | undefined {
	return (result.error?.context as { itemIndex?: number } | undefined)?.itemIndex;
}

function expectNoSecret(result: RunNodeResult) {
	expect(JSON.stringify({ run: result.run, message: result.error?.message, description: result.error?.description })).not.toContain(SECRET);
}

describe('what goes over the wire', () => {
	it('sends a body as JSON with the query, and asks PrintOS for JSON', async () => {
		const body = { sourceOrderId: 'A-1', items: [{ sku: 'Business Cards', quantity: 2 }] };
		const result = await send([{ method: 'POST', path: '/order', body, qs: { validate: 'true' } }]);
		expect(result.error).toBeUndefined();
		expect(server.requests).toHaveLength(1);
		const [request] = server.requests;
		expect(request.url).toBe('/api/order?validate=true');
		expect(JSON.parse(request.body)).toEqual(body);
		expect(request.headers['content-type']).toBe('application/json');
		expect(request.headers.accept).toBe('application/json');
		expect(String(request.headers['x-oneflow-authorization'])).toMatch(/^probe-token:[0-9a-f]{64}$/);
		expect(result.items[0].json).toMatchObject({ status: 200, body: { ok: true, method: 'POST' } });
	});
});

describe('a redirect is an error naming the status and the target host only', () => {
	it('an absolute Location on another host: no path, query or fragment in the error, nothing followed', async () => {
		server.script.push({ status: 302, headers: { location: 'https://files.example.test:8443/collect/x?token=leaked#frag' } });
		const result = await send([{ path: '/order/1', operation: 'Order: Get' }]);
		expect(server.requests).toHaveLength(1);
		expect(result.error?.message).toBe(
			'PrintOS answered Order: Get with a redirect (302) to files.example.test:8443; signed requests do not follow redirects',
		);
		expect(result.error?.description).toBe(
			"The signing headers are sent only to the host the request was signed for. Check the credential's environment or base URL: it should name the API host itself.",
		);
		expect(result.error?.httpCode).toBe('302');
		expect(itemOf(result)).toBe(0);
		expect((result.error as { errorResponse?: unknown }).errorResponse).toEqual({ status: 302, message: 'redirect to files.example.test:8443' });
		expect(JSON.stringify({ run: result.run, message: result.error?.message })).not.toMatch(/leaked|collect|frag/);
	});

	it('a relative Location names the API host itself', async () => {
		server.script.push({ status: 307, headers: { location: '/api/elsewhere?token=leaked' } });
		const result = await send([{ path: '/order/1' }]);
		expect(result.error?.message).toBe(`PrintOS answered GET /order/1 with a redirect (307) to ${new URL(server.url).host}; signed requests do not follow redirects`);
	});

	it('a 300 without Location, and a Location that is no URL, are refused too', async () => {
		server.script.push({ status: 300, body: { choices: [] } });
		const without = await send([{ path: '/order/1' }]);
		expect(without.error?.message).toBe('PrintOS answered GET /order/1 with a redirect (300) to no Location given; signed requests do not follow redirects');
		expect(without.error?.httpCode).toBe('300');

		server.script.push({ status: 301, headers: { location: 'http://[broken' } });
		const invalid = await send([{ path: '/order/1' }]);
		expect(invalid.error?.message).toBe('PrintOS answered GET /order/1 with a redirect (301) to an invalid Location; signed requests do not follow redirects');
		expect(server.requests).toHaveLength(2);
	});
});

describe('a download (stream)', () => {
	it('comes back as an unread stream of the bytes sent, asking for any content type', async () => {
		server.script.push({ status: 200, body: '%PDF-1.7 {"not":"parsed"}' });
		const result = await send([{ path: '/file/1/download', stream: true }]);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ status: 200, body: { stream: '%PDF-1.7 {"not":"parsed"}' } });
		expect(server.requests[0].headers.accept).toContain('*/*');
	});

	it('gets its redirect back as the answer, to fetch the target unsigned; the target gets nothing signed', async () => {
		server.script.push({ status: 302, headers: { location: `${server.url}/storage/file.pdf?X-Amz-Signature=abc` } });
		const result = await send([{ path: '/file/1/download', stream: true }]);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ status: 302, location: `${server.url}/storage/file.pdf?X-Amz-Signature=abc` });
		expect(server.requests.map((request) => request.url)).toEqual(['/api/file/1/download']);
	});

	it.each([400, 404])('reads a %i refusal, so the error carries PrintOS’s message and status', async (status) => {
		server.script.push({ status, body: { success: false, error: { message: 'File not found in this folder', code: status } } });
		const result = await send([{ path: '/file/1/download', stream: true }]);
		expect(result.error?.message).toBe('File not found in this folder');
		expect(result.error?.httpCode).toBe(String(status));
		expectNoSecret(result);
	});
});

describe('a request that cannot be built names its item, and nothing is sent', () => {
	it('an empty path parameter fails on its item, with the item in the message', async () => {
		const result = await send([
			{ path: '/order/{orderId}', pathParams: { orderId: 'abc' } },
			{ path: '/order/{orderId}', pathParams: { orderId: ' ' } },
		]);
		expect(result.error?.message).toBe('The "orderId" is empty: GET /order/{orderId} needs it [item 1]');
		expect(itemOf(result)).toBe(1);
		expect(server.requests.map((request) => request.url)).toEqual(['/api/order/abc']);
	});

	it('a request made for no item names none', async () => {
		const result = await send([{ path: '/order/{orderId}', pathParams: { orderId: '' }, forNoItem: true }]);
		expect(result.error?.message).toBe('The "orderId" is empty: GET /order/{orderId} needs it');
		expect(itemOf(result)).toBeUndefined();
		expect(server.requests).toHaveLength(0);
	});

	it('a service the credential cannot reach fails on its item', async () => {
		const result = await send([{ path: '/account', service: 'box' }, { path: '/order', service: 'siteFlowOrders' }], { credentialType: 'printOsApi' });
		expect(result.error?.message).toMatch(/^The asynchronous order service is reached only with the HP Site Flow API credential/);
		expect(itemOf(result)).toBe(1);
		expect(server.requests.map((request) => request.url)).toEqual(['/box/account']);
	});
});

describe('a lost answer', () => {
	it('a POST is not sent again; its error says the outcome is unknown, on its item, with the reason as description', async () => {
		server.script.push({ status: 200, body: { ok: true } }, { drop: true });
		const result = await send([
			{ method: 'POST', path: '/order', body: { n: 0 }, operation: 'Order: Submit' },
			{ method: 'POST', path: '/order', body: { n: 1 }, operation: 'Order: Submit' },
		]);
		expect(server.requests).toHaveLength(2);
		const reason = result.error?.description ?? '';
		expect(reason).toMatch(new RegExp(`^connection reset — 1 attempt over \\d+(\\.\\d)? s to ${new URL(server.url).host.replace(/\./g, '\\.')}$`));
		expect(result.error?.message).toBe(`The connection to PrintOS was lost during Order: Submit; PrintOS may or may not have processed it: ${reason}`);
		expect(itemOf(result)).toBe(1);
		expect(thrown).toHaveLength(1);
		expect(isOutcomeUnknown(thrown[0])).toBe(true);
		expectNoSecret(result);
	});

	it('a GET is retried and its error is no unknown outcome', async () => {
		server.fallback = () => ({ drop: true });
		const result = await send([{ path: '/order/1' }]);
		expect(server.requests).toHaveLength(5);
		expect(result.error?.message).toMatch(/^Could not reach PrintOS for GET \/order\/1: connection reset — 5 attempts over /);
		expect(isOutcomeUnknown(thrown[0])).toBe(false);
	});
});

describe('a repeat refused as already done (after a lost answer)', () => {
	async function cancelTwice(refusal: { status: number; body: unknown }, endpoint: { repeatRefusalStatus: number; repeatRefusalMessage?: string }) {
		server.script.push({ drop: true }, refusal);
		return await runNode({
			nodeType: new TransportProbe(),
			parameters: { credentialType: 'siteFlowApi', service: 'siteFlow', method: 'PUT', path: '/order/1/cancel', requestOptions: { retryBaseMs: 5 }, ...endpoint },
			credentials: { siteFlowApi: siteFlowCredential() },
		});
	}

	it('counts as done on the status alone when the endpoint names no message', async () => {
		const result = await cancelTwice({ status: 409, body: { message: 'Conflict' } }, { repeatRefusalStatus: 409 });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ confirmedByRepeat: true, response: { message: 'Conflict' } });
	});

	it('is an error when the status differs, even with the expected words', async () => {
		const result = await cancelTwice(
			{ status: 409, body: { success: false, error: { message: 'Order is already cancelled' } } },
			{ repeatRefusalStatus: 400, repeatRefusalMessage: 'already cancelled' },
		);
		expect(result.error?.message).toBe('Order is already cancelled');
		expect(result.error?.httpCode).toBe('409');
	});
});

describe('a rate limit announced in the answer', () => {
	const key = () => rateLimitKey('siteFlowApi', siteFlowCredential(), `${server.url}/api`);

	it('an empty X-RateLimit-Remaining announces nothing; a 0 slows the account down', async () => {
		server.script.push({ status: 200, headers: { 'x-ratelimit-remaining': '', 'x-ratelimit-limit': '' } });
		expect((await send([{ path: '/order/1' }])).error).toBeUndefined();
		expect(currentPace(key())).toBe(DEFAULT_PACE_PER_MINUTE);

		server.script.push({ status: 200, headers: { 'x-ratelimit-remaining': '0' } });
		expect((await send([{ path: '/order/1' }])).error).toBeUndefined();
		expect(currentPace(key())).toBeLessThan(DEFAULT_PACE_PER_MINUTE);
	});
});

describe('a cancelled execution', () => {
	it('stops the request at once: no retry, and the error says it was cancelled', async () => {
		server.fallback = () => ({ delayMs: 60_000 });
		let execution: { cancel(): void } | undefined;
		const run = send([{ path: '/order/1' }], { onStarted: (started) => (execution = started) });
		for (let tries = 0; server.requests.length === 0 && tries < 500; tries++) await new Promise((resolve) => setTimeout(resolve, 5));
		expect(server.requests).toHaveLength(1);
		execution!.cancel();
		await run;
		for (let tries = 0; thrown.length === 0 && tries < 500; tries++) await new Promise((resolve) => setTimeout(resolve, 5));
		expect(thrown.map((error) => error.message)).toEqual(['Could not reach PrintOS for GET /order/1: the execution was cancelled']);
		expect(server.requests).toHaveLength(1);
	});
});
