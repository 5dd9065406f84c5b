/**
 * Checks the static secret Site Flow sends with a postback (docs/printos-api.md#postback-auth: postbacks are not signed;
 * a header token or basic auth is the only check available). Pure: no n8n context.
 *
 * Secrets are compared in constant time: both sides are first reduced to HMAC-SHA256 digests under
 * a key drawn once per process, so `timingSafeEqual` always sees two 32-byte buffers and neither the
 * content nor the length of the expected secret shows in the timing.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'crypto';

export type PostbackAuthentication = 'none' | 'headerToken' | 'basicAuth';

/** The fields of the `siteFlowPostbackAuthApi` credential. */
export interface PostbackAuthCredential {
	headerName?: string;
	token?: string;
	user?: string;
	password?: string;
}

export type VerifyOutcome = 'ok' | 'unauthorized' | 'misconfigured';

const DIGEST_KEY = randomBytes(32).toString('hex');

// @types/node 20 declares Buffer without the Uint8Array generic TypeScript 5.9 expects
function digest(value: string): Uint8Array {
	return createHmac('sha256', DIGEST_KEY).update(value, 'utf8').digest() as unknown as Uint8Array;
}

/** Constant-time equality of a received value (possibly absent) and a non-empty expected secret. */
export function secretMatches(received: string | undefined, expected: string): boolean {
	// always compare, so a missing value takes as long as a wrong one
	const equal = timingSafeEqual(digest(received ?? ''), digest(expected));
	return equal && received !== undefined && expected.length > 0;
}

/** HTTP header names are RFC 9110 tokens. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function isValidHeaderName(name: string): boolean {
	return HEADER_NAME.test(name);
}

/** The header the secret travels in, lower-cased as Node presents request headers. */
export function secretHeaderName(
	authentication: PostbackAuthentication,
	credential: PostbackAuthCredential | undefined,
): string | undefined {
	if (authentication === 'basicAuth') return 'authorization';
	if (authentication === 'headerToken') {
		const name = (credential?.headerName ?? '').trim();
		return name ? name.toLowerCase() : undefined;
	}
	return undefined;
}

function headerText(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

/** A request header by its lower-case name; own properties only (`constructor` is not a header). */
export function requestHeader(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
	return Object.prototype.hasOwnProperty.call(headers, name) ? headerText(headers[name]) : undefined;
}

/** `user:password` from an `Authorization: Basic …` header, or undefined. */
export function decodeBasicAuth(header: string | undefined): string | undefined {
	if (header === undefined || header.length < 7) return undefined;
	// the scheme is case-insensitive (RFC 9110 §11.1)
	if (header.charCodeAt(5) !== 32 || header.slice(0, 5).toLowerCase() !== 'basic') return undefined;
	return Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
}

/** Why a credential cannot check anything, or undefined when it is complete. */
export function credentialProblem(
	authentication: PostbackAuthentication,
	credential: PostbackAuthCredential | undefined,
): string | undefined {
	if (authentication === 'headerToken') {
		const name = (credential?.headerName ?? '').trim();
		if (!name) return 'Header Token authentication needs a header name in the credential';
		if (!isValidHeaderName(name)) return `"${name}" is not a valid HTTP header name`;
		if (!credential?.token) return 'Header Token authentication needs a token in the credential';
	} else if (authentication === 'basicAuth') {
		if (!credential?.user) return 'Basic Auth needs a user in the credential';
		if ((credential.user ?? '').includes(':')) return 'A Basic Auth user cannot contain ":"';
		if (!credential.password) return 'Basic Auth needs a password in the credential';
	}
	return undefined;
}

export function verifyPostback(
	authentication: PostbackAuthentication,
	credential: PostbackAuthCredential | undefined,
	headers: Record<string, string | string[] | undefined>,
): VerifyOutcome {
	if (authentication === 'none') return 'ok';
	if (credentialProblem(authentication, credential) !== undefined) return 'misconfigured';
	if (authentication === 'headerToken') {
		const name = secretHeaderName(authentication, credential)!;
		return secretMatches(requestHeader(headers, name), credential!.token!) ? 'ok' : 'unauthorized';
	}
	const received = decodeBasicAuth(requestHeader(headers, 'authorization'));
	return secretMatches(received, `${credential!.user}:${credential!.password}`) ? 'ok' : 'unauthorized';
}

const AUTHENTICATION_LABELS: Record<PostbackAuthentication, string> = {
	none: 'None',
	headerToken: 'Header Token',
	basicAuth: 'Basic Auth',
};

/**
 * Why a trigger cannot check postbacks with this authentication and credential, phrased as what to
 * change; undefined when it can. Used at activation, so such a trigger never goes live.
 */
export function activationProblem(
	authentication: PostbackAuthentication,
	credential: PostbackAuthCredential | undefined,
): string | undefined {
	if (authentication === 'none') return undefined;
	const chosen = AUTHENTICATION_LABELS[authentication];
	if (credential === undefined) {
		return `Authentication is ${chosen}, but no Site Flow postback credential is selected: select one in the trigger, or change Authentication`;
	}
	const problem = credentialProblem(authentication, credential);
	if (problem === undefined) return undefined;
	const other: PostbackAuthentication = authentication === 'headerToken' ? 'basicAuth' : 'headerToken';
	const hasOwnFields =
		authentication === 'headerToken' ? Boolean(credential.token) : Boolean(credential.user || credential.password);
	if (!hasOwnFields && credentialProblem(other, credential) === undefined) {
		const holds = other === 'headerToken' ? 'a header name and token' : 'a user and password';
		const missing = authentication === 'headerToken' ? 'Header Name and Token' : 'User and Password';
		return `Authentication is ${chosen}, but the postback credential holds ${holds} instead: set Authentication to ${AUTHENTICATION_LABELS[other]}, or fill in ${missing} in the credential`;
	}
	return `Authentication is ${chosen}, but the postback credential is not usable for it: ${problem}. Complete the credential, or change Authentication`;
}
