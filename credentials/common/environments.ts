/**
 * Where each credential's requests go. The one place to change a PrintOS host.
 * Hosts: spec §0.1 ([DOC][SAMPLE]).
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const GATEWAY_ROOTS = {
	production: 'https://printos.api.hp.com',
	staging: 'https://stage.printos.api.hp.com',
} as const;

export const SITE_FLOW_HOSTS = {
	production: {
		api: 'https://pro-api.oneflowcloud.com/api',
		orderService: 'https://orders.oneflow.io/api',
	},
} as const;

/** Gateway service segments (scheme A): each is signed without its own prefix. */
export type GatewayService = 'box' | 'siteflow';

function trimSlash(url: string): string {
	return url.replace(/\/+$/, '');
}

function customUrl(value: unknown, field: string): string {
	const url = typeof value === 'string' ? value.trim() : '';
	if (!/^https?:\/\//i.test(url)) {
		throw new Error(`The credential's ${field} must be an absolute http(s) URL`);
	}
	return trimSlash(url);
}

/** The gateway root (without `/box` or `/siteflow`). */
export function gatewayRoot(credentials: ICredentialDataDecryptedObject): string {
	const environment = credentials.environment as string | undefined;
	if (environment === 'custom') return customUrl(credentials.baseUrl, 'Base URL');
	if (environment === 'staging') return GATEWAY_ROOTS.staging;
	return GATEWAY_ROOTS.production;
}

export function gatewayServiceBase(
	credentials: ICredentialDataDecryptedObject,
	service: GatewayService,
): string {
	return `${gatewayRoot(credentials)}/${service}`;
}

/** The Site Flow API base, including `/api`. */
export function siteFlowApiBase(credentials: ICredentialDataDecryptedObject): string {
	if (credentials.environment === 'custom') return customUrl(credentials.baseUrl, 'Base URL');
	return SITE_FLOW_HOSTS.production.api;
}

/** The Site Flow order service base, including `/api` (spec O3: only `POST /order`). */
export function siteFlowOrderServiceBase(credentials: ICredentialDataDecryptedObject): string {
	if (credentials.environment === 'custom') {
		return customUrl(credentials.orderServiceUrl, 'Order Service URL');
	}
	return SITE_FLOW_HOSTS.production.orderService;
}

/** A short description of where a credential points, for error messages. Never includes secrets. */
export function describeEnvironment(credentials: ICredentialDataDecryptedObject): string {
	const environment = (credentials.environment as string | undefined) ?? 'production';
	if (environment !== 'custom') return environment;
	try {
		return `custom (${customUrl(credentials.baseUrl, 'Base URL')})`;
	} catch {
		return 'custom';
	}
}
