/**
 * Test-side clients for the sandbox. Strings to sign are written out literally here with
 * node:crypto, not taken from credentials/common/signing.ts, so a bug in that module cannot hide
 * behind the same bug in the sandbox that uses it.
 */
import { createHmac } from 'crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'http';
import type { AddressInfo } from 'net';

export const KEY = 'sandbox-key';
export const TOKEN = 'sandbox-token';
export const SECRET = 'sandbox-secret';

export function hmacHex(algorithm: 'sha256' | 'sha1', secret: string, text: string): string {
	return createHmac(algorithm, secret).update(text, 'utf8').digest('hex');
}

export interface Reply {
	status: number;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	body: any;
	headers: Headers;
	text: string;
}

export interface SignOptions {
	body?: unknown;
	/** Sent as is, instead of JSON of `body`. */
	rawBody?: string;
	date?: string;
	/** `null` sends no algorithm header. */
	algorithm?: 'SHA256' | 'SHA1' | null;
	id?: string;
	secret?: string;
	/** Override what is signed (to sign the wrong thing on purpose). */
	stringToSign?: string;
	headers?: Record<string, string>;
	/** Header names to leave out. */
	omit?: string[];
	signal?: AbortSignal;
}

async function send(url: string, method: string, headers: Record<string, string>, options: SignOptions): Promise<Reply> {
	for (const name of options.omit ?? []) delete headers[name];
	const response = await fetch(url, {
		method,
		headers: { 'content-type': 'application/json', ...headers, ...(options.headers ?? {}) },
		body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
		signal: options.signal,
	});
	const text = await response.text();
	let body: unknown = text;
	try {
		body = text ? JSON.parse(text) : undefined;
	} catch {
		// not JSON: keep the text
	}
	return { status: response.status, body, headers: response.headers, text };
}

/**
 * Scheme A. `path` is the wire path including `/box` or `/siteflow` (and any query); the signed
 * string is METHOD + " " + path-without-prefix-and-query + date, with no separator before the date.
 */
export function gateway(base: string, method: string, path: string, options: SignOptions = {}): Promise<Reply> {
	const date = options.date ?? new Date().toISOString();
	const servicePath = path.split('?')[0].replace(/^\/(box|siteflow)(?=\/)/, '');
	const algorithm = options.algorithm === undefined ? 'SHA256' : options.algorithm;
	const stringToSign = options.stringToSign ?? `${method} ${servicePath}${date}`;
	const signature = hmacHex(algorithm === 'SHA1' ? 'sha1' : 'sha256', options.secret ?? SECRET, stringToSign);
	const headers: Record<string, string> = {
		'x-hp-hmac-authentication': `${options.id ?? KEY}:${signature}`,
		'x-hp-hmac-date': date,
	};
	if (algorithm) headers['x-hp-hmac-algorithm'] = algorithm;
	return send(`${base}${path}`, method, headers, options);
}

/** The order service's root on its own port (its paths are `/api/order`, as on orders.oneflow.io). */
export function orderServiceRoot(sandbox: { orderServiceUrl: string }): string {
	return sandbox.orderServiceUrl.replace(/\/api$/, '');
}

/**
 * Scheme B. `path` is the wire path including `/api`; the signed string is
 * METHOD + " " + decoded path without query + " " + date.
 */
export function siteFlow(base: string, method: string, path: string, options: SignOptions = {}): Promise<Reply> {
	const date = options.date ?? new Date().toISOString();
	const signedPath = decodeURIComponent(path.split('?')[0]);
	const algorithm = options.algorithm === undefined ? 'SHA256' : options.algorithm;
	const stringToSign = options.stringToSign ?? `${method} ${signedPath} ${date}`;
	const signature = hmacHex(algorithm === 'SHA256' ? 'sha256' : 'sha1', options.secret ?? SECRET, stringToSign);
	const headers: Record<string, string> = {
		'x-oneflow-authorization': `${options.id ?? TOKEN}:${signature}`,
		'x-oneflow-date': date,
	};
	if (algorithm) headers['x-oneflow-algorithm'] = algorithm;
	return send(`${base}${path}`, method, headers, options);
}

export async function admin(base: string, method: string, path: string, body?: unknown): Promise<Reply> {
	return send(`${base}/_sandbox${path}`, method, {}, { body });
}

let serial = 0;

/** A minimal valid order (spec §3.5) for the seeded PSP, unique per call. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function validOrder(overrides: { sourceOrderId?: string; path?: string; fetch?: boolean; localFile?: boolean } = {}): any {
	serial++;
	return {
		destination: { name: 'hp.sandbox-psp' },
		orderData: {
			sourceOrderId: overrides.sourceOrderId ?? `T-${process.pid}-${Date.now()}-${serial}`,
			customerName: 'Test Customer',
			items: [
				{
					sourceItemId: `item-${serial}`,
					sku: 'Business Cards',
					quantity: 100,
					components: [
						{
							code: 'Content',
							fetch: overrides.fetch ?? true,
							...(overrides.localFile ? { localFile: true } : {}),
							path: overrides.path ?? 'https://artwork.example.com/cards.pdf',
						},
					],
				},
			],
			shipments: [
				{
					shipTo: { name: 'Jane Doe', address1: '1 High Street', town: 'Bristol', postcode: 'BS1 1AA', isoCountry: 'GB' },
					carrier: { code: 'royalmail', service: 'firstclass' },
				},
			],
		},
	};
}

export interface Received {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}

export interface Receiver {
	url: string;
	received: Received[];
	status: number;
	close(): Promise<void>;
}

/** A local HTTP server that records what postbacks deliver. */
export async function startReceiver(): Promise<Receiver> {
	const receiver: Receiver = { url: '', received: [], status: 200, close: async () => undefined };
	const server: Server = createServer((req, res) => {
		const chunks: Uint8Array[] = [];
		req.on('data', (chunk: Uint8Array) => chunks.push(chunk));
		req.on('end', () => {
			receiver.received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
			res.writeHead(receiver.status, { 'content-type': 'application/json' });
			res.end('{"ok":true}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	receiver.close = () =>
		new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	return receiver;
}

/** Polls `check` until it returns something truthy (bounded). */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}
