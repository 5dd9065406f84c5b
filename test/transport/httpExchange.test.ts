/**
 * How every HTTP exchange of the package reads a failure (nodes/PrintOs/transport/httpExchange.ts):
 * the code and the original words of a failed request in both shapes n8n hands them over (the HTTP
 * client's error as `cause`, or wrapped in n8n's NodeApiError), a cancelled execution, and a refusal
 * answered as a stream, read from a real HTTP response of a local server.
 */
import { once } from 'events';
import { createServer, get, type IncomingMessage, type Server } from 'http';
import type { AddressInfo } from 'net';
import { Readable } from 'stream';
import { NodeApiError, type INode } from 'n8n-workflow';

import {
	describeNetworkFailure,
	headerValue,
	isCancellation,
	networkReason,
	readRefusalBody,
} from '../../nodes/PrintOs/transport/httpExchange';

const node: INode = { id: 'n1', name: 'PrintOS', type: 'n8n-nodes-printos.printOsBox', typeVersion: 1, position: [0, 0], parameters: {} };

/** A real connection error of Node's HTTP client: a request to a port nothing listens on. */
async function connectionRefused(): Promise<NodeJS.ErrnoException> {
	const server = createServer();
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const { port } = server.address() as AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	const request = get(`http://127.0.0.1:${port}/`);
	const [error] = (await once(request, 'error')) as [NodeJS.ErrnoException];
	return error;
}

/** An error wrapping the HTTP client's error as its `cause`, as some n8n versions hand it over. */
function wrapping(message: string, cause: unknown): Error {
	return Object.assign(new Error(message), { cause });
}

/** axios's error for an aborted request, as n8n's HTTP helpers throw it when an execution is cancelled. */
function canceledError(): Error & { code: string } {
	return Object.assign(new Error('canceled'), { name: 'CanceledError', code: 'ERR_CANCELED' });
}

describe('networkReason and describeNetworkFailure', () => {
	it("reads the HTTP client's own error, bare or as the cause of n8n's error", async () => {
		const refused = await connectionRefused();
		expect(refused.code).toBe('ECONNREFUSED');
		expect(networkReason(refused)).toEqual({ code: 'ECONNREFUSED', reason: refused.message });
		const wrapped = wrapping('Request failed', refused);
		expect(networkReason(wrapped)).toEqual({ code: 'ECONNREFUSED', reason: refused.message });
		// the cause's words and code win over the wrapper's
		const rewrapped = Object.assign(new Error('paraphrase'), { code: 'EWRAPPER', messages: ['other words'], cause: refused });
		expect(networkReason(rewrapped)).toEqual({ code: 'ECONNREFUSED', reason: refused.message });
	});

	it("reads n8n's NodeApiError: the original words, not n8n's paraphrase, and the code it keeps as httpCode", async () => {
		const refused = await connectionRefused();
		const wrapped = new NodeApiError(node, refused as never);
		expect(wrapped.message).not.toBe(refused.message);
		expect(networkReason(wrapped)).toEqual({ code: 'ECONNREFUSED', reason: refused.message });

		const reset = new NodeApiError(node, Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) as never);
		expect(networkReason(reset)).toEqual({ code: 'ECONNRESET', reason: 'socket hang up' });
		expect(describeNetworkFailure(networkReason(reset))).toBe('socket hang up (ECONNRESET)');
	});

	it('takes an HTTP status in httpCode for no network code', () => {
		const answered = new NodeApiError(node, { message: 'Service Unavailable' }, { httpCode: '503' });
		expect(answered.httpCode).toBe('503');
		expect(networkReason(answered)).toEqual({ code: undefined, reason: 'Service Unavailable' });
		expect(networkReason({ message: 'Teapot', httpCode: '418' }).code).toBeUndefined();
		expect(networkReason({ message: 'x', httpCode: null }).code).toBeUndefined();
	});

	it('reports a code only when it is text, and says so when an error has no words at all', () => {
		expect(networkReason({ code: 500, message: 'Internal' })).toEqual({ code: undefined, reason: 'Internal' });
		expect(networkReason({ cause: { code: 401 }, message: 'Unauthorized' })).toEqual({ code: undefined, reason: 'Unauthorized' });
		expect(networkReason({})).toEqual({ code: undefined, reason: 'unknown network error' });
		expect(networkReason(undefined)).toEqual({ code: undefined, reason: 'unknown network error' });
		expect(describeNetworkFailure(networkReason(undefined))).toBe('unknown network error');
	});

	it('describes a failure in one line, adding the code only when the words do not already name it', async () => {
		const refused = await connectionRefused();
		expect(describeNetworkFailure(networkReason(refused))).toBe(refused.message);
		expect(refused.message).toContain('ECONNREFUSED');
		expect(describeNetworkFailure({ code: 'ETIMEDOUT', reason: 'timeout of 30000ms exceeded' })).toBe('timeout of 30000ms exceeded (ETIMEDOUT)');
		expect(describeNetworkFailure({ reason: 'socket hang up' })).toBe('socket hang up');
	});
});

