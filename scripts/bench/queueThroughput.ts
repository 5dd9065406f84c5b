/**
 * Section "queue" of `npm run bench` (issue: the account's limit holds across queue-mode workers):
 * n8n in real queue mode (scripts/lib/queueCluster.ts: PostgreSQL, Redis, a main process, three
 * workers running one job each, a webhook processor), all three workers running the benchmark's
 * Get Order workflow at the same time on ONE PrintOS account against the sandbox's 3000/min
 * limit, our node at its defaults. Each execution gets its own order ids, so the sandbox's request
 * log tells which worker sent each request (workers name the executions they start in their logs).
 * Results go to docs/benchmarks.json as `queue` and to a section of docs/benchmarks.md (docsFiles.ts).
 */
import path from 'node:path';

import { sandboxCredentials } from '../lib/credentials';
import { info } from '../lib/log';
import { activateWorkflow, importCredentials, importWorkflows } from '../lib/n8nCli';
import type { N8nInstall } from '../lib/n8nHost';
import { createApiKey, ensureOwner, publicApi, sleep } from '../lib/n8nServer';
import { installTarball, packPackage } from '../lib/packageTarball';
import { executionsStartedBy, startQueueCluster } from '../lib/queueCluster';
import type { Sandbox } from '../lib/sandbox';
import { callWebhook, executionError, isErrorItem, nodeItems, type Execution } from './n8nRun';
import { freshSandboxWindow, RequestLogCollector, type SandboxStats } from './sandboxLog';
import { steadyRate, type LogEntry } from './stats';
import { benchWorkflows, NODE, WF } from './workflows';

export const QUEUE_WORKERS = 3;

export interface QueueWorkerRun {
	worker: number | null;
	executionId: string;
	items: number;
	okItems: number;
	/** Successful requests of this execution while all executions were sending. */
	okRequestsInOverlap: number;
	firstError?: string;
}

export interface QueueResult {
	workers: number;
	/**
	 * Successful requests of all workers in the calendar minutes the run covered completely (it
	 * starts on a minute boundary; the minute it ends in is left out) ÷ (limit × those minutes).
	 */
	shareOfLimit: number | null;
	share429: number;
	successShare: number;
	/** Each worker's share of the successful requests while all were sending; equal shares are 1/workers. */
	minWorkerShare: number | null;
	maxWorkerShare: number | null;
	details: {
		n8nVersion: string;
		itemsPerWorker: number;
		latencyMs: number;
		limitPerMinute: number;
		rateLimitHeaders: boolean;
		requests: number;
		byStatus: Record<string, number>;
		overlapSeconds: number | null;
		/** Successful requests per minute between the 5th and 95th percentile of their times: above the limit when a fixed window is filled twice in a row. */
		steadyPerMinute: number | null;
		perMinute: SandboxStats['perMinute'];
		runs: QueueWorkerRun[];
		measured: string;
	};
}

export interface QueueBenchOptions {
	install: N8nInstall;
	sandbox: Sandbox;
	tmpDir: string;
	/** QUEUE_WORKERS × items per worker distinct order ids. */
	ids: string[];
	latencyMs: number;
	limitPerMinute: number;
	postbackToken: string;
	/** false: the sandbox sends no X-RateLimit headers, so the workers learn from 429s and Retry-After alone. */
	rateLimitHeaders: boolean;
	waitForNextMinute(what: string): Promise<void>;
}

const ratio = (part: number, whole: number, digits = 4) => (whole ? Math.round((part / whole) * 10 ** digits) / 10 ** digits : 0);

/** The order id a logged Get Order request asked for (`/api/order/<id>`), if it is one. */
function orderIdOf(entry: LogEntry): string | undefined {
	const match = /^\/api\/order\/([^/]+)$/.exec(entry.path);
	return entry.method === 'GET' && match ? decodeURIComponent(match[1]) : undefined;
}

/** Waits until `count` executions of the workflow have stopped, and returns them with their run data. */
async function finishedExecutions(url: string, apiKey: string, workflowId: string, count: number, timeoutMs: number, onWait: () => void): Promise<Execution[]> {
	const deadline = Date.now() + timeoutMs;
	let lastNote = Date.now();
	for (;;) {
		const list = (await publicApi(url, apiKey, 'GET', `/executions?workflowId=${workflowId}&limit=100`)).data as Execution[];
		const done = list.filter((execution) => execution.stoppedAt && !['running', 'new', 'waiting'].includes(String(execution.status)));
		if (done.length >= count) {
			return Promise.all(done.map(async (execution) => (await publicApi(url, apiKey, 'GET', `/executions/${execution.id}?includeData=true`)) as Execution));
		}
		if (Date.now() > deadline) throw new Error(`only ${done.length} of ${count} executions finished within ${timeoutMs / 1000} s`);
		if (Date.now() - lastNote > 15_000) {
			lastNote = Date.now();
			onWait();
		}
		await sleep(1000);
	}
}

