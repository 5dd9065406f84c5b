/**
 * The sandbox's view of a run. Its request log is bounded (5,000 entries), so a run of 6,000+
 * requests is collected by polling during the run and merging the overlapping windows.
 */
import type { Sandbox } from '../lib/sandbox';
import { mergeLogWindow, type LogEntry } from './stats';

const LOG_LIMIT = 5000;

export interface SandboxStats {
	requests: number;
	byStatus: Record<string, number>;
	throttled: number;
	faultsInjected: number;
	perMinute: Array<{ minute: string; requests: number; throttled: number }>;
}

export class RequestLogCollector {
	readonly entries: LogEntry[] = [];
	gaps = 0;
	private timer: NodeJS.Timeout | undefined;
	private polling: Promise<void> = Promise.resolve();

	constructor(private readonly sandbox: Sandbox) {}

	start(everyMs = 10_000): void {
		this.timer = setInterval(() => {
			this.polling = this.polling.then(() => this.poll()).catch(() => undefined);
		}, everyMs);
	}

	private async poll(): Promise<void> {
		const stats: SandboxStats = await this.sandbox.admin('GET', 'stats');
		const unseen = stats.requests - this.entries.length;
		if (unseen <= 0) return;
		const limit = Math.min(LOG_LIMIT, unseen + 200);
		const { requests } = await this.sandbox.admin('GET', `requests?limit=${limit}`);
		const { overlapped } = mergeLogWindow(this.entries, requests as LogEntry[]);
		if (!overlapped) this.gaps++;
	}

	async stop(): Promise<LogEntry[]> {
		if (this.timer) clearInterval(this.timer);
		this.timer = undefined;
		await this.polling;
		await this.poll();
		return this.entries;
	}
}

/** Clears the sandbox's log and statistics, and its rate-limit windows, keeping the given faults. */
export async function freshSandboxWindow(sandbox: Sandbox, faults: { latencyMs: number; rateLimit: number }): Promise<void> {
	await sandbox.admin('DELETE', 'faults');
	await sandbox.admin('POST', 'faults', { latencyMs: faults.latencyMs, rateLimit: { perMinute: faults.rateLimit } });
	await sandbox.admin('DELETE', 'requests');
}
