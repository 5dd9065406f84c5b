/** What an API handler sees. Kept apart from the router so handlers and router do not import each other. */
import type { SandboxCore } from './core';
import type { Account, ApiResult, Family, Scheme } from './types';

export interface ApiContext {
	core: SandboxCore;
	family: Family;
	scheme: Scheme;
	method: string;
	pathname: string;
	params: Record<string, string>;
	query: URLSearchParams;
	body: unknown;
	/** The account the key or token belongs to. */
	account: Account;
	credentialId: string;
	/** `http://host:port` as the client reached us, for URLs we hand out. */
	origin: string;
}

export type Handler = (context: ApiContext) => ApiResult | Promise<ApiResult>;
