/**
 * Verifies PrintOS HMAC signatures as strictly as production (spec §1.1, §1.2), recomputing them
 * with the same pure signing module the credentials use. Failures say what was wrong, never what
 * the right signature would have been.
 */
import type { IncomingHttpHeaders } from 'http';

import {
	expectedGatewaySignature,
	expectedSiteFlowSignature,
	gatewayServicePath,
	type HmacAlgorithm,
} from '../credentials/common/signing';
import { constantTimeEqual, errorBody } from './http';
import { credentialKey, type Catalogue } from './seed';
import type { CredentialRecord, Json, Scheme } from './types';

export interface AuthOptions {
	maxSkewSeconds: number;
	allowGatewaySha1: boolean;
	nowMs?: number;
}

export type AuthResult =
	| { ok: true; credential: CredentialRecord; algorithm: HmacAlgorithm }
	| { ok: false; status: number; body: Json; credentialId: string | null };

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/;
const SPACED = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?)(?: ?(UTC|GMT|Z|[+-]\d{2}:?\d{2}))?$/;

/** Scheme A: ISO-8601 with a zone, with or without milliseconds (spec §1.1). */
export function parseGatewayDate(value: string): number | undefined {
	if (!ISO_8601.test(value)) return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Scheme B dates vary by SDK (spec §1.2): ISO, Unix seconds (PHP), `YYYY-MM-DD HH:mm:ss` (old
 * Python) or `... UTC` (Ruby). Zone-less forms are read as UTC, the server's zone.
 */
export function parseSiteFlowDate(value: string): number | undefined {
	const text = value.trim();
	if (/^\d{9,13}$/.test(text)) {
		const number = Number(text);
		return text.length >= 12 ? number : number * 1000;
	}
	if (ISO_8601.test(text)) return parseGatewayDate(text);
	const match = SPACED.exec(text);
	if (!match) return undefined;
	const zone = !match[3] || match[3] === 'UTC' || match[3] === 'GMT' ? 'Z' : match[3];
	const ms = Date.parse(`${match[1]}T${match[2]}${zone}`);
	return Number.isNaN(ms) ? undefined : ms;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	const text = Array.isArray(value) ? value[0] : value;
	return text === undefined ? undefined : text.trim();
}

function sameHex(given: string, expected: string): boolean {
	return constantTimeEqual(given.toLowerCase(), expected);
}

function splitCredential(value: string): { id: string; signature: string } | undefined {
	const colon = value.lastIndexOf(':');
	if (colon <= 0 || colon === value.length - 1) return undefined;
	return { id: value.slice(0, colon), signature: value.slice(colon + 1) };
}

function unauthorized(message: string, credentialId: string | null = null): AuthResult {
	return { ok: false, status: 401, body: errorBody(401, message), credentialId };
}

function skewProblem(dateMs: number, headerName: string, options: AuthOptions): string | undefined {
	const skew = Math.round(Math.abs((options.nowMs ?? Date.now()) - dateMs) / 1000);
	if (skew <= options.maxSkewSeconds) return undefined;
	return `${headerName} is too far from the server time: ${skew} seconds off the server clock (at most ${options.maxSkewSeconds} seconds allowed); check the client's clock`;
}

function algorithmOf(value: string | undefined, fallback: HmacAlgorithm): HmacAlgorithm | undefined {
	if (value === undefined || value === '') return fallback;
	const upper = value.toUpperCase().replace('-', '');
	return upper === 'SHA256' || upper === 'SHA1' ? upper : undefined;
}

/** Scheme A, for `/box/...` and `/siteflow/...`: METHOD + " " + servicePath + date. */
export function verifyGateway(
	method: string,
	pathname: string,
	headers: IncomingHttpHeaders,
	catalogue: Catalogue,
	options: AuthOptions,
): AuthResult {
	const authorization = header(headers, 'x-hp-hmac-authentication');
	const date = header(headers, 'x-hp-hmac-date');
	if (!authorization) return unauthorized('Missing x-hp-hmac-authentication header (expected "<key>:<hex signature>")');
	if (!date) return unauthorized('Missing x-hp-hmac-date header (the ISO-8601 date that was signed)');
	const parts = splitCredential(authorization);
	if (!parts) return unauthorized('Malformed x-hp-hmac-authentication header: expected "<key>:<hex signature>"');
	const algorithm = algorithmOf(header(headers, 'x-hp-hmac-algorithm'), 'SHA256');
	if (!algorithm) return unauthorized('Unsupported x-hp-hmac-algorithm: use SHA256', parts.id);
	if (algorithm === 'SHA1' && !options.allowGatewaySha1) {
		// HP's 2022 notice: SHA1 gateway traffic gets "400 Not Authorized" (spec §1.1)
		return { ok: false, status: 400, body: errorBody(400, 'Not Authorized'), credentialId: parts.id };
	}
	const credential = catalogue.credentials.get(credentialKey('A', parts.id));
	if (!credential) return unauthorized(`Unknown API key "${parts.id}"`, parts.id);
	const dateMs = parseGatewayDate(date);
	if (dateMs === undefined) {
		return unauthorized('x-hp-hmac-date is not an ISO-8601 UTC date (e.g. 2024-01-15T10:30:00.000Z)', parts.id);
	}
	const skew = skewProblem(dateMs, 'x-hp-hmac-date', options);
	if (skew) return unauthorized(skew, parts.id);
	const servicePath = gatewayServicePath(pathname);
	const expected = expectedGatewaySignature(credential.secret, method, servicePath, date, algorithm);
	if (!sameHex(parts.signature, expected)) {
		return unauthorized(
			`Signature mismatch: expected HMAC-${algorithm} of "${method.toUpperCase()} ${servicePath}" followed directly by x-hp-hmac-date ` +
				'(the path without the service prefix and without the query string)',
			parts.id,
		);
	}
	return { ok: true, credential, algorithm };
}

/** Scheme B, for `/api/...` and `/orders/api/...`: METHOD + " " + decoded pathname + " " + date. */
export function verifySiteFlow(
	method: string,
	pathname: string,
	headers: IncomingHttpHeaders,
	catalogue: Catalogue,
	options: AuthOptions,
): AuthResult {
	const authorization = header(headers, 'x-oneflow-authorization');
	const date = header(headers, 'x-oneflow-date');
	if (!authorization) return unauthorized('Missing x-oneflow-authorization header (expected "<token>:<hex signature>")');
	if (!date) return unauthorized('Missing x-oneflow-date header (the date string that was signed)');
	const parts = splitCredential(authorization);
	if (!parts) return unauthorized('Malformed x-oneflow-authorization header: expected "<token>:<hex signature>"');
	const credential = catalogue.credentials.get(credentialKey('B', parts.id));
	if (!credential) return { ok: false, status: 401, body: { message: 'Token Not Found' }, credentialId: parts.id };
	// Without the header the server reads the signature as SHA1 (spec §1.2)
	const algorithm = algorithmOf(header(headers, 'x-oneflow-algorithm'), 'SHA1');
	if (!algorithm) return unauthorized('Unsupported x-oneflow-algorithm: use SHA256 or SHA1', parts.id);
	const dateMs = parseSiteFlowDate(date);
	if (dateMs !== undefined) {
		const skew = skewProblem(dateMs, 'x-oneflow-date', options);
		if (skew) return unauthorized(skew, parts.id);
	}
	const expected = expectedSiteFlowSignature(credential.secret, method, pathname, date, algorithm);
	if (!sameHex(parts.signature, expected)) {
		let decoded = pathname;
		try {
			decoded = decodeURIComponent(pathname);
		} catch {
			// the signing module signs such a path undecoded too
		}
		return unauthorized(
			`Signature mismatch: expected HMAC-${algorithm} of "${method.toUpperCase()} ${decoded} " followed by x-oneflow-date ` +
				`(the full decoded path without the query string${headers['x-oneflow-algorithm'] ? '' : '; no x-oneflow-algorithm header means SHA1'})`,
			parts.id,
		);
	}
	return { ok: true, credential, algorithm };
}

export function verify(scheme: Scheme, method: string, pathname: string, headers: IncomingHttpHeaders, catalogue: Catalogue, options: AuthOptions): AuthResult {
	return scheme === 'A'
		? verifyGateway(method, pathname, headers, catalogue, options)
		: verifySiteFlow(method, pathname, headers, catalogue, options);
}
