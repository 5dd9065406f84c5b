/**
 * The shared presigned upload (`nodes/PrintOs/shared/upload`) over real HTTP, inside n8n's real
 * execution context (test/helpers/uploadProbeNode.ts): the signed request for an upload target,
 * what is PUT to storage (method, headers, bytes; never a PrintOS signature), which failures are
 * retried, and what a user reads when the upload fails — never the presigned query.
 */
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import { Readable } from 'stream';

import { resetPacers } from '../../nodes/PrintOs/transport/pacer';
import { runNode, type RunNodeResult } from '../harness/n8nRun';
import { openedBodies, UploadProbe } from '../helpers/uploadProbeNode';
import { startScriptedServer, type ScriptedReply, type ScriptedServer } from '../helpers/scriptedServer';

const SECRET = 'upload-test-secret';
const SIGNATURE = 'presigned-signature-0123456789';
/** Bytes that are not valid UTF-8, so a body decoded and re-encoded anywhere would differ. */
const FILE = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0xfe, 0x80, 0x0a, 0xc3]);

/** Larger than what a request buffers before it connects, so a body is left part-read when the PUT fails. */
const LARGE_FILE = Buffer.alloc(4 * 1024 * 1024, 7).toString('base64');

const probe = new UploadProbe();
let server: ScriptedServer;

beforeEach(async () => {
	server = await startScriptedServer();
	resetPacers();
	openedBodies.length = 0;
});
afterEach(async () => server.close());

function storageUrl(base = server.url) {
	return `${base}/storage/cards.pdf?X-Amz-Signature=${SIGNATURE}&X-Amz-Expires=900`;
}

async function upload(parameters: Record<string, unknown> = {}, items = 1): Promise<RunNodeResult> {
	return await runNode({
		nodeType: probe,
		parameters: {
			content: FILE.toString('base64'),
			...parameters,
			requestOptions: { retryBaseMs: 1, ...((parameters.requestOptions as object) ?? {}) },
		},
		credentials: {
			siteFlowApi: { token: 'probe-token', secret: SECRET, environment: 'custom', baseUrl: `${server.url}/api`, orderServiceUrl: `${server.url}/orders/api`, algorithm: 'SHA256' },
		},
		items: Array.from({ length: items }, (_, index) => ({ json: { index } })),
	});
}

/** The target answer, then the storage's replies to the PUTs. */
function script(answer: unknown, ...puts: ScriptedReply[]) {
	server.script.push({ body: answer }, ...puts);
}

const puts = () => server.requests.filter((request) => request.method === 'PUT');

/** What the user reads: the output, and the error's messages, description and response (its node carries the parameters given). */
function expectNothingLeaked(result: RunNodeResult) {
	const error = result.error as (RunNodeResult['error'] & { messages?: string[]; errorResponse?: unknown }) | undefined;
	const everything = JSON.stringify({ items: result.items, message: error?.message, messages: error?.messages, description: error?.description, response: error?.errorResponse, context: error?.context });
	expect(everything).not.toContain(SIGNATURE);
	expect(everything).not.toContain(SECRET);
}

function expectAllReleased() {
	expect(openedBodies.length).toBeGreaterThan(0);
	for (const body of openedBodies) if (body instanceof Readable) expect(body.destroyed).toBe(true);
}

