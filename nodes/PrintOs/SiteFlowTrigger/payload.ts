/**
 * Turns a postback request into the payload the trigger reads (docs/printos-api.md#postback-payload: the template decides the
 * body; JSON is preferred, XML, HTML and plain text are possible).
 *
 * - JSON content types (`application/json`, `text/json`, `*+json`) are parsed once. When n8n has
 *   already parsed the body (`req.body` next to `req.rawBody`), that result is used.
 * - Form bodies become objects; every other body (XML, HTML, text) stays the raw text.
 * - A body without a content type is parsed as JSON when it looks like JSON (a leading byte order
 *   mark ignored), else kept as text.
 * - GET postbacks carry their fields in the query string.
 * - JSON nested deeper than MAX_JSON_DEPTH gives kind `tooDeep` (answered 400, see jsonDepth.ts).
 *
 * Fields are own properties only: a path segment like `constructor` or `__proto__` finds nothing.
 */
import type { IDataObject } from 'n8n-workflow';

import { jsonTextTooDeep, valueTooDeep, MAX_JSON_DEPTH } from './jsonDepth';
import { xmlElementText as firstElementText } from './xmlFields';

export type RequestHeaders = Record<string, string | string[] | undefined>;

/**
 * What the trigger uses of the request n8n hands a webhook: Node's IncomingMessage plus n8n's
 * `rawBody`, `readRawBody`, `contentType` and `encoding`, and Express's `body` and `query`.
 */
export interface PostbackRequest extends AsyncIterable<unknown> {
	method?: string;
	url?: string;
	headers: RequestHeaders;
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
	contentType?: string;
	encoding?: string;
	body?: unknown;
	query?: unknown;
	readableEnded?: boolean;
}

export type BodyKind = 'json' | 'form' | 'text' | 'query' | 'empty' | 'invalidJson' | 'tooDeep';

export interface Payload {
	kind: BodyKind;
	/** Parsed JSON or form data, the raw text, or the query object of a GET. */
	body: unknown;
	/** The object fields are read from (undefined for text bodies and top-level arrays). */
	fields: IDataObject | undefined;
	/** For text bodies: the text, so XML element values can be read. */
	text: string | undefined;
	contentType: string;
	/** For `invalidJson` and `tooDeep`: why the body is refused. */
	error?: string;
}

export function contentTypeOf(req: PostbackRequest): string {
	if (typeof req.contentType === 'string') return req.contentType;
	const value = req.headers['content-type'];
	const header = Array.isArray(value) ? value[0] : value;
	if (!header) return '';
	const semicolon = header.indexOf(';');
	return (semicolon === -1 ? header : header.slice(0, semicolon)).trim().toLowerCase();
}

export function isJsonContentType(contentType: string): boolean {
	return (
		contentType === 'application/json' ||
		contentType === 'text/json' ||
		contentType.endsWith('+json')
	);
}

function charsetOf(req: PostbackRequest): BufferEncoding {
	const encoding = req.encoding;
	return typeof encoding === 'string' && Buffer.isEncoding(encoding) ? encoding : 'utf8';
}

