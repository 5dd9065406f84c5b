/**
 * The sandbox's world: configuration, catalogue, stored state and the services that act on it.
 * Servers, admin routes and the programmatic API all go through one core.
 */
import { rmSync } from 'fs';

import { SandboxClock, Scheduler, type Task } from './clock';
import { Faults } from './faults';
import { Lifecycle } from './lifecycle';
import { Persistence } from './persistence';
import { normaliseTrigger, Postbacks } from './postbacks';
import { RequestLog } from './requestLog';
import { buildCatalogue, readSeedFile, type Catalogue, type SeedData } from './seed';
import { Store, type SubmissionError, type UploadRecord } from './store';
import type { Json, StepDelays, Trigger, TriggerInput } from './types';
import { Uploads } from './uploads';
import { Downloads } from './downloads';

export interface SandboxOptions {
	/** 0 picks a free port. Default 4010. */
	port?: number;
	/** The order service's own port (it serves `/api/order` like orders.oneflow.io). Default: port + 1, or a free one when port is 0. */
	orderServicePort?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Persist state to this JSON file across restarts. */
	dataFile?: string;
	/** Extra seed data: an object, a path to a JSON file, or a list of either. */
	seed?: SeedData | string | Array<SeedData | string>;
	/** Extra gateway keys / Site Flow tokens (same as `--key k:s` / `--token t:s`). */
	keys?: Array<{ key: string; secret: string; account?: string }>;
	tokens?: Array<{ token: string; secret: string; account?: string }>;
	triggers?: TriggerInput[];
	/** Requests per calendar minute per key/token; 0 disables. Default 3000. */
	rateLimitPerMinute?: number;
	/** Allowed distance of the signed date from the server clock. Default 900 (15 minutes). */
	maxSkewSeconds?: number;
	allowGatewaySha1?: boolean;
	realtime?: boolean;
	speed?: number;
	/** Production step delays in sandbox seconds. */
	delays?: Partial<StepDelays>;
	/** Where uploads above `keepBytesLimit` are written; without it they are only hashed. */
	uploadDir?: string;
	keepBytesLimit?: number;
	postbackTimeoutMs?: number;
	requestLogLimit?: number;
	bodyLimitBytes?: number;
}

export interface SandboxConfig {
	port: number;
	orderServicePort?: number;
	host: string;
	dataFile?: string;
	rateLimitPerMinute: number;
	maxSkewSeconds: number;
	allowGatewaySha1: boolean;
	realtime: boolean;
	speed: number;
	delays: StepDelays;
	uploadDir?: string;
	keepBytesLimit: number;
	postbackTimeoutMs: number;
	requestLogLimit: number;
	bodyLimitBytes: number;
}

export const DEFAULT_DELAYS: StepDelays = { printready: 30, componentPrinted: 60, shipped: 120, errored: 12 * 3600 };

export function resolveConfig(options: SandboxOptions): SandboxConfig {
	return {
		port: options.port ?? 4010,
		orderServicePort: options.orderServicePort,
		host: options.host ?? '127.0.0.1',
		dataFile: options.dataFile,
		rateLimitPerMinute: options.rateLimitPerMinute ?? 3000,
		maxSkewSeconds: options.maxSkewSeconds ?? 900,
		allowGatewaySha1: options.allowGatewaySha1 ?? false,
		realtime: options.realtime ?? false,
		speed: options.speed ?? 1,
		delays: { ...DEFAULT_DELAYS, ...(options.delays ?? {}) },
		uploadDir: options.uploadDir,
		keepBytesLimit: options.keepBytesLimit ?? 16 * 1024 * 1024,
		postbackTimeoutMs: options.postbackTimeoutMs ?? 10_000,
		requestLogLimit: options.requestLogLimit ?? 5000,
		bodyLimitBytes: options.bodyLimitBytes ?? 20 * 1024 * 1024,
	};
}

function seedList(options: SandboxOptions): SeedData[] {
	const raw = options.seed === undefined ? [] : Array.isArray(options.seed) ? options.seed : [options.seed];
	const seeds = raw.map((entry) => (typeof entry === 'string' ? readSeedFile(entry) : entry));
	seeds.push({ keys: options.keys ?? [], tokens: options.tokens ?? [], triggers: options.triggers ?? [] });
	return seeds;
}

type PersistedUpload = Omit<UploadRecord, 'bytes'> & { bytes?: string };

interface PersistedState {
	version: 1;
	savedAt: string;
	clockMs: number;
	tasks: Task[];
	orders: Json[];
	submissionErrors: SubmissionError[];
	submissions: Array<[string, unknown]>;
	folders: Json[];
	boxFiles: Json[];
	contacts: Json[];
	uploads: PersistedUpload[];
	triggers: Trigger[];
	generatedCount: number;
}

export class SandboxCore {
	readonly catalogue: Catalogue;
	readonly store = new Store();
	readonly clock = new SandboxClock();
	readonly scheduler = new Scheduler();
	readonly lifecycle = new Lifecycle(this);
	readonly postbacks = new Postbacks(this);
	readonly uploads = new Uploads(this);
	readonly downloads = new Downloads(this);
	readonly faults: Faults;
	readonly requests: RequestLog;
	readonly persistence?: Persistence;
	/** Set once the servers listen. */
	baseUrl = '';
	/** The order service's base URL, on its own port: `http://host:port/api`. */
	orderServiceUrl = '';
	private ticker: NodeJS.Timeout | null = null;