describe('the upload target', () => {
	it('is asked of PrintOS, signed, for the file’s MIME type', async () => {
		script({ data: { url: storageUrl(), path: 'artwork/cards.pdf' } });
		const result = await upload();
		expect(result.error).toBeUndefined();
		const [ask] = server.requests;
		expect(ask.method).toBe('GET');
		expect(new URL(ask.url, server.url).pathname).toBe('/api/file/getpreupload');
		expect(new URL(ask.url, server.url).searchParams.get('mimeType')).toBe('application/pdf');
		expect(ask.headers['x-oneflow-authorization']).toMatch(/^probe-token:[0-9a-f]{64}$/);
		expect(result.items[0].json).toMatchObject({ reference: 'artwork/cards.pdf', status: 200, attempts: 1 });
	});

	it('may come without a reference when none is required', async () => {
		script({ uploadUrl: storageUrl() });
		const result = await upload();
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ uploadUrl: storageUrl(), reference: null, answer: { uploadUrl: storageUrl() } });
		expect(puts()).toHaveLength(1);
	});

	it('gives the required reference when the answer has it (Box: both URLs)', async () => {
		script({ data: { uploadUrl: storageUrl(), fetchUrl: 'https://box.test/f/cards.pdf' } });
		const result = await upload({ names: 'box', requiredReference: 'a fetch URL' });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ uploadUrl: storageUrl(), reference: 'https://box.test/f/cards.pdf' });
	});

	it('fails the item before any PUT when the answer lacks the required reference, listing the fields it had', async () => {
		script({ data: { uploadUrl: storageUrl(), expires: 900 } });
		const result = await upload({ names: 'box', requiredReference: 'a fetch URL' });
		expect(result.error?.message).toBe('PrintOS answered the upload URL request without a fetch URL [item 0]');
		expect(result.error?.description).toMatch(/^The answer held the fields uploadUrl, expires\. Run the operation again; if this repeats, PrintOS has changed this answer/);
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(puts()).toHaveLength(0);
		expectNothingLeaked(result);
	});

	it('fails the item when the answer has no upload URL, whether a reference is required or not', async () => {
		script({ path: 'artwork/cards.pdf' });
		const result = await upload({ names: 'siteFlow' });
		expect(result.error?.message).toBe('PrintOS answered the upload URL request without an upload URL [item 0]');
		expect(result.error?.description).toMatch(/^The answer held the fields path\. /);

		server.requests.length = 0;
		script({});
		const empty = await upload({ names: 'box', requiredReference: 'a fetch URL' });
		expect(empty.error?.message).toBe('PrintOS answered the upload URL request without an upload URL [item 0]');
		expect(empty.error?.description).toMatch(/^The answer held the fields none\. /);
		expect(puts()).toHaveLength(0);
	});
});

describe('what is PUT', () => {
	it.each([
		['bytes in memory', false],
		['a stream', true],
	])('%s: the exact bytes, with their type and length, to the presigned URL as given, unsigned', async (_, stream) => {
		script({ url: storageUrl(), path: 'artwork/cards.pdf' }, { status: 200, headers: { etag: '"abc"' }, body: '' });
		const result = await upload({ stream, mimeType: 'image/png' });
		expect(result.error).toBeUndefined();
		const [put] = puts();
		expect(put.url).toBe(new URL(storageUrl()).pathname + new URL(storageUrl()).search);
		expect(put.bytes.equals(FILE)).toBe(true);
		expect(put.headers['content-type']).toBe('image/png');
		expect(put.headers['content-length']).toBe(String(FILE.length));
		// presigned storage refuses chunked uploads, and the URL carries its own authorisation
		expect(put.headers['transfer-encoding']).toBeUndefined();
		const names = Object.keys(put.headers);
		expect(names.filter((name) => /^(x-oneflow|x-hp-hmac|authorization)/.test(name))).toEqual([]);
		// storage answers in XML: the PUT does not ask for JSON
		expect(put.headers.accept).not.toBe('application/json');
		expect(result.items[0].json).toMatchObject({ status: 200, attempts: 1, etag: '"abc"' });
	});

	it('is sent once per item: the batch check before the requests holds the PUT too', async () => {
		// Site Flow's "Upload Order Files" PUTs to a URL the order already holds, with no PrintOS request first
		const result = await upload({ uploadUrl: storageUrl() }, 2);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(server.requests.map((request) => request.method)).toEqual(['PUT', 'PUT']);
	});
});

