/**
 * Turns any of n8n's request shapes (node helper, credential test / declarative, HTTP Request node's
 * legacy `uri` shape) into one absolute URL, signs it, and hands back options that send exactly that URL.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { gatewayRoot, siteFlowApiBase } from './environments';
import {
	gatewayServicePath,
	resolveRequestUrl,
	signGateway,
	signSiteFlow,
	toHmacAlgorithm,
	wirePathname,
	type SignableRequest,
} from './signing';

type AnyRequestOptions = IHttpRequestOptions & { uri?: string };

function hasHeader(headers: Record<string, unknown> | undefined, name: string): boolean {
	if (!headers) return false;
	const wanted = name.toLowerCase();
	return Object.keys(headers).some((key) => key.toLowerCase() === wanted);
}

function withSignedUrl(
	requestOptions: AnyRequestOptions,
	finalUrl: string,
	authHeaders: Record<string, string>,
): IHttpRequestOptions {
	const headers: Record<string, unknown> = { ...(requestOptions.headers ?? {}), ...authHeaders };
	// Every official sample sends it, GETs included (spec §1.1)
	if (!hasHeader(headers, 'content-type')) headers['content-type'] = 'application/json';
	const signed: AnyRequestOptions = { ...requestOptions, headers: headers as IDataObject, qs: {} };
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
