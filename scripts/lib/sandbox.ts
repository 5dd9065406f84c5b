/**
 * The PrintOS sandbox as a child process (its CLI contract: `sandbox/cli.ts --port N` prints
 * "PrintOS sandbox listening on <url> (order service on <url>)"), plus its admin JSON API under /_sandbox/.
 * A child process rather than the in-process API: n8n must reach it over HTTP anyway, and a
 * separate process group is stopped like every other process.
 */
import path from 'node:path';

import { repoRoot } from './paths';
import { startProcess, type ManagedProcess } from './processes';

export interface SandboxOptions {
	port: number;
	/** The order service's own port; default 0 (a free one, announced in the start-up line). */
	orderServicePort?: number;
	/** Run the production clock in real time (npm start); tests stop it and advance it by hand. */
	realtime?: boolean;
	/** Persist the sandbox's state in this file. */
	dataFile?: string;
	/** Where to post postbacks. */
	triggerUrl?: string;
	/** Don't print a line per API request (the log file still gets the startup lines). */
	quiet?: boolean;
	logFile?: string;
	echoPrefix?: string;
}

export class Sandbox {
	constructor(
		readonly url: string,
		/** The order service on its own port: `http://127.0.0.1:<port>/api` (paths as orders.oneflow.io). */
		readonly orderServiceUrl: string,
		readonly proc: ManagedProcess,
	) {}

	/** Calls the admin API: admin('POST', 'clock/advance', { seconds: 60 }). */
	async admin(method: string, adminPath: string, body?: unknown): Promise<any> {
		const response = await fetch(`${this.url}/_sandbox/${adminPath.replace(/^\//, '')}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`sandbox ${method} /_sandbox/${adminPath} answered ${response.status}: ${text.slice(0, 300)}`);
		return text ? JSON.parse(text) : undefined;
	}

	stop(): Promise<void> {
		return this.proc.stop();
	}
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
	const args = [path.join(repoRoot, 'sandbox', 'cli.ts'), '--port', String(options.port), '--order-service-port', String(options.orderServicePort ?? 0)];
	if (!options.realtime) args.push('--frozen-clock');
	if (options.dataFile) args.push('--data', options.dataFile);
	if (options.triggerUrl) args.push('--trigger', options.triggerUrl);
	if (options.quiet) args.push('--quiet');
	const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
	const proc = startProcess('sandbox', tsx, args, {
		cwd: repoRoot,
		logFile: options.logFile,
		echoPrefix: options.echoPrefix,
	});
	const match = await proc.waitForOutput(/PrintOS sandbox listening on (http:\/\/\S+) \(order service on (http:\/\/\S+)\)/, 60_000);
	return new Sandbox(match[1].replace(/\/$/, ''), match[2].replace(/\/$/, ''), proc);
}

/** The sandbox's seeded accounts (sandbox README), as credential data for n8n. */
export function sandboxCredentialData(sandboxUrl: string, orderServiceUrl: string) {
	return {
		printOsApi: {
			key: 'sandbox-key',
			secret: 'sandbox-secret',
			environment: 'custom',
			baseUrl: sandboxUrl,
			algorithm: 'SHA256',
		},
		siteFlowApi: {
			token: 'sandbox-token',
			secret: 'sandbox-secret',
			environment: 'custom',
			baseUrl: `${sandboxUrl}/api`,
			orderServiceUrl,
			accountId: '',
			algorithm: 'SHA256',
		},
	};
}

/**
 * Points the sandbox's postback trigger at an n8n webhook, sending the header token the trigger
 * workflow's credential expects (as a PSP would set it up in Site Flow's trigger UI).
 */
export async function configurePostbacks(sandbox: Sandbox, url: string, headers: Record<string, string>): Promise<void> {
	await sandbox.admin('POST', 'triggers', { url, method: 'POST', headers: { 'content-type': 'application/json', ...headers } });
}
