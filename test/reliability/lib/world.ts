/**
 * One reliability "world": a sandbox with credentials of its own (random secrets, so a secret found
 * anywhere can only have come from this run), the node types, and runs of our nodes inside
 * n8n-core's real WorkflowExecute (test/harness/n8nRun.ts). Every run is recorded for the secret scan:
 * the signatures the credential classes produced, the errors the node threw (the instances, before
 * n8n copies them into the run data), the run data itself and console output.
 *
 * The sandbox is started from its core rather than through `startSandbox`, because the duplicate
 * count needs its store (folders, files and contacts by name have no admin listing).
 */
import { randomBytes } from 'crypto';

import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeType,
} from 'n8n-workflow';

import { PrintOsBox } from '../../../nodes/PrintOs/Box/PrintOsBox.node';
import { PrintOsSiteFlow } from '../../../nodes/PrintOs/SiteFlow/PrintOsSiteFlow.node';
import { resetPacers } from '../../../nodes/PrintOs/transport/pacer';
import type { AdminApi } from '../../../sandbox/admin';
import { resolveConfig, SandboxCore, type SandboxOptions } from '../../../sandbox/core';
import { listen } from '../../../sandbox/server';
import { CREDENTIAL_TYPES, registerCredentialType, runNode, type RunNodeResult } from '../../harness/n8nRun';
import { ConsoleCapture, SecretScanner, withoutHeaders } from './secrets';

export type NodeName = 'box' | 'siteFlow';
export type Auth = 'printOsApi' | 'siteFlowApi';

export const SOURCE_ACCOUNT = 'sandbox-brand';
export const DESTINATION = 'hp.sandbox-psp';

export interface WorldCredentials {
	key: string;
	gatewaySecret: string;
	token: string;
	siteFlowSecret: string;
	postbackToken: string;
	postbackPassword: string;
}

export function randomCredentials(): WorldCredentials {
	const tag = randomBytes(4).toString('hex');
	return {
		key: `rel-key-${tag}`,
		gatewaySecret: `rel-gw-secret-${randomBytes(18).toString('hex')}`,
		token: `rel-token-${tag}`,
		siteFlowSecret: `rel-sf-secret-${randomBytes(18).toString('hex')}`,
		postbackToken: `rel-postback-${randomBytes(18).toString('hex')}`,
		postbackPassword: `rel-basic-${randomBytes(18).toString('hex')}`,
	};
}

export interface RelSandbox {
	url: string;
	port: number;
	/** The order service, on its own port (`/api/order` as on orders.oneflow.io). */
	orderServiceUrl: string;
	orderServicePort: number;
	core: SandboxCore;
	admin: AdminApi;
	close(): Promise<void>;
}

/** Same as sandbox/index.ts `startSandbox`, keeping hold of the core. */
export async function startRelSandbox(options: SandboxOptions = {}): Promise<RelSandbox> {
	const core = new SandboxCore(resolveConfig({ port: 0, ...options }), options);
	const running = await listen(core);
	return { url: running.url, port: running.port, orderServiceUrl: running.orderServiceUrl, orderServicePort: running.orderServicePort, core, admin: running.admin, close: () => running.close() };
}

export interface NodeRun {
	result: RunNodeResult;
	/** Errors the node's execute() threw, as thrown (n8n keeps only a copy in the run data). */
	thrown: Error[];
	/** A run that did not even start the node: n8n refused the workflow, or the harness broke. */
	crashed?: Error;
}

export interface RunOptions {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	/** Merged over the fast defaults (no pacing, 5 ms backoff base). */
	requestOptions?: IDataObject;
	/** Replaces the default request options entirely (bad-input runs set their own). */
	rawRequestOptions?: IDataObject;
	credentialOverride?: Partial<Record<Auth, ICredentialDataDecryptedObject>>;
}

/** Fast defaults for fault runs: the retry rules are unchanged, only the waits are short. */
export const FAST_REQUEST_OPTIONS: IDataObject = { pacePerMinute: 0, retryBaseMs: 5 };

const errorSink: { errors: Error[] } = { errors: [] };

