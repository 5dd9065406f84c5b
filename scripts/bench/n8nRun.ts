/**
 * Running the benchmark's webhook workflows in the n8n server process and reading what they did:
 * POST to the production webhook (answered at once), wait for the finished execution on the public
 * API, and read node timings and outputs from its run data. Also: the server's memory and CPU from
 * /proc, since the server process is where the nodes run.
 */
import fs from 'node:fs';

import { publicApi, sleep } from '../lib/n8nServer';
import { procStatusKb } from './stats';

export interface N8nTarget {
	url: string;
	apiKey: string;
	pid: number;
}

export interface NodeRun {
	executionTime?: number;
	startTime?: number;
	error?: { message?: string; description?: string };
	data?: { main?: Array<Array<{ json: any; binary?: any }> | null> };
}

export interface Execution {
	id: string;
	status?: string;
	finished?: boolean;
	startedAt?: string;
	stoppedAt?: string;
	data?: { resultData: { error?: { message?: string }; runData: Record<string, NodeRun[]> } };
}

async function executionIds(target: N8nTarget, workflowId: string): Promise<Set<string>> {
	const list = await publicApi(target.url, target.apiKey, 'GET', `/executions?workflowId=${workflowId}&limit=250`);
	return new Set((list.data ?? []).map((e: { id: string | number }) => String(e.id)));
}

/** Running executions are listed too (1.x), without a stop time. */
function isDone(execution: Execution): boolean {
	return Boolean(execution.stoppedAt) && execution.status !== 'running' && execution.status !== 'new';
}

/** POSTs to a production webhook, retrying while n8n has not registered it yet (404). */
export async function callWebhook(target: N8nTarget, path: string, body: unknown): Promise<void> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const response = await fetch(`${target.url}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		const text = await response.text();
		if (response.ok) return;
		if (response.status === 404 && Date.now() < deadline) {
			await sleep(1000);
			continue;
		}
		throw new Error(`POST /webhook/${path} answered ${response.status}: ${text.slice(0, 300)}`);
	}
}

/**
 * Starts the workflow through its webhook and resolves with the finished execution, run data
 * included: waits for a new execution of the workflow, then for it to stop.
 */
export async function runWebhookWorkflow(
	target: N8nTarget,
	workflowId: string,
	path: string,
	body: unknown,
	options: { timeoutMs?: number; onWait?: () => void } = {},
): Promise<Execution> {
	const before = await executionIds(target, workflowId);
	await callWebhook(target, path, body);
	const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
	let lastNote = Date.now();
	let id: string | undefined;
	for (;;) {
		if (!id) {
			const fresh = [...(await executionIds(target, workflowId))].filter((known) => !before.has(known));
			if (fresh.length) id = fresh.sort((a, b) => Number(b) - Number(a))[0];
		}
		if (id) {
			const summary = (await publicApi(target.url, target.apiKey, 'GET', `/executions/${id}?includeData=false`).catch(
				() => undefined,
			)) as Execution | undefined;
			if (summary && isDone(summary)) return (await publicApi(target.url, target.apiKey, 'GET', `/executions/${id}?includeData=true`)) as Execution;
		}
		if (Date.now() > deadline) throw new Error(`workflow ${workflowId} did not finish within ${(options.timeoutMs ?? 600_000) / 1000}s`);
		if (options.onWait && Date.now() - lastNote > 15_000) {
			lastNote = Date.now();
			options.onWait();
		}
		await sleep(500);
	}
}

export function nodeRun(execution: Execution, nodeName: string): NodeRun | undefined {
	return execution.data?.resultData.runData[nodeName]?.[0];
}

export function nodeItems(execution: Execution, nodeName: string): Array<{ json: any; binary?: any }> {
	return nodeRun(execution, nodeName)?.data?.main?.[0] ?? [];
}

export function executionError(execution: Execution): string | undefined {
	const error = execution.data?.resultData.error;
	if (error) return error.message ?? 'error';
	if (execution.status && execution.status !== 'success') return `execution status ${execution.status}`;
	return undefined;
}

/** An item the node turned into an error item ("continue on fail"). */
export function isErrorItem(item: { json: any }): boolean {
	return item.json && typeof item.json === 'object' && 'error' in item.json;
}

// ---- /proc ----------------------------------------------------------------------------------

export interface Memory {
	rssKb: number;
	hwmKb: number;
}

export function readMemory(pid: number): Memory {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	return { rssKb: procStatusKb(status, 'VmRSS') ?? 0, hwmKb: procStatusKb(status, 'VmHWM') ?? 0 };
}

/** Resets the process's peak RSS (VmHWM) to its current RSS; false where the kernel refuses. */
export function resetPeak(pid: number): boolean {
	try {
		fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
		return true;
	} catch {
		return false;
	}
}

/** Samples VmRSS every `everyMs` until stopped; the peak is the larger of the samples and VmHWM. */
export class MemorySampler {
	private peakKb = 0;
	private timer: NodeJS.Timeout | undefined;
	readonly baseline: Memory;
	readonly hwmReset: boolean;
	samples = 0;

	constructor(
		private readonly pid: number,
		everyMs = 50,
	) {
		this.hwmReset = resetPeak(pid);
		this.baseline = readMemory(pid);
		this.peakKb = this.baseline.rssKb;
		this.timer = setInterval(() => this.sample(), everyMs);
	}

	private sample(): void {
		try {
			const memory = readMemory(this.pid);
			this.samples++;
			this.peakKb = Math.max(this.peakKb, memory.rssKb, this.hwmReset ? memory.hwmKb : 0);
		} catch {
			// process gone; the caller notices
		}
	}

	stop(): { baselineKb: number; peakKb: number; growthKb: number; samples: number; hwmReset: boolean } {
		if (this.timer) clearInterval(this.timer);
		this.timer = undefined;
		this.sample();
		return {
			baselineKb: this.baseline.rssKb,
			peakKb: this.peakKb,
			growthKb: this.peakKb - this.baseline.rssKb,
			samples: this.samples,
			hwmReset: this.hwmReset,
		};
	}
}

/** CPU ticks (user + system) the process has used so far. */
export function cpuTicks(pid: number): number {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	// fields after the command name, which is in parentheses and may hold spaces
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return Number(fields[11]) + Number(fields[12]);
}

/** Waits until the process uses under `maxShare` of one core over `windowMs` (backlog drained). */
export async function waitForIdle(pid: number, { windowMs = 1000, maxShare = 0.1, timeoutMs = 120_000 } = {}): Promise<void> {
	const ticksPerSecond = 100;
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const before = cpuTicks(pid);
		await sleep(windowMs);
		const used = (cpuTicks(pid) - before) / ticksPerSecond;
		if (used / (windowMs / 1000) < maxShare) return;
	}
}