describe('isCancellation', () => {
	it("recognises axios's CanceledError bare, as a cause, by name alone, and wrapped in n8n's NodeApiError", () => {
		expect(isCancellation(canceledError())).toBe(true);
		expect(isCancellation(wrapping('Request aborted', canceledError()))).toBe(true);
		expect(isCancellation(Object.assign(new Error('canceled'), { name: 'CanceledError' }))).toBe(true);
		expect(isCancellation(wrapping('aborted', Object.assign(new Error('canceled'), { name: 'CanceledError' })))).toBe(true);
		const wrapped = new NodeApiError(node, canceledError() as never);
		expect(wrapped.httpCode).toBe('ERR_CANCELED');
		expect(isCancellation(wrapped)).toBe(true);
	});

	it('counts a cancellation marked on the outer error even when its cause carries a network code of its own', () => {
		// aborting a request resets its socket: the cause may say ECONNRESET, which alone would be retried
		const aborted = Object.assign(new Error('canceled'), { code: 'ERR_CANCELED', cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
		expect(networkReason(aborted).code).toBe('ECONNRESET');
		expect(isCancellation(aborted)).toBe(true);
	});

	it('does not take a network failure, an HTTP refusal or nothing for a cancellation', async () => {
		expect(isCancellation(await connectionRefused())).toBe(false);
		expect(isCancellation(new NodeApiError(node, { message: 'Service Unavailable' }, { httpCode: '503' }))).toBe(false);
		expect(isCancellation(wrapping('aborted', new Error('socket hang up')))).toBe(false);
		expect(isCancellation(undefined)).toBe(false);
	});
});

describe('headerValue', () => {
	it('reads the first of repeated headers, a single one as it is, and nothing from no headers', () => {
		expect(headerValue({ 'set-cookie': ['a=1', 'b=2'] }, 'set-cookie')).toBe('a=1');
		expect(headerValue({ location: 'https://storage.example/x' }, 'location')).toBe('https://storage.example/x');
		expect(headerValue({}, 'location')).toBeUndefined();
		expect(headerValue(undefined, 'location')).toBeUndefined();
	});
});

describe('readRefusalBody', () => {
	let server: Server;
	let respond: (response: import('http').ServerResponse) => void;

	beforeEach(async () => {
		server = createServer((_request, response) => respond(response));
		server.listen(0, '127.0.0.1');
		await once(server, 'listening');
	});
	afterEach(async () => {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	});

	async function answer(): Promise<IncomingMessage> {
		const { port } = server.address() as AddressInfo;
		const request = get(`http://127.0.0.1:${port}/`);
		const [response] = (await once(request, 'response')) as [IncomingMessage];
		return response;
	}

	it('parses a JSON refusal sent in several pieces, and closes the stream', async () => {
		respond = (response) => {
			response.writeHead(404, { 'content-type': 'application/json' });
			response.write('{"success":false,');
			setTimeout(() => response.end('"error":{"code":404,"message":"Order not found"}}'), 5);
		};
		const stream = await answer();
		expect(await readRefusalBody(stream)).toEqual({ success: false, error: { code: 404, message: 'Order not found' } });
		expect(stream.destroyed).toBe(true);
	});

	it('returns a refusal that is not JSON as its text', async () => {
		respond = (response) => {
			response.writeHead(403, { 'content-type': 'application/xml' });
			response.end('<Error><Code>AccessDenied</Code></Error>');
		};
		expect(await readRefusalBody(await answer())).toBe('<Error><Code>AccessDenied</Code></Error>');
	});

	it('reads a long refusal only up to 64 KiB and closes the stream', async () => {
		respond = (response) => {
			response.writeHead(500, { 'content-type': 'text/plain' });
			response.end('x'.repeat(1024 * 1024));
		};
		const stream = await answer();
		const text = (await readRefusalBody(stream)) as string;
		expect(text.length).toBeGreaterThanOrEqual(64 * 1024);
		expect(text.length).toBeLessThan(2 * 64 * 1024);
		expect(text).toMatch(/^x+$/);
		expect(stream.destroyed).toBe(true);
	});

	it('stops at exactly 64 KiB: a refusal of that size is read whole, one byte more is not read', async () => {
		const quarter = Buffer.alloc(16 * 1024, 'a');
		expect(await readRefusalBody(Readable.from([quarter, quarter, quarter, quarter, Buffer.from('b')]))).toBe('a'.repeat(64 * 1024));
		expect(await readRefusalBody(Readable.from([quarter, quarter, quarter, Buffer.alloc(16 * 1024 - 1, 'a'), Buffer.from('b')]))).toBe(
			`${'a'.repeat(64 * 1024 - 1)}b`,
		);
	});

	it('keeps what a refusal said before its connection broke', async () => {
		respond = (response) => {
			response.writeHead(502, { 'content-type': 'text/plain' });
			response.write('Bad gateway: upstream ');
			setTimeout(() => response.destroy(), 5);
		};
		expect(await readRefusalBody(await answer())).toBe('Bad gateway: upstream ');
	});

	it('returns a body that is not a stream as it is', async () => {
		const parsed = { success: false, message: 'Invalid order' };
		expect(await readRefusalBody(parsed)).toBe(parsed);
		expect(await readRefusalBody('plain text')).toBe('plain text');
		expect(await readRefusalBody(undefined)).toBeUndefined();
	});
});
