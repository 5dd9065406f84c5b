/**
 * Programmatic entry point: `const sandbox = await startSandbox({ port: 0 })` in a test, then
 * `sandbox.url`, the admin helpers below, and `await sandbox.close()`. Dev-only: the published
 * package never imports this folder.
 */
import type { AdminApi } from './admin';
import { resolveConfig, SandboxCore, type SandboxOptions } from './core';
import type { FaultState } from './faults';
import type { Delivery } from './postbacks';
import type { RequestEntry } from './requestLog';
import { SANDBOX_CREDENTIALS } from './seed';
import { listen } from './server';
import type { SubmissionError } from './store';
import type { Json, Trigger, TriggerInput } from './types';

export { SANDBOX_CREDENTIALS } from './seed';
export type { SeedData } from './seed';
export type { SandboxOptions } from './core';
export type { FaultState } from './faults';
export type { Delivery } from './postbacks';
export type { RequestEntry } from './requestLog';
export type { Trigger, TriggerInput, StepDelays } from './types';

export type UploadInfo = ReturnType<AdminApi['upload']>;
export type ClockInfo = ReturnType<AdminApi['clock']>;

export interface Sandbox {
	/** `http://127.0.0.1:<port>`: the gateway root; Site Flow is `${url}/api`. */
	url: string;
	port: number;
	/** The order service on its own port, `http://127.0.0.1:<port>/api`, serving `/api/order` as orders.oneflow.io does. */
	orderServiceUrl: string;
	credentials: typeof SANDBOX_CREDENTIALS;
	/** Credential data for n8n's custom environment, as the README describes it. */
	credentialData(): { printOsApi: Json; siteFlowApi: Json };
	close(): Promise<void>;
	reset(options?: { keepTriggers?: boolean }): Json;
	state(): Json;
	clock(): ClockInfo;
	/** Runs every production step due within `seconds` and waits for their postbacks. */
	advance(seconds: number): Promise<ClockInfo & { ran: number }>;
	setRealtime(enabled: boolean, speed?: number): ClockInfo;
	addTrigger(trigger: TriggerInput): Trigger;
	triggers(): Trigger[];
	removeTrigger(id: string): void;
	postbacks(): Delivery[];
	forceEvent(orderId: string, event: string, extra?: Json): Promise<{ order: Json; deliveries: Delivery[] }>;
	requests(limit?: number): RequestEntry[];
	clearRequests(): void;
	stats(): ReturnType<AdminApi['stats']>;
	orders(filter?: { status?: string; sourceOrderId?: string }): Json[];
	order(id: string): Json | undefined;
	submissionErrors(): SubmissionError[];
	generateOrders(count: number, options?: { status?: string | string[]; account?: string }): Promise<Json>;
	uploads(): UploadInfo[];
	upload(id: string): UploadInfo;
	faults(): FaultState;
	setFaults(faults: Json): FaultState;
	clearFaults(): FaultState;
	/** Waits until state is on disk (with `dataFile`). */
	flush(): Promise<void>;
}

/** Copies, so a test cannot change the sandbox's state by mutating what it was handed. */
function copy<T>(value: T): T {
	return structuredClone(value);
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const core = new SandboxCore(resolveConfig({ port: 0, ...options }), options);
	const running = await listen(core);
	const admin = running.admin;
	return {
		url: running.url,
		port: running.port,
		orderServiceUrl: running.orderServiceUrl,
		credentials: SANDBOX_CREDENTIALS,
		credentialData: () => ({
			printOsApi: { ...SANDBOX_CREDENTIALS.gateway, environment: 'custom', baseUrl: running.url, algorithm: 'SHA256' },
			siteFlowApi: {
				...SANDBOX_CREDENTIALS.siteFlow,
				environment: 'custom',
				baseUrl: `${running.url}/api`,
				orderServiceUrl: running.orderServiceUrl,
				algorithm: 'SHA256',
			},
		}),
		close: () => running.close(),
		reset: (resetOptions = {}) => admin.reset(resetOptions),
		state: () => admin.state(),
		clock: () => admin.clock(),
		advance: (seconds) => admin.advance(seconds),
		setRealtime: (enabled, speed) => admin.realtime({ enabled, speed }),
		addTrigger: (trigger) => copy(admin.addTrigger(trigger)),
		triggers: () => copy(admin.triggers().triggers),
		removeTrigger: (id) => {
			admin.removeTrigger(id);
		},
		postbacks: () => copy(admin.postbacks().postbacks),
		forceEvent: async (orderId, event, extra = {}) => copy(await admin.forceEvent(orderId, { ...extra, event })),
		requests: (limit) => copy(admin.requests(limit ?? 100).requests),
		clearRequests: () => {
			admin.clearRequests();
		},
		stats: () => admin.stats(),
		orders: (filter = {}) => copy(admin.orders(filter).orders),
		order: (id) => {
			const order = core.store.order(id);
			return order ? copy(order) : undefined;
		},
		submissionErrors: () => copy(admin.submissionErrors().submissionErrors),
		generateOrders: (count, generateOptions = {}) => admin.generateOrders({ ...generateOptions, count }),
		uploads: () => admin.uploads().uploads,
		upload: (id) => admin.upload(id),
		faults: () => copy(admin.faults()),
		setFaults: (faults) => copy(admin.setFaults(faults)),
		clearFaults: () => copy(admin.clearFaults()),
		flush: () => core.flushNow(),
	};
}