	constructor(
		readonly config: SandboxConfig,
		options: SandboxOptions = {},
	) {
		this.catalogue = buildCatalogue(seedList(options));
		this.faults = new Faults(config.rateLimitPerMinute);
		this.requests = new RequestLog(config.requestLogLimit);
		if (config.dataFile) this.persistence = new Persistence(config.dataFile, () => this.snapshot());
		const saved = this.persistence?.load() as PersistedState | undefined;
		if (saved) this.restore(saved);
		else this.reset(false);
		this.setRealtime(config.realtime, config.speed);
	}

	/** Something changed: persist it soon. */
	changed(): void {
		this.persistence?.soon();
	}

	async flushNow(): Promise<void> {
		await this.persistence?.flush();
	}

	reset(keepTriggers: boolean): void {
		const triggers = this.store.triggers;
		for (const upload of this.store.uploads.values()) if (upload.filePath) rmSync(upload.filePath, { force: true });
		this.store.clear();
		this.scheduler.clear();
		this.clock.restore(Date.now());
		for (const contact of this.catalogue.contacts) this.store.contacts.set(contact._id, structuredClone(contact));
		this.store.triggers = keepTriggers ? triggers : this.catalogue.triggers.map((input) => normaliseTrigger(input));
		this.postbacks.clearLog();
		this.faults.clear();
		this.requests.clear();
		this.changed();
	}

	setRealtime(enabled: boolean, speed?: number): void {
		this.clock.setRealtime(enabled, speed);
		if (this.ticker) clearInterval(this.ticker);
		this.ticker = null;
		if (!enabled) return;
		this.ticker = setInterval(() => this.lifecycle.runDue(this.clock.now(), false), 250);
		this.ticker.unref();
	}

	/** Moves the sandbox clock and runs every step that falls due; resolves after their postbacks were attempted. */
	async advance(seconds: number): Promise<{ now: string; ran: number }> {
		const ran = this.lifecycle.runDue(this.clock.now() + Math.max(0, seconds) * 1000, true);
		await this.postbacks.idle();
		return { now: this.clock.iso(), ran };
	}

	/** Where each service answers, for the start-up line, `GET /` and the admin API. */
	urls(): Json {
		return {
			gateway: { box: `${this.baseUrl}/box/api`, siteFlow: `${this.baseUrl}/siteflow/api` },
			siteFlow: { api: `${this.baseUrl}/api`, orderService: this.orderServiceUrl },
			admin: `${this.baseUrl}/_sandbox/state`,
		};
	}

	counts(): Json {
		const byStatus: Record<string, number> = {};
		for (const order of this.store.orders) byStatus[order.orderData.status] = (byStatus[order.orderData.status] ?? 0) + 1;
		return {
			orders: this.store.orders.length,
			ordersByStatus: byStatus,
			submissionErrors: this.store.submissionErrors.length,
			folders: this.store.folders.size,
			files: this.store.boxFiles.size,
			contacts: this.store.contacts.size,
			uploads: this.store.uploads.size,
			triggers: this.store.triggers.length,
			postbacks: this.postbacks.log.length,
			requests: this.requests.size,
			scheduledTasks: this.scheduler.size,
			clock: this.clock.iso(),
		};
	}

	async close(): Promise<void> {
		if (this.ticker) clearInterval(this.ticker);
		this.ticker = null;
		this.requests.endDelays();
		if (this.persistence) {
			await this.persistence.drain();
			this.persistence.flushSync();
			this.persistence.close();
		}
	}

	private snapshot(): PersistedState {
		const store = this.store;
		return {
			version: 1,
			savedAt: new Date().toISOString(),
			clockMs: this.clock.now(),
			tasks: this.scheduler.toJSON(),
			orders: store.orders,
			submissionErrors: store.submissionErrors,
			submissions: [...store.submissions.entries()],
			folders: [...store.folders.values()],
			boxFiles: [...store.boxFiles.values()],
			contacts: [...store.contacts.values()],
			uploads: [...store.uploads.values()].map(({ bytes, ...rest }) => ({ ...rest, ...(bytes ? { bytes: bytes.toString('base64') } : {}) })),
			triggers: store.triggers,
			generatedCount: store.generatedCount,
		};
	}

	private restore(saved: PersistedState): void {
		if (saved.version !== 1) throw new Error(`Unsupported sandbox data file version ${String(saved.version)}`);
		const store = this.store;
		store.clear();
		for (const order of saved.orders ?? []) store.addOrder(order);
		store.submissionErrors = saved.submissionErrors ?? [];
		for (const [id, payload] of saved.submissions ?? []) store.submissions.set(id, payload);
		for (const folder of saved.folders ?? []) store.folders.set(folder._id, folder);
		for (const file of saved.boxFiles ?? []) store.boxFiles.set(file._id, file);
		for (const contact of saved.contacts ?? []) store.contacts.set(contact._id, contact);
		for (const upload of saved.uploads ?? []) {
			store.uploads.set(upload.id, { ...upload, bytes: upload.bytes ? Buffer.from(upload.bytes, 'base64') : undefined });
		}
		store.triggers = saved.triggers ?? [];
		store.generatedCount = saved.generatedCount ?? 0;
		this.scheduler.load(saved.tasks ?? []);
		this.clock.restore(saved.clockMs ?? Date.now());
	}
}