/** The raw body: n8n's `rawBody`, read through n8n's `readRawBody` when it has not been read yet. */
export async function readRawBody(req: PostbackRequest): Promise<Buffer | undefined> {
	if (Buffer.isBuffer(req.rawBody)) return req.rawBody;
	if (typeof req.readRawBody === 'function') {
		await req.readRawBody();
		return Buffer.isBuffer(req.rawBody) ? req.rawBody : undefined;
	}
	// consumed by someone else; `complete` would only say the body has arrived, maybe still unread
	if (req.readableEnded) return undefined;
	const chunks: Uint8Array[] = [];
	for await (const chunk of req) chunks.push(chunk as Uint8Array);
	return Buffer.concat(chunks);
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function queryOf(req: PostbackRequest): IDataObject {
	if (isObject(req.query)) return req.query;
	const url = req.url ?? '';
	const question = url.indexOf('?');
	if (question === -1) return {};
	return Object.fromEntries(new URLSearchParams(url.slice(question + 1))) as IDataObject;
}

/** The first byte that is not a space, tab or line break; undefined for a blank body. */
function firstNonBlank(buffer: Buffer): number | undefined {
	return buffer.find((byte) => byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09);
}

/**
 * The body as text without a leading byte order mark, which some senders write and which JSON.parse
 * and a form's first field name would keep; n8n 2 drops it the same way before its own parse.
 */
function decodedWithoutBom(raw: Buffer, charset: BufferEncoding): string {
	const text = raw.toString(charset);
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const STARTS_LIKE_JSON = /^[ \t\r\n]*[[{]/;

function jsonPayload(value: unknown, contentType: string): Payload {
	return { kind: 'json', body: value, fields: isObject(value) ? value : undefined, text: undefined, contentType };
}

function tooDeep(contentType: string): Payload {
	return {
		kind: 'tooDeep',
		body: undefined,
		fields: undefined,
		text: undefined,
		contentType,
		error: `the JSON is nested more than ${MAX_JSON_DEPTH} levels deep`,
	};
}

/**
 * Reads and parses the body. A JSON content type whose body does not parse gives kind
 * `invalidJson` with the parser's reason.
 */
export async function readPayload(req: PostbackRequest): Promise<Payload> {
	const contentType = contentTypeOf(req);
	if (req.method === 'GET' || req.method === 'HEAD') {
		const query = queryOf(req);
		return { kind: 'query', body: query, fields: query, text: undefined, contentType };
	}

	// n8n reads the raw body only to parse it, so a body read before us was parsed already
	const parsedByN8n = Buffer.isBuffer(req.rawBody);
	const raw = await readRawBody(req);
	if (raw === undefined || firstNonBlank(raw) === undefined) {
		return { kind: 'empty', body: {}, fields: {}, text: undefined, contentType };
	}

	if (isJsonContentType(contentType)) {
		if (jsonTextTooDeep(raw)) return tooDeep(contentType);
		let parsed: unknown;
		if (parsedByN8n && contentType === 'application/json' && req.body !== undefined) {
			// parse once: reuse what n8n's webhook parser made of application/json; it parses no other
			// JSON type and leaves `req.body` unset for those
			parsed = req.body;
		} else {
			try {
				parsed = JSON.parse(decodedWithoutBom(raw, charsetOf(req)));
			} catch (error) {
				return { kind: 'invalidJson', body: undefined, fields: undefined, text: undefined, contentType, error: (error as Error).message };
			}
		}
		// the text scan counts bytes: in UTF-16 a character's byte can pass for a quote and hide brackets
		return valueTooDeep(parsed) ? tooDeep(contentType) : jsonPayload(parsed, contentType);
	}

	if (contentType === 'application/x-www-form-urlencoded') {
		const form = Object.fromEntries(new URLSearchParams(decodedWithoutBom(raw, charsetOf(req)))) as IDataObject;
		return { kind: 'form', body: form, fields: form, text: undefined, contentType };
	}

	if (contentType === '') {
		// no content type at all: a JSON-looking body is parsed, anything else stays text
		const json = decodedWithoutBom(raw, 'utf8');
		if (STARTS_LIKE_JSON.test(json)) {
			if (jsonTextTooDeep(raw)) return tooDeep(contentType);
			try {
				return jsonPayload(JSON.parse(json), contentType);
			} catch {
				// not JSON after all: keep the text
			}
		}
	}

	const text = raw.toString(charsetOf(req));
	return { kind: 'text', body: text, fields: undefined, text, contentType };
}

function pathSegments(path: string): string[] {
	return path.split('.').filter((segment) => segment !== '');
}

const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/** The value at a dot path (`event`, `data.event`, `items.0.status`); own properties only. */
export function valueAtPath(fields: IDataObject | undefined, path: string): unknown {
	if (fields === undefined) return undefined;
	if (path.indexOf('.') === -1) return hasOwn(fields, path) ? fields[path] : undefined;
	let current: unknown = fields;
	for (const segment of pathSegments(path)) {
		if (typeof current !== 'object' || current === null || !hasOwn(current, segment)) return undefined;
		current = (current as IDataObject)[segment];
	}
	return current;
}

const XML_NAME = /^[A-Za-z_][\w.-]*$/;

/**
 * Best effort for XML templates: the text of the first element named like the path's last segment
 * (`<event>Order Received</event>`), or undefined. Linear in the body, see xmlFields.ts.
 */
export function xmlElementText(text: string | undefined, path: string): string | undefined {
	if (text === undefined) return undefined;
	const segments = pathSegments(path);
	const name = segments[segments.length - 1];
	if (!name || !XML_NAME.test(name)) return undefined;
	return firstElementText(text, name);
}

/** A field of the payload: from the object, or, for XML text, from the element of that name. */
export function payloadField(payload: Payload, path: string): unknown {
	if (payload.fields !== undefined) return valueAtPath(payload.fields, path);
	return xmlElementText(payload.text, path);
}