/** The ids an execution was started with (the Split Out node's output). */
function idsOf(execution: Execution): string[] {
	return (execution.data?.resultData.runData[NODE.split]?.[0]?.data?.main?.[0] ?? []).map((item) => String(item.json.id));
}

export function queueFigures(
	runs: Array<{ execution: Execution; worker: number | null; ids: string[] }>,
	entries: LogEntry[],
	stats: SandboxStats,
	options: { limitPerMinute: number; itemsPerWorker: number; workers: number },
): Pick<QueueResult, 'shareOfLimit' | 'share429' | 'successShare' | 'minWorkerShare' | 'maxWorkerShare'> & {
	overlapSeconds: number | null;
	steadyPerMinute: number | null;
	runs: QueueWorkerRun[];
} {
	const runOfId = new Map<string, number>();
	runs.forEach((run, index) => run.ids.forEach((id) => runOfId.set(id, index)));
	const okTimes: number[][] = runs.map(() => []);
	for (const entry of entries) {
		const index = orderIdOf(entry) === undefined ? undefined : runOfId.get(orderIdOf(entry)!);
		if (index !== undefined && entry.status >= 200 && entry.status < 300) okTimes[index].push(Date.parse(entry.time));
	}
	// The overlap: from the last execution's first success to the first execution's last one.
	const from = Math.max(...okTimes.map((times) => (times.length ? Math.min(...times) : Infinity)));
	const to = Math.min(...okTimes.map((times) => (times.length ? Math.max(...times) : -Infinity)));
	const overlap = Number.isFinite(from) && Number.isFinite(to) && to > from;
	const inOverlap = okTimes.map((times) => (overlap ? times.filter((t) => t >= from && t <= to).length : 0));
	const overlapTotal = inOverlap.reduce((sum, n) => sum + n, 0);
	// A worker that ran no execution has a share of 0.
	const perWorker = Array.from({ length: options.workers }, (_, worker) =>
		runs.reduce((sum, run, index) => sum + (run.worker === worker ? inOverlap[index] : 0), 0),
	);
	const workerShares = overlapTotal ? perWorker.map((n) => ratio(n, overlapTotal)) : [];
	const results: QueueWorkerRun[] = runs.map((run, index) => {
		const output = nodeItems(run.execution, NODE.ours);
		const errors = output.filter(isErrorItem);
		const problem = executionError(run.execution);
		return {
			worker: run.worker === null ? null : run.worker + 1,
			executionId: String(run.execution.id),
			items: run.ids.length,
			okItems: output.length - errors.length,
			okRequestsInOverlap: inOverlap[index],
			firstError: problem ?? (errors[0] ? String(errors[0].json.error?.message ?? errors[0].json.error) : undefined),
		};
	});
	const allOk = okTimes.flat();
	const steady = steadyRate(allOk);
	const minuteOf = (ms: number) => Math.floor(ms / 60_000);
	const firstMinute = allOk.length ? minuteOf(Math.min(...allOk)) : 0;
	const lastMinute = allOk.length ? minuteOf(Math.max(...allOk)) : 0;
	const completeMinutes = lastMinute - firstMinute;
	const okInCompleteMinutes = allOk.filter((t) => minuteOf(t) < lastMinute).length;
	const okItems = results.reduce((sum, run) => sum + run.okItems, 0);
	return {
		shareOfLimit: completeMinutes > 0 ? ratio(okInCompleteMinutes, options.limitPerMinute * completeMinutes, 3) : null,
		share429: ratio(stats.byStatus['429'] ?? 0, stats.requests),
		successShare: ratio(okItems, options.itemsPerWorker * options.workers),
		minWorkerShare: workerShares.length ? Math.min(...workerShares) : null,
		maxWorkerShare: workerShares.length ? Math.max(...workerShares) : null,
		overlapSeconds: overlap ? Math.round(to - from) / 1000 : null,
		steadyPerMinute: steady ? Math.round(steady.perMinute) : null,
		runs: results,
	};
}

