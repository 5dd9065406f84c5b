/**
 * How the Site Flow Trigger reads a postback body (docs/printos-api.md#postback-payload), rule by
 * rule: which body becomes which kind, what is refused and why, the depth bound, and how fields are
 * read from JSON, form, query and XML bodies. Every request is real HTTP to a local server; the
 * request is handed over bare (Node's IncomingMessage) or the way n8n hands it to a webhook: n8n-core's
 * `parseIncomingMessage`, n8n's raw-body reader and, for the types n8n parses itself, its `req.body`.
 * The whole trigger is tested through n8n in test/nodes/trigger/.
 */
import { createServer, request, type IncomingMessage, type Server } from 'http';
import type { AddressInfo } from 'net';
import { parse as parseQueryString } from 'querystring';
import { jsonParse } from 'n8n-workflow';
// n8n-core's own function, without loading all of n8n-core for a unit test
import { parseIncomingMessage } from 'n8n-core/dist/execution-engine/node-execution-context/utils/parse-incoming-message';

import { MAX_JSON_DEPTH } from '../../nodes/PrintOs/SiteFlowTrigger/jsonDepth';
import {
	contentTypeOf,
	isJsonContentType,
	payloadField,
	readPayload,
	valueAtPath,
	xmlElementText,
	type Payload,
	type PostbackRequest,
} from '../../nodes/PrintOs/SiteFlowTrigger/payload';
import { postbackItem } from '../../nodes/PrintOs/SiteFlowTrigger/postbackItem';

type ServerRequest = IncomingMessage & PostbackRequest;
type Prepare = (req: ServerRequest) => void | Promise<void>;

/** n8n's `rawBodyReader` middleware: the content type and charset, and `readRawBody` filling `rawBody` once. */
function n8nReader(req: ServerRequest) {
	parseIncomingMessage(req as Parameters<typeof parseIncomingMessage>[0]);
	req.query = parseQueryString((req.url ?? '').split('?')[1] ?? '');
	req.readRawBody = async () => {
		if (!req.rawBody) {
			const chunks: Uint8Array[] = [];
			for await (const chunk of req) chunks.push(chunk as Uint8Array);
			req.rawBody = Buffer.concat(chunks);
		}
	};
}

/**
 * n8n's webhook body parsing before the node runs (`parseBody`: JSON, form and text; other types are
 * left to the node, with `req.body` unset). n8n 2 drops a leading byte order mark first; n8n 1 does not.
 */
function n8nParsedAs(version: 1 | 2): Prepare {
	return async (req) => {
		n8nReader(req);
		await req.readRawBody!();
		const decoded = req.rawBody!.toString(req.encoding as BufferEncoding);
		const text = version === 2 && decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
		if (req.contentType === 'application/json') req.body = jsonParse(text);
		else if (req.contentType === 'application/x-www-form-urlencoded') req.body = parseQueryString(text);
		else if (req.contentType === 'text/plain') req.body = text;
	};
}

const n8nParsed = n8nParsedAs(1);

const bare: Prepare = () => undefined;

let server: Server;
let port: number;
let nextCase = 0;
const cases = new Map<string, { prepare: Prepare; settle: (outcome: { req?: ServerRequest; payload?: Payload; error?: unknown }) => void }>();

