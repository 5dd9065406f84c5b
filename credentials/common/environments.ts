/**
 * Where each credential's requests go. The one place to change a PrintOS host.
 * Hosts: docs/printos-api.md#hosts ([DOC][SAMPLE]).
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

/** The parsed URL, or undefined when it does not parse. */
export function parseUrl(url: string): URL | undefined {
	try {
		return new URL(url);
	} catch {
		return undefined;
	}
}

function customUrl(value: unknown, field: string): string {
	const url = typeof value === 'string' ? value.trim() : '';
	if (!/^https?:\/\//i.test(url)) {
		throw new Error(`The credential's ${field} must be an absolute http(s) URL`);
	}
	const parsed = parseUrl(url);
	if (parsed === undefined) throw new Error(`The credential's ${field} is not a valid URL`);
	if (parsed.username || parsed.password) {
		throw new Error(
			`The credential's ${field} must not contain a user name or password ("user:password@"): remove them; PrintOS requests are signed with the credential's own fields`,
		);
	}
	return trimSlash(url);
}

/**
 * A URL as it may appear in a message, a description or node output: without user name, password,
 * query or fragment (any of which can hold a secret). Text that is not a URL is returned up to its
 * first `?` or `#`.
 */
export function redactUrl(url: string): string {
	try {
		const parsed = new URL(url);
		return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' && !url.endsWith('/') ? '' : parsed.pathname}`;
	} catch {
		const cut = url.search(/[?#]/);
		const withoutQuery = cut === -1 ? url : url.slice(0, cut);
		const at = withoutQuery.lastIndexOf('@');
		const scheme = withoutQuery.indexOf('//');
		return at > scheme && scheme !== -1 ? `${withoutQuery.slice(0, scheme + 2)}${withoutQuery.slice(at + 1)}` : withoutQuery;
	}
}

function originOf(url: string): string {
	return new URL(url).origin;
}

/** Every origin (scheme, host, port) a credential may sign requests for: its environment's hosts only. */
export function signingOrigins(
	credentialType: 'printOsApi' | 'siteFlowApi',
	credentials: ICredentialDataDecryptedObject,
): string[] {
	if (credentialType === 'printOsApi') return [originOf(gatewayRoot(credentials))];
	const origins = [originOf(siteFlowApiBase(credentials))];
	const orderServiceGiven =
		credentials.environment !== 'custom' ||
		(typeof credentials.orderServiceUrl === 'string' && credentials.orderServiceUrl.trim() !== '');
	if (orderServiceGiven) origins.push(originOf(siteFlowOrderServiceBase(credentials)));
	return origins;
}

/**
 * Matches a plain http:// URL whose host is not loopback (127.x, localhost, [::1]); the credential
 * forms show a warning under that condition (a credential test that succeeds cannot carry one in
 * n8n's editor, see plainHttpWarning).
 */
export const PLAIN_HTTP_TO_REMOTE_HOST = '^\\s*[hH][tT][tT][pP]://(?!((127\\.\\d+\\.\\d+\\.\\d+|localhost|\\[::1\\])(:|/|$)))';

function isLoopback(hostname: string): boolean {
	return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * A warning for a custom environment reached over plain http:// on a host other than loopback
 * (requests, answers and signatures travel unencrypted), or undefined.
 */
export function plainHttpWarning(credentials: ICredentialDataDecryptedObject): string | undefined {
	if (credentials.environment !== 'custom') return undefined;
	const hosts: string[] = [];
	for (const field of ['baseUrl', 'orderServiceUrl']) {
		const value = credentials[field];
		if (typeof value !== 'string' || !/^http:\/\//i.test(value.trim())) continue;
		try {
			const { hostname } = new URL(value.trim());
			if (!isLoopback(hostname)) hosts.push(hostname);
		} catch {
			// an invalid URL is refused elsewhere with its own message
		}
	}
	if (!hosts.length) return undefined;
	return `Plain http:// to ${[...new Set(hosts)].join(', ')}: requests and answers travel unencrypted. Use https:// unless the host is on a trusted network.`;
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

/** The Site Flow order service base, including `/api` (docs/printos-api.md#order-submit: only `POST /order`). */
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
		return `custom (${redactUrl(customUrl(credentials.baseUrl, 'Base URL'))})`;
	} catch {
		return 'custom';
	}
}