export async function benchQueueThroughput(options: QueueBenchOptions): Promise<QueueResult> {
	const itemsPerWorker = Math.floor(options.ids.length / QUEUE_WORKERS);
	const slices = Array.from({ length: QUEUE_WORKERS }, (_, index) => options.ids.slice(index * itemsPerWorker, (index + 1) * itemsPerWorker));
	const logDir = path.join(options.tmpDir, 'queue-logs');
	const tarball = await packPackage(path.join(options.tmpDir, 'queue-pack'));
	const getOrder = benchWorkflows(options.sandbox.url).filter((wf) => wf.id === WF.getOurs.id);
	const cluster = await startQueueCluster(options.install, {
		userFolder: path.join(options.tmpDir, 'queue-user'),
		logDir,
		workers: QUEUE_WORKERS,
		// one job per worker: three executions queued at once land on three workers
		workerConcurrency: 1,
		prepare: async (instance) => {
			await installTarball(instance.userFolder, tarball);
			await importCredentials(
				instance,
				sandboxCredentials({ sandboxUrl: options.sandbox.url, orderServiceUrl: options.sandbox.orderServiceUrl, postbackToken: options.postbackToken, smtpPort: 2525 }).filter(
					(c) => c.type !== 'smtp',
				),
			);
			await importWorkflows(instance, getOrder);
			await activateWorkflow(instance, WF.getOurs.id);
		},
	});
	try {
		const session = await ensureOwner(cluster.main.url, { email: 'bench@example.com', password: 'Bench-Passw0rd', firstName: 'Bench', lastName: 'Runner' });
		const apiKey = await createApiKey(session);
		const webhook = { url: cluster.webhook.url, apiKey, pid: 0 };
		// Warm-up: each worker loads the package and opens its connections before the clock runs.
		await freshSandboxWindow(options.sandbox, { latencyMs: options.latencyMs, rateLimit: options.limitPerMinute });
		await Promise.all(slices.map((slice) => callWebhook(webhook, WF.getOurs.path, { items: slice.slice(0, 5).map((id) => ({ id })) })));
		const warmedUp = await finishedExecutions(cluster.main.url, apiKey, WF.getOurs.id, QUEUE_WORKERS, 5 * 60_000, () => info('  ... queue: waiting for the warm-up executions'));
		const warmIds = new Set(warmedUp.map((execution) => String(execution.id)));

		await options.waitForNextMinute(`Queue mode, ${QUEUE_WORKERS} workers`);
		await freshSandboxWindow(options.sandbox, { latencyMs: options.latencyMs, rateLimit: options.limitPerMinute });
		if (!options.rateLimitHeaders) await options.sandbox.admin('POST', 'faults', { rateLimit: { perMinute: options.limitPerMinute, headers: false } });
		const collector = new RequestLogCollector(options.sandbox);
		collector.start(8000);
		const started = Date.now();
		info(`Queue mode: ${QUEUE_WORKERS} executions × ${itemsPerWorker} Get Order, started at once through the webhook processor ...`);
		let executions: Execution[];
		try {
			await Promise.all(slices.map((slice) => callWebhook(webhook, WF.getOurs.path, { items: slice.map((id) => ({ id })) })));
			const all = await finishedExecutions(cluster.main.url, apiKey, WF.getOurs.id, QUEUE_WORKERS * 2, 15 * 60_000, () =>
				info(`  ... queue: ${collector.entries.length} requests so far (${Math.round((Date.now() - started) / 1000)} s)`),
			);
			executions = all.filter((execution) => !warmIds.has(String(execution.id)));
		} finally {
			await collector.stop();
		}
		const stats: SandboxStats = await options.sandbox.admin('GET', 'stats');
		const byWorker = cluster.workers.map(executionsStartedBy);
		const runs = executions.map((execution) => {
			const worker = byWorker.findIndex((ids) => ids.has(String(execution.id)));
			return { execution, worker: worker < 0 ? null : worker, ids: idsOf(execution) };
		});
		const figures = queueFigures(runs, collector.entries, stats, { limitPerMinute: options.limitPerMinute, itemsPerWorker, workers: QUEUE_WORKERS });
		if (collector.gaps) info(`queue: the sandbox log was polled too slowly ${collector.gaps} time(s); the figures may be off`);
		info(
			`Queue mode: ${(figures.successShare * 100).toFixed(1)} % ok, ${figures.shareOfLimit === null ? '–' : (figures.shareOfLimit * 100).toFixed(1)} % of the limit, ` +
				`${(figures.share429 * 100).toFixed(2)} % 429 (${stats.requests} requests: ${Object.entries(stats.byStatus).map(([s, n]) => `${s}: ${n}`).join(', ')}), ` +
				`worker shares ${figures.runs.map((r) => `#${r.worker ?? '?'} ${r.okRequestsInOverlap}`).join(', ')} over ${figures.overlapSeconds ?? '–'} s; wall ${Math.round((Date.now() - started) / 1000)} s`,
		);
		const { overlapSeconds, steadyPerMinute, runs: runResults, ...shares } = figures;
		return {
			workers: QUEUE_WORKERS,
			...shares,
			details: {
				n8nVersion: options.install.version,
				itemsPerWorker,
				latencyMs: options.latencyMs,
				limitPerMinute: options.limitPerMinute,
				rateLimitHeaders: options.rateLimitHeaders,
				requests: stats.requests,
				byStatus: stats.byStatus,
				overlapSeconds,
				steadyPerMinute,
				perMinute: stats.perMinute,
				runs: runResults,
				measured: new Date().toISOString(),
			},
		};
	} finally {
		await cluster.stop();
	}
}
