/**
 * Shapes shared across the sandbox. Order, folder and file documents stay loose JSON because clients
 * may send any extra field and PrintOS echoes it back (docs/printos-api.md#order-document: unknown fields are kept, not refused).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

export type Scheme = 'A' | 'B';

/** Which front door a request came through; decides the auth scheme and the endpoint table. */
export type Family = 'box' | 'gatewaySiteFlow' | 'siteFlow' | 'orderService';

export interface Account {
	_id: string;
	name: string;
	type: 'brand' | 'psp';
	displayName?: string;
}

export interface CredentialRecord {
	/** The key (scheme A) or token (scheme B); this is what logs and rate limits name. */
	id: string;
	secret: string;
	/** Account name the credential acts for. */
	account: string;
	scheme: Scheme;
	/**
	 * A Site Flow service user may act for these accounts (by name) when a request names one in
	 * `x-oneflow-account` (docs/printos-api.md#signing-site-flow). Empty for an ordinary token.
	 */
	actsFor: string[];
}

export interface TriggerInput {
	url: string;
	method?: string;
	headers?: Record<string, string>;
	events?: string[];
	template?: string;
	active?: boolean;
	name?: string;
}

export interface Trigger {
	id: string;
	name: string;
	url: string;
	method: 'POST' | 'PUT' | 'GET';
	headers: Record<string, string>;
	/** Canonical event names; empty means every event. */
	events: string[];
	template: 'default' | 'prettyJson';
	active: boolean;
	createdAt: string;
}

/** Sandbox-time delays of the production steps, in seconds. */
export interface StepDelays {
	printready: number;
	componentPrinted: number;
	shipped: number;
	errored: number;
}

export interface ApiResult {
	status: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Order-creating calls must be on disk before the client hears about them. */
	persist?: 'now' | 'soon';
}