describe('retries', () => {
	it.each([
		['a server error', { status: 503, body: 'Service Unavailable' }],
		['a 429', { status: 429, headers: { 'retry-after': '0' }, body: '' }],
		['a lost connection', { drop: true }],
	])('retries %s, re-opening and re-sending the whole body', async (_, failure: ScriptedReply) => {
		server.script.push(failure);
		const retried = await upload({ uploadUrl: storageUrl(), stream: true });
		expect(retried.error).toBeUndefined();
		expect(puts().map((put) => put.bytes.equals(FILE))).toEqual([true, true]);
		expect(openedBodies).toHaveLength(2);
		expect(retried.items[0].json).toMatchObject({ status: 200, attempts: 2 });
	});

	it('gives up after Max Retries, saying how the storage refused', async () => {
		for (let index = 0; index < 3; index++) server.script.push({ status: 500, body: { error: { message: 'InternalError' } } });
		const result = await upload({ uploadUrl: storageUrl(), requestOptions: { maxRetries: 2 } });
		expect(puts()).toHaveLength(3);
		expect(result.error?.message).toBe('The upload URL refused the file (HTTP 500): InternalError');
		expect(result.error?.httpCode).toBe('500');
	});

	it('bounds only the waits, not the time an attempt takes: a slow lost attempt is still retried', async () => {
		// a request deadline of 50 ms would forbid the retry after an attempt lost at 150 ms
		server.script.push({ drop: true, delayMs: 150 });
		const result = await upload({ uploadUrl: storageUrl(), retrySettings: { maxRequestMs: 50 } });
		expect(result.error).toBeUndefined();
		expect(puts()).toHaveLength(2);
	});

	it.each([
		[403, '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>', 'AccessDenied: Request has expired'],
		[400, { message: 'The Content-MD5 you specified did not match what we received.' }, 'The Content-MD5 you specified did not match what we received.'],
		[404, 'NoSuchBucket', 'NoSuchBucket'],
	])('never retries a %s, and reports the storage’s reason with the address but not its query', async (status, body, reason) => {
		server.script.push({ status, body });
		const result = await upload({ uploadUrl: storageUrl(), operation: 'Order Artwork: Upload' });
		expect(puts()).toHaveLength(1);
		expect(result.error?.message).toBe(`The upload URL refused the file (HTTP ${status}): ${reason}`);
		// (the node's batch report follows the exchange's own description)
		expect(result.error?.description?.split('\n\n')[0]).toBe(
			`PUT ${server.url}/storage/cards.pdf during Order Artwork: Upload. Upload URLs expire a short while after they are issued; run the operation again to get a fresh one.`,
		);
		expect(result.error?.httpCode).toBe(String(status));
		expectNothingLeaked(result);
	});

	it('reports a refusal without a body by its status alone', async () => {
		server.script.push({ status: 403, body: '' });
		const result = await upload({ uploadUrl: storageUrl() });
		expect(result.error?.message).toBe('The upload URL refused the file (HTTP 403)');
	});
});

describe('a redirect', () => {
	it('is not followed, and is reported with its target’s address but not its query', async () => {
		server.script.push({ status: 307, headers: { location: `${server.url}/elsewhere/cards.pdf?X-Amz-Signature=${SIGNATURE}` }, body: '' });
		const result = await upload({ uploadUrl: storageUrl() });
		expect(server.requests).toHaveLength(1);
		expect(result.error?.message).toBe(
			`The upload URL refused the file (HTTP 307): it redirects to ${server.url}/elsewhere/cards.pdf, which an upload URL should not do`,
		);
		expectNothingLeaked(result);
	});

	it('counts from 300, even without a Location', async () => {
		server.script.push({ status: 300, body: '' });
		const result = await upload({ uploadUrl: storageUrl() });
		expect(server.requests).toHaveLength(1);
		expect(result.error?.message).toBe('The upload URL refused the file (HTTP 300): it redirects to another address, which an upload URL should not do');
	});
});

describe('a storage that cannot be reached', () => {
	it('is retried, every opened body is closed, and the message names the operation but not the query', async () => {
		const closed = await startScriptedServer();
		const address = closed.url;
		await closed.close();
		const result = await upload({ uploadUrl: storageUrl(address), stream: true, content: LARGE_FILE, operation: 'File: Upload Binary', requestOptions: { maxRetries: 1 } });
		expect(openedBodies).toHaveLength(2);
		expectAllReleased();
		// n8n's stock words for a refused connection ("The service refused the connection…") say less
		expect(result.error?.message).toBe(`Could not send the file to the upload URL during File: Upload Binary: connect ECONNREFUSED ${new URL(address).host}`);
		expect(result.error?.description?.split('\n\n')[0]).toBe(`PUT ${address}/storage/cards.pdf`);
		expectNothingLeaked(result);
	});
});

describe('a storage that refuses before reading the body', () => {
	let early: Server;
	afterEach(async () => new Promise<void>((resolve) => {
		early.closeAllConnections();
		early.close(() => resolve());
	}));

	it('gets the body closed', async () => {
		early = createServer((_request, response) => {
			response.writeHead(403, { 'content-type': 'text/plain', connection: 'close' });
			response.end('AccessDenied');
		});
		await new Promise<void>((resolve) => early.listen(0, '127.0.0.1', resolve));
		const base = `http://127.0.0.1:${(early.address() as AddressInfo).port}`;
		const result = await upload({ uploadUrl: storageUrl(base), stream: true, content: LARGE_FILE });
		expect(result.error?.message).toBe('The upload URL refused the file (HTTP 403): AccessDenied');
		expectAllReleased();
	});
});
