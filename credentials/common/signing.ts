/**
 * PrintOS request signing (docs/printos-api.md#signing). Pure: no I/O, no clock unless none is given.
 *
 * Scheme A (PrintOS gateway: Box, gateway Site Flow):
 *   METHOD + " " + servicePath + timestamp      (servicePath: after /box, /siteflow, …; no query)
 * Scheme B (Site Flow API and order service):
 *   METHOD + " " + decode(pathname) + " " + timestamp   (pathname includes /api; no query)
 */
import { createHmac } from 'crypto';

export type HmacAlgorithm = 'SHA256' | 'SHA1';

export type QueryValue = string | number | boolean | null | undefined | QueryValue[];
export type QueryObject = Record<string, QueryValue | unknown>;

/** The subset of n8n's request shapes that decides where a request goes. */
export interface SignableRequest {
	method?: string;
	url?: string;
	baseURL?: string;
	uri?: string;
	qs?: QueryObject;
	headers?: Record<string, unknown>;
	/** Legacy request shape (HTTP Request node): how lists in `qs` are written. */
	qsStringifyOptions?: { arrayFormat?: string };
}

function hmacHex(algorithm: HmacAlgorithm, secret: string, text: string): string {
	return createHmac(algorithm === 'SHA1' ? 'sha1' : 'sha256', secret)
		.update(text, 'utf8')
		.digest('hex');
}

function encodeQueryPart(value: string): string {
	// `+` must never reach a server that decodes it as a space (docs/printos-api.md#signing-site-flow)
	return encodeURIComponent(value);
}

export type ArrayFormat = 'repeat' | 'brackets' | 'indices';

/**
 * Serialises `qs` into a query string. Lists repeat their key by default (`includes[]=a&includes[]=b`
 * when the key already carries the brackets, as PrintOS samples write it); the HTTP Request node's
 * `brackets` and `indices` formats are honoured.
 */
export function serializeQuery(qs: QueryObject | undefined, arrayFormat: ArrayFormat = 'repeat'): string {
	if (!qs) return '';
	const parts: string[] = [];
	for (const [key, raw] of Object.entries(qs)) {
		const isList = Array.isArray(raw);
		const values = isList ? raw : [raw];
		values.forEach((value, index) => {
			if (value === undefined || value === null) return;
			const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
			let name = key;
			if (isList && arrayFormat === 'brackets') name = `${key}[]`;
			if (isList && arrayFormat === 'indices') name = `${key}[${index}]`;
			parts.push(`${encodeQueryPart(name)}=${encodeQueryPart(text)}`);
		});
	}
	return parts.join('&');
}

function isAbsoluteUrl(value: string | undefined): boolean {
	return typeof value === 'string' && /^https?:\/\//i.test(value);
}

/** Joins a base and a path by string concatenation, as axios does; `new URL(path, base)` would drop the base's path. */
export function joinUrl(base: string, path: string): string {
	if (!path) return base;
	if (isAbsoluteUrl(path)) return path;
	const trimmedBase = base.endsWith('/') ? base.slice(0, -1) : base;
	return path.startsWith('/') ? `${trimmedBase}${path}` : `${trimmedBase}/${path}`;
}

/**
 * The absolute URL the request will really go to, with `qs` folded into it.
 * `fallbackBase` is used when the request carries no absolute base (credential tests, declarative calls).
 */
export function resolveRequestUrl(request: SignableRequest, fallbackBase: string): string {
	let target: string;
	if (isAbsoluteUrl(request.uri)) {
		target = request.uri as string;
	} else if (isAbsoluteUrl(request.url)) {
		target = request.url as string;
	} else {
		const base = isAbsoluteUrl(request.baseURL) ? (request.baseURL as string) : fallbackBase;
		target = joinUrl(base, request.url ?? request.uri ?? '');
	}
	const format = request.qsStringifyOptions?.arrayFormat;
	const query = serializeQuery(
		request.qs,
		format === 'brackets' || format === 'indices' ? format : 'repeat',
	);
	if (!query) return target;
	const hashIndex = target.indexOf('#');
	const withoutHash = hashIndex === -1 ? target : target.slice(0, hashIndex);
	return `${withoutHash}${withoutHash.includes('?') ? '&' : '?'}${query}`;
}

