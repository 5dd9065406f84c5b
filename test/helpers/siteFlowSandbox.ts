/**
 * Runs the Site Flow node against a real sandbox over HTTP: one sandbox per test file, reset before
 * each test, and the node run through n8n's real execution engine with either credential.
 */
import { createHash } from 'crypto';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { PrintOsSiteFlow } from '../../nodes/PrintOs/SiteFlow/PrintOsSiteFlow.node';
import { resetPacers } from '../../nodes/PrintOs/transport/pacer';
import { startSandbox, type RequestEntry, type Sandbox } from '../../sandbox';
import { runNode, type RunNodeOptions, type RunNodeResult } from '../harness/n8nRun';

export type Auth = 'siteFlowApi' | 'printOsApi';
export const BOTH_AUTHS: Auth[] = ['siteFlowApi', 'printOsApi'];
export const SANDBOX_SECRET = 'sandbox-secret';

const node = new PrintOsSiteFlow();

export interface RunOptions {
	auth?: Auth;
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	/** n8n's Settings → On Error. */
	onError?: RunNodeOptions['onError'];
	/** Replaces the credential's secret, e.g. to provoke a 401. */
	secret?: string;
	/** Replaces other credential fields, e.g. a service user's token and Service User Account ID. */
	credentials?: IDataObject;
}

export interface SiteFlowHarness {
	sandbox: () => Sandbox;
	run: (parameters: IDataObject, options?: RunOptions) => Promise<RunNodeResult>;
	/** API requests the sandbox received (upload PUTs are logged too; filter them where only API calls count). */
	apiRequests: () => RequestEntry[];
}

/** Registers beforeAll/beforeEach/afterAll for the calling test file. */
export function useSiteFlowSandbox(): SiteFlowHarness {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0 });
	});
	beforeEach(() => {
		sandbox?.reset();
		resetPacers();
	});
	afterAll(async () => {
		await sandbox?.close();
	});
	const current = () => {
		if (!sandbox) throw new Error('sandbox not started');
		return sandbox;
	};
	return {
		sandbox: current,
		run: async (parameters, options = {}) => {
			const auth = options.auth ?? 'siteFlowApi';
			const data = { ...current().credentialData()[auth], ...(options.credentials ?? {}) };
			if (options.secret !== undefined) data.secret = options.secret;
			const { requestOptions, ...rest } = parameters;
			return await runNode({
				nodeType: node,
				parameters: {
					authentication: auth,
					...rest,
					// short backoff so retry tests stay fast; the rules are unchanged
					requestOptions: { retryBaseMs: 5, ...((requestOptions as IDataObject | undefined) ?? {}) },
				},
				credentials: { [auth]: data },
				items: options.items,
				continueOnFail: options.continueOnFail,
				onError: options.onError,
			});
		},
		apiRequests: () => current().requests(1000),
	};
}

export function sha256(bytes: Buffer): string {
	// latin1 maps bytes 1:1 (and sidesteps the Buffer/Uint8Array typing clash of this TS and @types/node)
	return createHash('sha256').update(bytes.toString('latin1'), 'latin1').digest('hex');
}

/** An input item carrying a file as n8n keeps it in memory. */
export function itemWithFile(bytes: Buffer, fileName: string, json: IDataObject = {}, property = 'data'): INodeExecutionData {
	return {
		json,
		binary: { [property]: { data: bytes.toString('base64'), mimeType: 'application/pdf', fileName, fileSize: String(bytes.length) } },
	};
}

/** A small but real-looking PDF, different per seed. */
export function pdfBytes(seed: string, size = 4096): Buffer {
	const head = `%PDF-1.4\n% ${seed}\n`;
	const filler = seed.repeat(Math.ceil(size / Math.max(1, seed.length)));
	return Buffer.from(`${head}${filler}`.slice(0, Math.max(size, head.length)), 'latin1');
}

/** Everything the run produced, as text, to look for secrets in. */
export function everything(result: RunNodeResult): string {
	return JSON.stringify({
		items: result.items,
		error: result.error,
		message: result.error?.message,
		description: result.error?.description,
		run: result.run,
	});
}

export function expectNoSecret(result: RunNodeResult, secret = SANDBOX_SECRET) {
	expect(everything(result)).not.toContain(secret);
}
