/**
 * Turns any of n8n's request shapes (node helper, credential test / declarative, HTTP Request node's
 * legacy `uri` shape) into one absolute URL, signs it, and hands back options that send exactly that URL.
 *
 * A signature is made only for the credential's own environment (signingOrigins), only for a path
 * without dot segments (which the HTTP client would collapse into another path than the one signed),
 * and the signed request never follows a redirect: the signing headers go nowhere else.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { gatewayRoot, parseUrl, redactUrl, signingOrigins, siteFlowApiBase } from './environments';
import {
	gatewayServicePath,
	resolveRequestUrl,
	signGateway,
	signSiteFlow,
	toHmacAlgorithm,
	wirePathname,
	type SignableRequest,
} from './signing';

type AnyRequestOptions = IHttpRequestOptions & {
	uri?: string;
	// the legacy request options (HTTP Request node) n8n-core reads for redirects
	followRedirect?: boolean;
	followAllRedirects?: boolean;
	maxRedirects?: number;
};

const CREDENTIAL_NAMES = { printOsApi: 'HP PrintOS API', siteFlowApi: 'HP Site Flow API' } as const;

/** Refuses, before anything is signed, a URL this credential must not sign. */
function assertSignable(credentialType: keyof typeof CREDENTIAL_NAMES, credentials: ICredentialDataDecryptedObject, finalUrl: string): void {
	const target = parseUrl(finalUrl);
	if (target === undefined) {
		throw new Error(`The ${CREDENTIAL_NAMES[credentialType]} credential cannot sign a request to "${redactUrl(finalUrl)}": not a valid URL`);
	}
	const allowed = signingOrigins(credentialType, credentials);
	if (!allowed.includes(target.origin)) {
		throw new Error(
			`The ${CREDENTIAL_NAMES[credentialType]} credential signs requests only for its environment (${allowed.map((origin) => new URL(origin).host).join(', ')}); ` +
				`this request goes to ${target.host} and was not sent. Use a URL on the credential's hosts, or another credential.`,
		);
	}
	const segments = wirePathname(finalUrl).split('/');
	if (segments.some((segment) => /^(\.|%2e){1,2}$/i.test(segment))) {
		throw new Error(
			`The ${CREDENTIAL_NAMES[credentialType]} credential cannot sign "${redactUrl(finalUrl)}": a path segment is "." or "..", which would send the request to another path than the one signed`,
		);
	}
}

function hasHeader(headers: Record<string, unknown>, name: string): boolean {
	const wanted = name.toLowerCase();
	return Object.keys(headers).some((key) => key.toLowerCase() === wanted);
}

function withSignedUrl(
	requestOptions: AnyRequestOptions,
	finalUrl: string,
	authHeaders: Record<string, string>,
): IHttpRequestOptions {
	const headers: Record<string, unknown> = { ...(requestOptions.headers ?? {}), ...authHeaders };
	// Every official sample sends it, GETs included (docs/printos-api.md#signing-gateway)
	if (!hasHeader(headers, 'content-type')) headers['content-type'] = 'application/json';
	const signed: AnyRequestOptions = {
		...requestOptions,
		headers: headers as IDataObject,
		qs: {},
		// a redirect would carry the signing headers to wherever it points (httpRequest helper, then
		// the legacy request options of the HTTP Request node); the 3xx comes back as the answer
		disableFollowRedirect: true,
		followRedirect: false,
		followAllRedirects: false,
		maxRedirects: 0,
	};
	if (typeof requestOptions.uri === 'string') {
		signed.uri = finalUrl;
	} else {
		signed.url = finalUrl;
		delete signed.baseURL;
	}
	return signed;
}

function credentialString(credentials: ICredentialDataDecryptedObject, name: string): string {
	const value = credentials[name];
	return typeof value === 'string' ? value.trim() : '';
}

/** Scheme A: `x-hp-hmac-*` over METHOD + " " + servicePath + date. */
export function signGatewayRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	date: string = new Date().toISOString(),
): IHttpRequestOptions {
	const root = gatewayRoot(credentials);
	const request = requestOptions as AnyRequestOptions;
	const finalUrl = resolveRequestUrl(request as SignableRequest, root);
	assertSignable('printOsApi', credentials, finalUrl);
	const servicePath = gatewayServicePath(wirePathname(finalUrl), wirePathname(root));
	const headers = signGateway({
		key: credentialString(credentials, 'key'),
		secret: credentialString(credentials, 'secret'),
		method: request.method,
		servicePath,
		date,
		algorithm: toHmacAlgorithm(credentials.algorithm),
	});
	return withSignedUrl(request, finalUrl, headers);
}

/** Scheme B: `x-oneflow-*` over METHOD + " " + decoded pathname + " " + date. */
export function signSiteFlowRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
	date: string = new Date().toISOString(),
): IHttpRequestOptions {
	const request = requestOptions as AnyRequestOptions;
	const finalUrl = resolveRequestUrl(request as SignableRequest, siteFlowApiBase(credentials));
	assertSignable('siteFlowApi', credentials, finalUrl);
	const headers = signSiteFlow({
		token: credentialString(credentials, 'token'),
		secret: credentialString(credentials, 'secret'),
		method: request.method,
		pathname: wirePathname(finalUrl),
		date,
		algorithm: toHmacAlgorithm(credentials.algorithm),
		accountId: credentialString(credentials, 'accountId') || undefined,
	});
	return withSignedUrl(request, finalUrl, headers);
}