/** The node, with its thrown errors recorded before n8n turns them into run data. */
function recording(real: INodeType): INodeType {
	const wrapper = Object.create(real) as INodeType;
	wrapper.execute = async function (this: IExecuteFunctions) {
		try {
			return await (real.execute as (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>).call(this);
		} catch (error) {
			errorSink.errors.push(error as Error);
			throw error;
		}
	};
	return wrapper;
}

export const NODE_TYPES: Record<NodeName, INodeType> = {
	box: recording(new PrintOsBox()),
	siteFlow: recording(new PrintOsSiteFlow()),
};

type Authenticate = (credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions) => Promise<IHttpRequestOptions>;

/** How signing behaves for the next requests: recorded always; with a clock offset when set. */
const signing = { offsetMs: 0, onSignature: undefined as ((signature: string) => void) | undefined };

/** Runs `fn` with `Date` (and `Date.now`) shifted by `offsetMs`. Only for the synchronous signing step. */
function withDateOffset<T>(offsetMs: number, fn: () => T): T {
	if (!offsetMs) return fn();
	const RealDate = Date;
	class SkewedDate extends RealDate {
		constructor(...args: unknown[]) {
			if (args.length === 0) super(RealDate.now() + offsetMs);
			else super(...(args as [string]));
		}

		static now() {
			return RealDate.now() + offsetMs;
		}
	}
	globalThis.Date = SkewedDate as DateConstructor;
	try {
		return fn();
	} finally {
		globalThis.Date = RealDate;
	}
}

let signingInstalled = false;
/**
 * Wraps the credential classes' `authenticate` in the harness: each signature it produces is handed
 * to the world's scanner, and a clock offset (clock-skew tests) applies to the signing step only.
 * `authenticate` computes its date synchronously, so the offset never reaches anything else.
 */
function installSigningHook(): void {
	if (signingInstalled) return;
	signingInstalled = true;
	for (const name of ['printOsApi', 'siteFlowApi']) {
		const original = CREDENTIAL_TYPES[name];
		const authenticate = original.authenticate as unknown as Authenticate;
		const wrapped = Object.create(original) as ICredentialType;
		(wrapped as unknown as { authenticate: Authenticate }).authenticate = (credentials, options) => {
			const signed = withDateOffset(signing.offsetMs, () => authenticate.call(original, credentials, options));
			return signed.then((result) => {
				const headers = (result.headers ?? {}) as Record<string, string>;
				for (const name of ['x-hp-hmac-authentication', 'x-oneflow-authorization']) {
					const value = headers[name];
					if (typeof value === 'string') signing.onSignature?.(value.slice(value.lastIndexOf(':') + 1));
				}
				return result;
			});
		};
		registerCredentialType(wrapped);
	}
}

export interface WorldOptions extends SandboxOptions {
	credentials?: WorldCredentials;
	/** Don't echo captured console output (the report script keeps its own console clean). */
	silentConsole?: boolean;
}

export class World {
	readonly scanner = new SecretScanner();
	readonly console = new ConsoleCapture();
	private postbacksScanned = 0;
	private constructor(
		public sandbox: RelSandbox,
		readonly credentials: WorldCredentials,
		private readonly options: WorldOptions,
	) {
		// keys and tokens are identifiers (they travel in clear beside the signature); these are the secrets
		this.scanner.addSecret('the gateway secret', credentials.gatewaySecret);
		this.scanner.addSecret('the Site Flow secret', credentials.siteFlowSecret);
		this.scanner.addSecret('the postback token', credentials.postbackToken);
		this.scanner.addSecret('the postback Basic Auth password', credentials.postbackPassword);
	}

	static async start(options: WorldOptions = {}): Promise<World> {
		installSigningHook();
		const credentials = options.credentials ?? randomCredentials();
		const sandbox = await startRelSandbox(World.sandboxOptions(options, credentials));
		const world = new World(sandbox, credentials, options);
		signing.onSignature = (signature) => world.scanner.addSignature(signature);
		world.console.start({ silent: options.silentConsole });
		resetPacers();
		return world;
	}

	private static sandboxOptions(options: WorldOptions, credentials: WorldCredentials): SandboxOptions {
		const { credentials: _c, silentConsole: _s, ...sandboxOptions } = options;
		return {
			...sandboxOptions,
			keys: [{ key: credentials.key, secret: credentials.gatewaySecret, account: SOURCE_ACCOUNT }],
			tokens: [{ token: credentials.token, secret: credentials.siteFlowSecret, account: SOURCE_ACCOUNT }],
		};
	}

	/** Stops the sandbox and starts it again from the same data file, on the same port. */
	async restartSandbox(): Promise<void> {
		const { port, orderServicePort } = this.sandbox;
		await this.sandbox.close();
		this.sandbox = await startRelSandbox(World.sandboxOptions({ ...this.options, port, orderServicePort }, this.credentials));
	}

	get url(): string {
		return this.sandbox.url;
	}

	get orderServiceUrl(): string {
		return this.sandbox.orderServiceUrl;
	}

	credentialData(auth: Auth): ICredentialDataDecryptedObject {
		const c = this.credentials;
		return auth === 'printOsApi'
			? { key: c.key, secret: c.gatewaySecret, environment: 'custom', baseUrl: this.url, algorithm: 'SHA256' }
			: {
					token: c.token,
					secret: c.siteFlowSecret,
					environment: 'custom',
					baseUrl: `${this.url}/api`,
					orderServiceUrl: this.orderServiceUrl,
					algorithm: 'SHA256',
				};
	}

	/** Signing dates shifted by `offsetMs` while `fn` runs (clock-skew tests). */
	async withClockOffset<T>(offsetMs: number, fn: () => Promise<T>): Promise<T> {
		signing.offsetMs = offsetMs;
		try {
			return await fn();
		} finally {
			signing.offsetMs = 0;
		}
	}

	async run(node: NodeName, auth: Auth, parameters: IDataObject, options: RunOptions = {}): Promise<NodeRun> {
		const requestOptions = options.rawRequestOptions ?? { ...FAST_REQUEST_OPTIONS, ...(options.requestOptions ?? {}) };
		const credentialData = options.credentialOverride?.[auth] ?? this.credentialData(auth);
		errorSink.errors = [];
		let result: RunNodeResult;
		try {
			result = await runNode({
				nodeType: NODE_TYPES[node],
				parameters: { ...(node === 'siteFlow' ? { authentication: auth } : {}), ...parameters, requestOptions },
				credentials: { [auth]: credentialData },
				items: options.items,
				continueOnFail: options.continueOnFail,
			});
		} catch (error) {
			const thrown = errorSink.errors;
			errorSink.errors = [];
			return { result: { items: [], outputs: [], run: undefined as never, error: error as RunNodeResult['error'] }, thrown, crashed: error as Error };
		}
		const thrown = errorSink.errors;
		errorSink.errors = [];
		return { result, thrown };
	}

	/**
	 * Scans one run and what the sandbox logged since the last `clearLogs`: run data, output, thrown
	 * errors (description and cause included), console output, and the request and postback logs
	 * without their headers. Returns the number of findings.
	 */
	scanRun(where: string, run: NodeRun | undefined): number {
		const before = this.scanner.findings.length;
		if (run) {
			this.scanner.scan(`${where}: node output and run data`, { items: run.result.items, run: run.result.run, error: run.result.error });
			for (const error of run.thrown) this.scanner.scan(`${where}: thrown error`, error);
			if (run.crashed) this.scanner.scan(`${where}: crash`, run.crashed);
		}
		this.scanLogs(where);
		return this.scanner.findings.length - before;
	}

	/** Console output and the sandbox logs (without headers). */
	scanLogs(where: string): void {
		this.scanner.scan(`${where}: console output`, this.console.take());
		this.scanner.scan(`${where}: sandbox request log`, this.sandbox.admin.requests(5000).requests.map(withoutHeaders));
		const postbacks = this.sandbox.core.postbacks.log;
		if (postbacks.length < this.postbacksScanned) this.postbacksScanned = 0;
		const fresh = postbacks.slice(this.postbacksScanned).map(({ requestHeaders: _headers, ...rest }) => rest);
		this.postbacksScanned = postbacks.length;
		if (fresh.length) this.scanner.scan(`${where}: sandbox postback log`, fresh);
	}

	/** Clears the request log and the request statistics. */
	clearLogs(): void {
		this.sandbox.admin.clearRequests();
	}

	async close(): Promise<void> {
		this.console.stop();
		signing.onSignature = undefined;
		await this.sandbox.close();
	}
}