/** The pathname of an absolute URL as sent on the wire (still percent-encoded), without query or fragment. */
export function wirePathname(absoluteUrl: string): string {
	const afterScheme = absoluteUrl.indexOf('//') + 2;
	const pathStart = absoluteUrl.indexOf('/', afterScheme);
	if (pathStart === -1) return '/';
	let end = absoluteUrl.length;
	const query = absoluteUrl.indexOf('?', pathStart);
	if (query !== -1) end = query;
	const hash = absoluteUrl.indexOf('#', pathStart);
	if (hash !== -1 && hash < end) end = hash;
	return absoluteUrl.slice(pathStart, end);
}

function safeDecode(path: string): string {
	try {
		return decodeURIComponent(path);
	} catch {
		return path;
	}
}

/**
 * The gateway's service-relative path: the pathname minus the gateway root's own path and the
 * service segment (`/box`, `/siteflow`, `/printbeat`, …). A URL outside the root loses its first segment.
 */
export function gatewayServicePath(pathname: string, gatewayRootPath = ''): string {
	const root = gatewayRootPath.replace(/\/+$/, '');
	let rest = pathname;
	if (root && (rest === root || rest.startsWith(`${root}/`))) rest = rest.slice(root.length);
	const serviceEnd = rest.indexOf('/', 1);
	return serviceEnd === -1 ? '/' : rest.slice(serviceEnd);
}

export interface GatewaySignInput {
	key: string;
	secret: string;
	method?: string;
	servicePath: string;
	date: string;
	algorithm?: HmacAlgorithm;
}

/** Both schemes sign the same way: HMAC of their string to sign with the secret, SHA256 unless chosen. */
function hmacSignature(input: { secret: string; algorithm?: HmacAlgorithm }, stringToSign: string) {
	const algorithm = input.algorithm ?? 'SHA256';
	return { algorithm, signature: hmacHex(algorithm, input.secret, stringToSign) };
}

export function gatewayStringToSign(method: string | undefined, servicePath: string, date: string) {
	return `${(method ?? 'GET').toUpperCase()} ${servicePath}${date}`;
}

export function signGateway(input: GatewaySignInput): Record<string, string> {
	const { algorithm, signature } = hmacSignature(
		input,
		gatewayStringToSign(input.method, input.servicePath, input.date),
	);
	return {
		'x-hp-hmac-authentication': `${input.key}:${signature}`,
		'x-hp-hmac-date': input.date,
		'x-hp-hmac-algorithm': algorithm,
	};
}

export interface SiteFlowSignInput {
	token: string;
	secret: string;
	method?: string;
	/** The wire pathname (percent-encoded, including /api); it is decoded before signing. */
	pathname: string;
	date: string;
	algorithm?: HmacAlgorithm;
	accountId?: string;
}

export function siteFlowStringToSign(method: string | undefined, pathname: string, date: string) {
	return `${(method ?? 'GET').toUpperCase()} ${safeDecode(pathname)} ${date}`;
}

export function signSiteFlow(input: SiteFlowSignInput): Record<string, string> {
	const { algorithm, signature } = hmacSignature(
		input,
		siteFlowStringToSign(input.method, input.pathname, input.date),
	);
	const headers: Record<string, string> = {
		'x-oneflow-authorization': `${input.token}:${signature}`,
		'x-oneflow-date': input.date,
		'x-oneflow-algorithm': algorithm,
	};
	if (input.accountId) headers['x-oneflow-account'] = input.accountId;
	return headers;
}

/** Recomputes a signature for a server that verifies one (the sandbox); constant-time comparison is the caller's job. */
export function expectedGatewaySignature(
	secret: string,
	method: string,
	servicePath: string,
	date: string,
	algorithm: HmacAlgorithm,
) {
	return hmacHex(algorithm, secret, gatewayStringToSign(method, servicePath, date));
}

export function expectedSiteFlowSignature(
	secret: string,
	method: string,
	pathname: string,
	date: string,
	algorithm: HmacAlgorithm,
) {
	return hmacHex(algorithm, secret, siteFlowStringToSign(method, pathname, date));
}

/** Normalises the algorithm a credential stores; anything unknown signs with SHA256. */
export function toHmacAlgorithm(value: unknown): HmacAlgorithm {
	return value === 'SHA1' ? 'SHA1' : 'SHA256';
}
