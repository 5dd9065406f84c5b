/**
 * Verifies PrintOS HMAC signatures as strictly as production (docs/printos-api.md#signing), recomputing them
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
	/** `actingAs` is the account a service user named in `x-oneflow-account`, otherwise the credential's own. */
	| { ok: true; credential: CredentialRecord; algorithm: HmacAlgorithm; actingAs: string }
	| { ok: false; status: number; body: Json; credentialId: string | null };

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/;
const SPACED = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?)(?: ?(UTC|GMT|Z|[+-]\d{2}:?\d{2}))?$/;

/** Scheme A: ISO-8601 with a zone, with or without milliseconds (docs/printos-api.md#signing-gateway). */
export function parseGatewayDate(value: string): number | undefined {
	if (!ISO_8601.test(value)) return undefined;
	const ms = Date.parse(value);
	return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Scheme B dates vary by SDK (docs/printos-api.md#signing-site-flow): ISO, Unix seconds (PHP), `YYYY-MM-DD HH:mm:ss` (old
 * Python), local `datetime.now().isoformat()` without a zone (current Python) or `... UTC` (Ruby).
 * Zone-less forms are read as UTC and flagged, since the client's zone is unknown.
 */
export function readSiteFlowDate(value: string): { ms: number; zoneless: boolean } | undefined {
	const text = value.trim();
	if (/^\d{9,13}$/.test(text)) {
		const number = Number(text);
		return { ms: text.length >= 12 ? number : number * 1000, zoneless: false };
	}
	if (ISO_8601.test(text)) {
		const ms = parseGatewayDate(text);
		return ms === undefined ? undefined : { ms, zoneless: false };
	}
	const match = SPACED.exec(text);
	if (!match) return undefined;
	const zone = !match[3] || match[3] === 'UTC' || match[3] === 'GMT' ? 'Z' : match[3];
	const ms = Date.parse(`${match[1]}T${match[2]}${zone}`);
	return Number.isNaN(ms) ? undefined : { ms, zoneless: !match[3] };
}

export function parseSiteFlowDate(value: string): number | undefined {
	return readSiteFlowDate(value)?.ms;
}

/** Local time may be up to 14 hours from UTC (UTC+14 to UTC-12). */
const ZONE_SPREAD_SECONDS = 14 * 3600;

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

function skewProblem(dateMs: number, headerName: string, options: AuthOptions, extraSeconds = 0): string | undefined {
	const skew = Math.round(Math.abs((options.nowMs ?? Date.now()) - dateMs) / 1000);
	const allowed = options.maxSkewSeconds + extraSeconds;
	if (skew <= allowed) return undefined;
	return `${headerName} is too far from the server time: ${skew} seconds off the server clock (at most ${allowed} seconds allowed); check the client's clock`;
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
	// Without the header the gateway's legacy default is SHA1 (docs/printos-api.md#signing-gateway: the PHP and Java samples
	// sent none), and SHA1 is what HP's 2022 notice refuses with "400 Not Authorized"
	const algorithm = algorithmOf(header(headers, 'x-hp-hmac-algorithm'), 'SHA1');
	if (!algorithm) return unauthorized('Unsupported x-hp-hmac-algorithm: use SHA256', parts.id);
	if (algorithm === 'SHA1' && !options.allowGatewaySha1) {
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
	return { ok: true, credential, algorithm, actingAs: credential.account };
}

/** Scheme B, for `/api/...` on both ports (Site Flow API, order service): METHOD + " " + decoded pathname + " " + date. */
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
	// Without the header the server reads the signature as SHA1 (docs/printos-api.md#signing-site-flow)
	const algorithm = algorithmOf(header(headers, 'x-oneflow-algorithm'), 'SHA1');
	if (!algorithm) return unauthorized('Unsupported x-oneflow-algorithm: use SHA256 or SHA1', parts.id);
	const read = readSiteFlowDate(date);
	if (!read) {
		// A date the server cannot read cannot be checked for freshness: refused like a stale one
		return unauthorized(
			`x-oneflow-date ${JSON.stringify(date.slice(0, 64))} is not a date the server can read ` +
				'(use ISO-8601 such as 2024-01-15T10:30:00.000Z, Unix seconds, or "YYYY-MM-DD HH:mm:ss")',
			parts.id,
		);
	}
	const skew = skewProblem(read.ms, 'x-oneflow-date', options, read.zoneless ? ZONE_SPREAD_SECONDS : 0);
	if (skew) return unauthorized(skew, parts.id);
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
	return actAs(credential, algorithm, header(headers, 'x-oneflow-account'), catalogue);
}

/**
 * `x-oneflow-account` (docs/printos-api.md#signing-site-flow): a service user acts in the named account. The header carries an
 * account id; naming one's own account changes nothing. Anyone else gets 403 in the generic error
 * envelope (docs/printos-api.md#errors: "403: key not allowed for this resource"); the exact wording PrintOS uses is
 * not published (inferred; docs/printos-api.md#q-service-user).
 */
function actAs(credential: CredentialRecord, algorithm: HmacAlgorithm, accountId: string | undefined, catalogue: Catalogue): AuthResult {
	if (!accountId) return { ok: true, credential, algorithm, actingAs: credential.account };
	const account = [...catalogue.accounts.values()].find((entry) => entry._id === accountId);
	if (account && account.name === credential.account) return { ok: true, credential, algorithm, actingAs: credential.account };
	if (account && credential.actsFor.includes(account.name)) return { ok: true, credential, algorithm, actingAs: account.name };
	const why = credential.actsFor.length === 0 ? 'is not a service user' : 'is a service user not allowed to act for it';
	return {
		ok: false,
		status: 403,
		body: errorBody(403, `Not allowed to act for account ${JSON.stringify(accountId.slice(0, 64))} (x-oneflow-account): token ${why}`),
		credentialId: credential.id,
	};
}

export function verify(scheme: Scheme, method: string, pathname: string, headers: IncomingHttpHeaders, catalogue: Catalogue, options: AuthOptions): AuthResult {
	return scheme === 'A'
		? verifyGateway(method, pathname, headers, catalogue, options)
		: verifySiteFlow(method, pathname, headers, catalogue, options);
}