beforeAll(async () => {
	server = createServer((incoming, res) => {
		const req = incoming as ServerRequest;
		const entry = cases.get(String(req.headers['x-case']))!;
		void (async () => {
			try {
				await entry.prepare(req);
				entry.settle({ req, payload: await readPayload(req) });
			} catch (error) {
				entry.settle({ req, error });
			} finally {
				req.resume();
				res.end();
			}
		})();
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

interface Postback {
	method?: string;
	path?: string;
	contentType?: string;
	body?: string | Buffer;
	prepare?: Prepare;
}

/** Sends a postback and returns what `readPayload` made of it on the server side, and the request. */
async function send({ method = 'POST', path = '/webhook/postback', contentType, body, prepare = n8nReader }: Postback) {
	const id = String(nextCase++);
	const outcome = new Promise<{ req?: ServerRequest; payload?: Payload; error?: unknown }>((settle) => cases.set(id, { prepare, settle }));
	const headers: Record<string, string | number> = { 'x-case': id };
	if (contentType !== undefined) headers['content-type'] = contentType;
	if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
	await new Promise<void>((resolve, reject) => {
		const client = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
			res.resume();
			res.on('end', resolve);
		});
		client.on('error', reject);
		client.end(body);
	});
	const result = await outcome;
	cases.delete(id);
	return result;
}

async function payloadOf(postback: Postback): Promise<Payload> {
	const { payload, error } = await send(postback);
	if (error) throw error;
	return payload!;
}

const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const tooDeepMessage = `the JSON is nested more than ${MAX_JSON_DEPTH} levels deep`;
const parserMessage = (text: string) => {
	try {
		JSON.parse(text);
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error(`${text} parses`);
};

describe('GET and HEAD postbacks: the query string', () => {
	it('gives the query fields as body and fields, from the URL of a bare request', async () => {
		const payload = await payloadOf({ method: 'GET', path: '/webhook/postback?event=Order%20Received&orderId=42', prepare: bare });
		expect(payload).toEqual({ kind: 'query', body: { event: 'Order Received', orderId: '42' }, fields: { event: 'Order Received', orderId: '42' }, text: undefined, contentType: '' });
		expect(payloadField(payload, 'event')).toBe('Order Received');
	});

	it('uses the query object n8n parsed', async () => {
		const { req, payload } = await send({ method: 'GET', path: '/webhook/postback?status=printready' });
		expect(payload!.kind).toBe('query');
		expect(payload!.body).toBe(req!.query);
		expect(payload!.fields).toEqual({ status: 'printready' });
	});

	it('is the same for HEAD', async () => {
		const payload = await payloadOf({ method: 'HEAD', path: '/webhook/postback?orderId=7', prepare: bare });
		expect(payload.kind).toBe('query');
		expect(payload.fields).toEqual({ orderId: '7' });
	});

	it('gives no fields for a URL without a query string', async () => {
		expect((await payloadOf({ method: 'GET', path: '/webhook/postback', prepare: bare })).body).toEqual({});
		expect((await payloadOf({ method: 'GET', path: '/?a=1', prepare: bare })).fields).toEqual({ a: '1' });
	});

	it('reads the body of a POST, not its query string', async () => {
		const payload = await payloadOf({ path: '/webhook/postback?event=fromQuery', contentType: 'application/x-www-form-urlencoded', body: 'event=fromBody' });
		expect(payload.kind).toBe('form');
		expect(payload.fields).toEqual({ event: 'fromBody' });
	});
});

describe('empty bodies', () => {
	it('a POST without a body is empty, with empty fields', async () => {
		const payload = await payloadOf({ contentType: 'application/json' });
		expect(payload).toEqual({ kind: 'empty', body: {}, fields: {}, text: undefined, contentType: 'application/json' });
	});

	it('a body of spaces, tabs and line breaks only is empty, not invalid JSON', async () => {
		expect((await payloadOf({ contentType: 'application/json', body: ' \r\n\t' })).kind).toBe('empty');
		expect((await payloadOf({ contentType: 'text/plain', body: '\t\t' })).kind).toBe('empty');
	});

	it('one visible character among blanks is a body', async () => {
		expect(await payloadOf({ contentType: 'application/json', body: ' \n1\t' })).toMatchObject({ kind: 'json', body: 1 });
		expect(await payloadOf({ contentType: 'text/plain', body: '\r\n.' })).toMatchObject({ kind: 'text', body: '\r\n.' });
	});
});

describe('reading the raw body', () => {
	it('reads a bare request from its stream, the content type from its header', async () => {
		const payload = await payloadOf({ contentType: 'Application/JSON ; charset=UTF-8', body: '{"event":"Order Received"}', prepare: bare });
		expect(payload).toEqual({ kind: 'json', body: { event: 'Order Received' }, fields: { event: 'Order Received' }, text: undefined, contentType: 'application/json' });
	});

	it('reads a bare request whose body has fully arrived before it is read', async () => {
		const payload = await payloadOf({
			contentType: 'text/plain',
			body: 'arrived early',
			prepare: async (req) => {
				while (!req.complete) await new Promise((resolve) => setImmediate(resolve));
			},
		});
		expect(payload).toMatchObject({ kind: 'text', text: 'arrived early' });
	});

	it('finds nothing in a stream someone else consumed without keeping the raw body', async () => {
		const payload = await payloadOf({
			contentType: 'text/plain',
			body: 'gone',
			prepare: async (req) => {
				for await (const chunk of req) void chunk;
			},
		});
		expect(payload.kind).toBe('empty');
	});

	it('uses a raw body an earlier reader kept (n8n versions without readRawBody), and parses it when nothing else did', async () => {
		const payload = await payloadOf({
			contentType: 'application/json',
			body: '{"orderId":"o-1"}',
			prepare: async (req) => {
				const chunks: Uint8Array[] = [];
				for await (const chunk of req) chunks.push(chunk as Uint8Array);
				req.rawBody = Buffer.concat(chunks);
			},
		});
		expect(payload).toMatchObject({ kind: 'json', body: { orderId: 'o-1' } });
	});

	it("reads through n8n's reader, so n8n keeps the raw body", async () => {
		const { req, payload } = await send({ contentType: 'text/xml', body: '<event>Order Received</event>' });
		expect(payload!.kind).toBe('text');
		expect(req!.rawBody!.toString()).toBe('<event>Order Received</event>');
	});

	it("lets the error of n8n's reader through (a body over n8n's size limit)", async () => {
		const tooLarge = Object.assign(new Error('request entity too large'), { status: 413 });
		const { error } = await send({
			contentType: 'application/json',
			body: '{"a":1}',
			prepare: (req) => {
				n8nReader(req);
				req.readRawBody = async () => {
					throw tooLarge;
				};
			},
		});
		expect(error).toBe(tooLarge);
	});
});

describe('JSON bodies', () => {
	it.each(['application/json', 'text/json', 'application/vnd.api+json', 'application/merge-patch+json; charset=utf-8'])('parses %s', async (contentType) => {
		const payload = await payloadOf({ contentType, body: '{"event":"Order Printready","order":{"_id":"abc"}}' });
		expect(payload.kind).toBe('json');
		expect(payload.fields).toEqual({ event: 'Order Printready', order: { _id: 'abc' } });
		expect(payloadField(payload, 'order._id')).toBe('abc');
	});

	it.each(['text/plain', 'application/jsonx', 'application/x-json', 'application/json-seq'])('keeps a JSON-looking %s body as text', async (contentType) => {
		expect(await payloadOf({ contentType, body: '{"event":"x"}' })).toMatchObject({ kind: 'text', body: '{"event":"x"}', fields: undefined });
	});

	it("reuses the object n8n's parser made of application/json instead of parsing again", async () => {
		const { req, payload } = await send({ contentType: 'application/json', body: '{"status":"printready"}', prepare: n8nParsed });
		expect(payload!.kind).toBe('json');
		expect(payload!.body).toBe(req!.body);
		expect(payload!.fields).toBe(req!.body);
	});

	it.each(['text/json', 'application/vnd.oneflow+json'])("parses a %s body, which n8n's parser leaves to the node", async (contentType) => {
		const { req, payload } = await send({ contentType, body: '{"status":"shipped"}', prepare: n8nParsedAs(2) });
		expect(req!.body).toBeUndefined();
		expect(payload!.kind).toBe('json');
		expect(payload!.fields).toEqual({ status: 'shipped' });
	});

	it('parses the raw body when a body object sits there without n8n having read the raw body', async () => {
		for (const stale of [{}, { status: 'stale' }]) {
			const payload = await payloadOf({
				contentType: 'application/json',
				body: '{"status":"printed"}',
				prepare: (req) => {
					n8nReader(req);
					req.body = stale;
				},
			});
			expect(payload.fields).toEqual({ status: 'printed' });
		}
	});

	it('parses application/json itself when the raw body was read but nothing parsed it', async () => {
		const payload = await payloadOf({
			contentType: 'application/json',
			body: '{"status":"printed"}',
			prepare: async (req) => {
				n8nReader(req);
				await req.readRawBody!();
			},
		});
		expect(payload).toMatchObject({ kind: 'json', fields: { status: 'printed' } });
	});

	it('reuses only what n8n made of application/json: another JSON type is parsed from the raw body', async () => {
		const payload = await payloadOf({
			contentType: 'text/json',
			body: '{"status":"printed"}',
			prepare: async (req) => {
				n8nReader(req);
				await req.readRawBody!();
				req.body = { status: 'set by someone else' };
			},
		});
		expect(payload.fields).toEqual({ status: 'printed' });
	});

	it('decodes the charset the content type names, UTF-8 when it names none or an unknown one', async () => {
		const text = '{"carrier":"Poste Française"}';
		expect((await payloadOf({ contentType: 'text/json; charset=latin1', body: Buffer.from(text, 'latin1') })).fields).toEqual({ carrier: 'Poste Française' });
		expect((await payloadOf({ contentType: 'text/json; charset=utf-16le', body: Buffer.from(text, 'utf16le') })).fields).toEqual({ carrier: 'Poste Française' });
		expect((await payloadOf({ contentType: 'text/json; charset=klingon', body: Buffer.from(text) })).fields).toEqual({ carrier: 'Poste Française' });
		expect((await payloadOf({ contentType: 'text/json', body: Buffer.from(text), prepare: bare })).fields).toEqual({ carrier: 'Poste Française' });
	});

	it("refuses a body that does not parse as invalidJson with the parser's reason", async () => {
		const text = '{"event": Order Received}';
		expect(await payloadOf({ contentType: 'text/json', body: text })).toEqual({ kind: 'invalidJson', body: undefined, fields: undefined, text: undefined, contentType: 'text/json', error: parserMessage(text) });
		expect(await payloadOf({ contentType: 'application/json', body: '{"a":1,}', prepare: bare })).toMatchObject({ kind: 'invalidJson', error: parserMessage('{"a":1,}') });
	});

	it('gives no fields for a top-level array, string, number or null, and reads nothing from them', async () => {
		for (const text of ['[{"event":"x"}]', '"event"', '42', 'null']) {
			const payload = await payloadOf({ contentType: 'application/json', body: text, prepare: n8nParsed });
			expect(payload).toEqual({ kind: 'json', body: JSON.parse(text), fields: undefined, text: undefined, contentType: 'application/json' });
			expect(payloadField(payload, 'event')).toBeUndefined();
			expect(payloadField(payload, '0.event')).toBeUndefined();
		}
	});
});

describe(`the depth bound (${MAX_JSON_DEPTH} levels)`, () => {
	const tooDeep = (contentType: string) => ({ kind: 'tooDeep', body: undefined, fields: undefined, text: undefined, contentType, error: tooDeepMessage });

	it(`accepts ${MAX_JSON_DEPTH} levels and refuses one more, whoever parsed it`, async () => {
		for (const prepare of [n8nParsed, n8nReader, bare]) {
			expect((await payloadOf({ contentType: 'application/json', body: nested(MAX_JSON_DEPTH), prepare })).kind).toBe('json');
			expect(await payloadOf({ contentType: 'application/json', body: nested(MAX_JSON_DEPTH + 1), prepare })).toEqual(tooDeep('application/json'));
		}
		expect(await payloadOf({ contentType: 'application/vnd.api+json', body: `{"a":${nested(MAX_JSON_DEPTH)}}` })).toEqual(tooDeep('application/vnd.api+json'));
	});

	it('refuses a too deep body before parsing it: too deep, even when it would not parse', async () => {
		expect(await payloadOf({ contentType: 'text/json', body: '['.repeat(MAX_JSON_DEPTH + 1) })).toEqual(tooDeep('text/json'));
	});

	it('counts brackets, not brackets inside strings', async () => {
		const body = `{"note":"${'['.repeat(MAX_JSON_DEPTH + 1)}"}`;
		expect((await payloadOf({ contentType: 'application/json', body, prepare: n8nParsed })).fields).toEqual({ note: '['.repeat(MAX_JSON_DEPTH + 1) });
	});

	it('refuses a UTF-16 body whose bytes hide its depth from the text scan', async () => {
		// U+2200 is the bytes 00 22 in UTF-16LE: a byte scan sees a quote there and takes the brackets after it for string content
		const text = `["\u2200",${nested(MAX_JSON_DEPTH + 1)}]`;
		const body = Buffer.from(text, 'utf16le');
		expect(await payloadOf({ contentType: 'application/json; charset=utf-16le', body, prepare: n8nParsed })).toEqual(tooDeep('application/json'));
		expect(await payloadOf({ contentType: 'text/json; charset=utf-16le', body })).toEqual(tooDeep('text/json'));
		const shallow = Buffer.from(`["\u2200",${nested(MAX_JSON_DEPTH - 1)}]`, 'utf16le');
		expect((await payloadOf({ contentType: 'text/json; charset=utf-16le', body: shallow })).kind).toBe('json');
	});
});

describe('form bodies', () => {
	it('become fields, decoded', async () => {
		const body = 'event=Order+Received&orderId=o%2F1&status=printready';
		for (const prepare of [n8nParsed, bare]) {
			expect(await payloadOf({ contentType: 'application/x-www-form-urlencoded', body, prepare })).toEqual({
				kind: 'form',
				body: { event: 'Order Received', orderId: 'o/1', status: 'printready' },
				fields: { event: 'Order Received', orderId: 'o/1', status: 'printready' },
				text: undefined,
				contentType: 'application/x-www-form-urlencoded',
			});
		}
	});

	it('are decoded in the charset the content type names', async () => {
		const body = Buffer.from('carrier=Poste Fran\u00e7aise', 'latin1');
		expect((await payloadOf({ contentType: 'application/x-www-form-urlencoded; charset=latin1', body })).fields).toEqual({ carrier: 'Poste Française' });
	});
});

describe('text bodies (XML, HTML, plain text)', () => {
	it.each(['application/xml', 'text/xml', 'text/html', 'text/plain', 'application/octet-stream'])('keep a %s body as text and read fields from its elements', async (contentType) => {
		const body = '<postback><event>Order Received</event><orderId>o-9</orderId></postback>';
		const payload = await payloadOf({ contentType, body });
		expect(payload).toEqual({ kind: 'text', body, fields: undefined, text: body, contentType });
		expect(payloadField(payload, 'event')).toBe('Order Received');
		expect(payloadField(payload, 'order.orderId')).toBe('o-9');
	});

	it('are decoded in the charset the content type names', async () => {
		const payload = await payloadOf({ contentType: 'text/plain; charset=latin1', body: Buffer.from('Poste Fran\u00e7aise', 'latin1') });
		expect(payload.text).toBe('Poste Française');
	});
});

describe('a leading byte order mark', () => {
	const bom = Buffer.from([0xef, 0xbb, 0xbf]);
	const withBom = (text: string) => Buffer.concat([bom, Buffer.from(text)]);

	it.each([
		['application/json, read by the node (trigger version 1)', 'application/json', n8nReader],
		['application/json, parsed by n8n 2 (trigger version 2)', 'application/json', n8nParsedAs(2)],
		['text/json', 'text/json', bare],
		['application/vnd.oneflow+json', 'application/vnd.oneflow+json', n8nParsedAs(2)],
	] as Array<[string, string, Prepare]>)('is dropped before JSON is parsed: %s', async (_label, contentType, prepare) => {
		const payload = await payloadOf({ contentType, body: withBom('{"event":"Order Received","orderId":"o1"}'), prepare });
		expect(payload).toMatchObject({ kind: 'json', fields: { event: 'Order Received', orderId: 'o1' } });
	});

	it('is dropped before an empty object or list is parsed again after n8n 2', async () => {
		expect(await payloadOf({ contentType: 'application/json', body: withBom('{}'), prepare: n8nParsedAs(2) })).toMatchObject({ kind: 'json', body: {} });
		expect(await payloadOf({ contentType: 'application/json', body: withBom('[]'), prepare: n8nParsedAs(2) })).toMatchObject({ kind: 'json', body: [] });
	});

	it('is dropped from a form, so its first field keeps its name', async () => {
		expect(await payloadOf({ contentType: 'application/x-www-form-urlencoded', body: withBom('event=Order%20Received&orderId=o1') })).toMatchObject({
			kind: 'form',
			fields: { event: 'Order Received', orderId: 'o1' },
		});
	});

	it('is dropped in UTF-16 too', async () => {
		const payload = await payloadOf({ contentType: 'application/json; charset=utf-16le', body: Buffer.from('\ufeff{"event":"Order Received"}', 'utf16le') });
		expect(payload).toMatchObject({ kind: 'json', fields: { event: 'Order Received' } });
	});
});

describe('bodies without a content type', () => {
	it('parse as JSON when they start like JSON (after blanks)', async () => {
		expect(await payloadOf({ body: '\r\n {"event":"Order Received"}', prepare: bare })).toEqual({ kind: 'json', body: { event: 'Order Received' }, fields: { event: 'Order Received' }, text: undefined, contentType: '' });
		expect(await payloadOf({ body: '\t[1,2]' })).toMatchObject({ kind: 'json', body: [1, 2], fields: undefined });
	});

	it('parse as JSON after a UTF-8 byte order mark, which stays in a body kept as text', async () => {
		const bom = Buffer.from([0xef, 0xbb, 0xbf]);
		expect(await payloadOf({ body: Buffer.concat([bom, Buffer.from('{"status":"printed"}')]) })).toMatchObject({ kind: 'json', fields: { status: 'printed' } });
		expect(await payloadOf({ body: Buffer.concat([bom, Buffer.from('printed')]) })).toMatchObject({ kind: 'text', text: '\ufeffprinted' });
	});

	it('stay text when they do not start like JSON or do not parse', async () => {
		expect(await payloadOf({ body: 'status=printed' })).toEqual({ kind: 'text', body: 'status=printed', fields: undefined, text: 'status=printed', contentType: '' });
		expect(await payloadOf({ body: '{status: printed}' })).toMatchObject({ kind: 'text', text: '{status: printed}' });
		expect(await payloadOf({ body: `x${'['.repeat(MAX_JSON_DEPTH + 1)}` })).toMatchObject({ kind: 'text' });
	});

	it('are refused when they start like JSON and nest too deep', async () => {
		expect(await payloadOf({ body: nested(MAX_JSON_DEPTH + 1) })).toEqual({ kind: 'tooDeep', body: undefined, fields: undefined, text: undefined, contentType: '', error: tooDeepMessage });
		expect((await payloadOf({ body: `{"a":${nested(MAX_JSON_DEPTH - 1)}}` })).kind).toBe('json');
	});
});

describe('contentTypeOf and isJsonContentType', () => {
	const request = (headers: PostbackRequest['headers'], contentType?: string): PostbackRequest => ({
		headers,
		contentType,
		async *[Symbol.asyncIterator]() {},
	});

	it("takes n8n's parsed content type, else the header's media type, trimmed and lower-cased", () => {
		expect(contentTypeOf(request({ 'content-type': 'text/plain' }, 'application/json'))).toBe('application/json');
		expect(contentTypeOf(request({ 'content-type': ' Text/XML ; charset=utf-8' }))).toBe('text/xml');
		expect(contentTypeOf(request({ 'content-type': 'Application/JSON' }))).toBe('application/json');
		expect(contentTypeOf(request({ 'content-type': ['text/html', 'text/plain'] }))).toBe('text/html');
		expect(contentTypeOf(request({}))).toBe('');
		expect(contentTypeOf(request({ 'content-type': '' }))).toBe('');
	});

	it('knows the JSON media types', () => {
		expect(['application/json', 'text/json', 'application/ld+json'].map(isJsonContentType)).toEqual([true, true, true]);
		expect(['', 'text/plain', 'application/json-seq', '+json/text', 'application/jsonp'].map(isJsonContentType)).toEqual([false, false, false, false, false]);
	});
});

describe('fields: dot paths, own properties only', () => {
	const fields = { event: 'Order Received', a: { b: 'one letter' }, data: { event: 'nested', items: [{ status: 'printed' }] }, 'x.y': 'dotted key' };

	it('reads top-level names and dot paths, array indexes included', () => {
		expect(valueAtPath(fields, 'event')).toBe('Order Received');
		expect(valueAtPath(fields, 'a.b')).toBe('one letter');
		expect(valueAtPath(fields, 'data.items.0.status')).toBe('printed');
		expect(valueAtPath(fields, 'data.items.1.status')).toBeUndefined();
		expect(valueAtPath(fields, 'event.length')).toBeUndefined();
		expect(valueAtPath(undefined, 'event')).toBeUndefined();
	});

	it('always splits on dots: a key holding a dot is not found', () => {
		expect(valueAtPath(fields, 'x.y')).toBeUndefined();
	});

	it('ignores empty segments, and an empty path finds nothing', () => {
		expect(valueAtPath(fields, 'data..event')).toBe('nested');
		expect(valueAtPath(fields, '.data.event.')).toBe('nested');
		expect(valueAtPath(fields, '')).toBeUndefined();
		expect(valueAtPath({ '': 'blank key' }, '')).toBe('blank key');
	});

	it('never reads inherited properties', () => {
		for (const path of ['constructor', '__proto__', 'toString', 'data.constructor', 'data.items.0.hasOwnProperty', 'data.__proto__.x']) {
			expect(valueAtPath(fields, path)).toBeUndefined();
		}
	});
});

describe('fields of text bodies: XML elements', () => {
	const xml = '<postback><order><orderData><status>printed</status></orderData></order><1abc>digit</1abc><event*>star</event*><undefined>u</undefined></postback>';

	it('reads the element named like the last segment of the path', () => {
		expect(xmlElementText(xml, 'order.orderData.status')).toBe('printed');
		expect(xmlElementText(xml, 'status')).toBe('printed');
		expect(xmlElementText(undefined, 'status')).toBeUndefined();
	});

	it('reads nothing for a name XML does not allow, or no name at all', () => {
		expect(xmlElementText(xml, '1abc')).toBeUndefined();
		expect(xmlElementText(xml, 'event*')).toBeUndefined();
		expect(xmlElementText(xml, '')).toBeUndefined();
		expect(xmlElementText(xml, '..')).toBeUndefined();
	});

	it('a payload with fields reads them, a text payload reads its elements', () => {
		const text: Payload = { kind: 'text', body: xml, fields: undefined, text: xml, contentType: 'application/xml' };
		const json: Payload = { kind: 'json', body: {}, fields: { status: 'from json' }, text: '<status>from text</status>', contentType: 'application/json' };
		expect(payloadField(text, 'status')).toBe('printed');
		expect(payloadField(json, 'status')).toBe('from json');
		expect(payloadField({ ...json, fields: {} }, 'status')).toBeUndefined();
	});
});

describe('the output item of each body shape', () => {
	it('finds the event, order ids and status in JSON, form, query and XML postbacks alike', async () => {
		const shapes: Postback[] = [
			{ contentType: 'application/json', body: '{"event":"Order Received","orderId":"o-1","sourceOrderId":"s-1","status":"received"}', prepare: n8nParsed },
			{ contentType: 'application/x-www-form-urlencoded', body: 'event=Order+Received&orderId=o-1&sourceOrderId=s-1&status=received' },
			{ method: 'GET', path: '/webhook/postback?event=Order%20Received&orderId=o-1&sourceOrderId=s-1&status=received' },
			{ contentType: 'application/xml', body: '<p><event>Order Received</event><orderId>o-1</orderId><sourceOrderId>s-1</sourceOrderId><status>received</status></p>' },
		];
		for (const shape of shapes) {
			const { req, payload } = await send(shape);
			const { item } = postbackItem(payload!, req!, 'event', undefined);
			expect(item).toMatchObject({ event: 'Order Received', eventSource: 'payload', orderId: 'o-1', sourceOrderId: 's-1', status: 'received' });
		}
	});
});
