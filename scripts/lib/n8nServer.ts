/**
 * `n8n start` for an instance, and the REST calls that make a fresh instance usable headlessly:
 * owner setup (no environment variable skips it), login, an API key for /api/v1.
 */
import fs from 'node:fs';

import { info } from './log';
import { baseUrl, logFile, n8nCommand, n8nEnv, type N8nInstance } from './n8nEnv';
import { startProcess, tail, type ManagedProcess } from './processes';

export interface N8nServer {
	url: string;
	proc: ManagedProcess;
	stop(): Promise<void>;
}

export async function sleep(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns a value other than undefined. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number, everyMs = 500): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	while (Date.now() < deadline) {
		try {
			const value = await check();
			if (value !== undefined) return value;
		} catch (error) {
			lastError = error;
		}
		await sleep(everyMs);
	}
	throw new Error(`Timed out after ${timeoutMs / 1000}s waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}`);
}

/**
 * Starts n8n and resolves once the editor and webhooks are up. 1.x answers /healthz/readiness
 * before webhooks are mounted, so the log line "Editor is now accessible" is the signal.
 */
export async function startN8nServer(instance: N8nInstance, options: { echoPrefix?: string; timeoutMs?: number } = {}): Promise<N8nServer> {
	fs.mkdirSync(instance.logDir, { recursive: true });
	const [command, args] = n8nCommand(instance, ['start']);
	const proc = startProcess(`n8n ${instance.install.version}`, command, args, {
		env: n8nEnv(instance),
		cwd: instance.userFolder,
		logFile: logFile(instance, `n8n-${instance.install.version}`),
		echoPrefix: options.echoPrefix,
	});
	const url = baseUrl(instance);
	await proc.waitForOutput(/Editor is now accessible/, options.timeoutMs ?? 180_000);
	await waitFor(
		'n8n readiness',
		async () => ((await fetch(`${url}/healthz/readiness`)).ok ? true : undefined),
		30_000,
	);
	return { url, proc, stop: () => proc.stop() };
}

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

/** n8n binds its auth cookie to a browser id; send the same one on every call. */
const BROWSER_ID = 'printos-scripts';

export class N8nSession {
	constructor(
		readonly url: string,
		private cookie = '',
	) {}

	async request(method: string, path: string, body?: unknown): Promise<any> {
		const response = await fetch(`${this.url}${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': BROWSER_ID,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.get('set-cookie');
		const auth = setCookie?.match(/n8n-auth=[^;]+/);
		if (auth) this.cookie = auth[0];
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
		const json = text ? JSON.parse(text) : {};
		// The internal REST API wraps results in { data }.
		return json && typeof json === 'object' && 'data' in json ? json.data : json;
	}

	get authCookie(): string {
		return this.cookie;
	}
}

/** Creates the owner on a fresh instance, or logs in when it already has one. */
export async function ensureOwner(url: string, owner: Owner): Promise<N8nSession> {
	const session = new N8nSession(url);
	const settings = await session.request('GET', '/rest/settings');
	const needsSetup = settings?.userManagement?.showSetupOnFirstLoad;
	if (needsSetup) {
		await session.request('POST', '/rest/owner/setup', owner);
		info(`Created the n8n owner account ${owner.email}`);
	} else {
		await login(session, owner);
	}
	return session;
}

export async function login(session: N8nSession, owner: Pick<Owner, 'email' | 'password'>): Promise<void> {
	// 1.x names the field "email", 2.x "emailOrLdapLoginId"; both accept being sent both.
	await session.request('POST', '/rest/login', {
		email: owner.email,
		emailOrLdapLoginId: owner.email,
		password: owner.password,
	});
}

/** An API key for the public API (/api/v1), with every scope the owner may grant. */
export async function createApiKey(session: N8nSession, label = `printos-scripts-${Date.now()}`): Promise<string> {
	let scopes: string[] | undefined;
	try {
		scopes = await session.request('GET', '/rest/api-keys/scopes');
	} catch {
		// Older versions have no scopes.
	}
	const created = await session.request('POST', '/rest/api-keys', { label, expiresAt: null, ...(scopes ? { scopes } : {}) });
	const key = created.rawApiKey ?? created.apiKey;
	if (!key) throw new Error(`n8n did not return an API key: ${JSON.stringify(created).slice(0, 200)}`);
	return key;
}

/** Calls the public API. */
export async function publicApi(url: string, apiKey: string, method: string, path: string, body?: unknown): Promise<any> {
	const response = await fetch(`${url}/api/v1${path}`, {
		method,
		headers: { 'X-N8N-API-KEY': apiKey, 'content-type': 'application/json', accept: 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} /api/v1${path} answered ${response.status}: ${text.slice(0, 500)}`);
	return text ? JSON.parse(text) : {};
}

export function serverLogTail(server: N8nServer, lines = 40): string {
	return tail(server.proc.output(), lines);
}
