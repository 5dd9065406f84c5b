/** Small HTTP helpers shared by the API, admin and upload doors. */
import { createHmac, randomBytes, timingSafeEqual } from 'crypto';
import type { IncomingMessage, ServerResponse } from 'http';

import type { Json } from './types';

const STATUS_NAMES: Record<number, string> = {
	400: 'BadRequest',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'NotFound',
	405: 'MethodNotAllowed',
	409: 'Conflict',
	411: 'LengthRequired',
	413: 'PayloadTooLarge',
	429: 'TooManyRequests',
	500: 'InternalServerError',
	503: 'ServiceUnavailable',
};

/** Site Flow's generic error envelope (docs/printos-api.md#errors). */
export function errorBody(code: number, message: string, extra: Json = {}): Json {
	return { success: false, error: { code, name: STATUS_NAMES[code] ?? 'Error', message, ...extra } };
}

export class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly body: Json = errorBody(status, message),
	) {
		super(message);
	}
}

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	if (res.writableEnded || res.destroyed) return;
	const text = body === undefined ? '' : JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

/** Buffers a request body, refusing more than `limit` bytes. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
	const chunks: Uint8Array[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Uint8Array).length;
		if (size > limit) throw new HttpError(413, `Request body larger than ${limit} bytes`);
		chunks.push(chunk as Uint8Array);
	}
	return Buffer.concat(chunks);
}

export function parseJson(raw: Buffer): unknown {
	if (raw.length === 0) return undefined;
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch (error) {
		throw new HttpError(400, `Invalid JSON body: ${(error as Error).message}`);
	}
}

/** Query as a plain object; repeated keys become arrays. */
export function queryObject(query: URLSearchParams): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [key, value] of query) {
		const previous = out[key];
		if (previous === undefined) out[key] = value;
		else out[key] = Array.isArray(previous) ? [...previous, value] : [previous, value];
	}
	return out;
}

export function isObject(value: unknown): value is Json {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export function isLoopbackAddress(address: string | undefined): boolean {
	return typeof address === 'string' && LOOPBACK.test(address);
}

/** The origin a client used to reach us, for links we hand back (upload URLs, payload URLs). */
export function requestOrigin(req: IncomingMessage, fallback: string): string {
	const host = req.headers.host;
	return host && /^[\w.\-:[\]]+$/.test(host) ? `http://${host}` : fallback;
}

const COMPARE_KEY = randomBytes(32);

// @types/node 20 declares Buffer without the Uint8Array generic TypeScript 5.9 expects
function digest(value: string): Uint8Array {
	return createHmac('sha256', COMPARE_KEY as unknown as Uint8Array).update(value, 'utf8').digest() as unknown as Uint8Array;
}

/** Constant-time string equality: both sides are hashed first, so not even the length leaks. */
export function constantTimeEqual(given: string, expected: string): boolean {
	return timingSafeEqual(digest(given), digest(expected)) && given.length === expected.length;
}
