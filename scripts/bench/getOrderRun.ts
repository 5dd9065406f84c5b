/**
 * One measured Get Order run, shared by the rate-limit, latency and sweep sections: the sandbox's
 * window cleared, the workflow run with the ids as items, the sandbox's request log collected
 * throughout (it keeps only 5,000 entries, fewer than a run sends).
 */
import { formatDuration, info, warn } from '../lib/log';
import { sleep } from '../lib/n8nServer';
import type { Sandbox } from '../lib/sandbox';
import { executionError, isErrorItem, nodeItems, nodeRun, runWebhookWorkflow, type Execution, type N8nTarget } from './n8nRun';
import type { GetRun } from './report';
import { freshSandboxWindow, RequestLogCollector, type SandboxStats } from './sandboxLog';
import { msUntilNextMinute, steadyRate, type LogEntry } from './stats';

/** "defaults", or the what-if setting the run was asked for, for the labels of our runs. */
export function oursLabel(whatIfConcurrency: number | undefined): string {
	return whatIfConcurrency === undefined ? 'defaults' : `WHAT-IF Items in Parallel ${whatIfConcurrency}`;
}

/** `count` order ids, generating orders in the sandbox when it has fewer. */
export async function sandboxOrderIds(sandbox: Sandbox, count: number): Promise<string[]> {
	const state = await sandbox.admin('GET', 'state');
	if (state.orders < count) await sandbox.admin('POST', 'orders/generate', { count: count - state.orders });
	const { orders } = await sandbox.admin('GET', `orders?limit=${count}&offset=0`);
	return (orders as Array<{ _id: string }>).map((o) => o._id);
}

/** The sandbox's limit is a fixed window per calendar minute: a run that starts mid-window gets what is left of it. */
export async function waitForNextMinute(what: string): Promise<void> {
	const wait = msUntilNextMinute(Date.now(), 1000);
	info(`${what}: waiting ${(wait / 1000).toFixed(0)} s for the next calendar minute (fresh rate-limit window)`);
	await sleep(wait);
}

function getRun(label: string, execution: Execution, nodeName: string, items: number, stats: SandboxStats, entries: LogEntry[], gaps: number): GetRun {
	const output = nodeItems(execution, nodeName);
	const errors = output.filter(isErrorItem);
	const successTimes = entries.filter((e) => e.status >= 200 && e.status < 300).map((e) => Date.parse(e.time));
	const steady = steadyRate(successTimes);
	const run = nodeRun(execution, nodeName);
	const problem = executionError(execution);
	return {
		label,
		items,
		okItems: problem && output.length === 0 ? 0 : output.length - errors.length,
		errorItems: problem && output.length === 0 ? items : errors.length,
		requests: stats.requests,
		byStatus: stats.byStatus,
		steadyPerMinute: steady?.perMinute ?? null,
		steadyWindowSeconds: steady ? (steady.toMs - steady.fromMs) / 1000 : null,
		nodeSeconds: run?.executionTime != null ? run.executionTime / 1000 : null,
		perMinute: stats.perMinute,
		logGaps: gaps,
		firstError: problem ?? (errors[0] ? String(errors[0].json.error?.message ?? errors[0].json.error) : undefined),
	};
}

/** One "get order" run: fresh sandbox window, the workflow, the sandbox's log collected throughout. */
export async function runGet(
	ctx: { target: N8nTarget; sandbox: Sandbox },
	label: string,
	workflow: { id: string; path: string },
	nodeName: string,
	ids: string[],
	faults: { latencyMs: number; rateLimit: number },
): Promise<GetRun> {
	await freshSandboxWindow(ctx.sandbox, faults);
	const collector = new RequestLogCollector(ctx.sandbox);
	collector.start(8000);
	const started = Date.now();
	info(`${label}: ${ids.length} items ...`);
	let execution: Execution;
	try {
		execution = await runWebhookWorkflow(ctx.target, workflow.id, workflow.path, { items: ids.map((id) => ({ id })) }, {
			timeoutMs: 10 * 60_000,
			onWait: () => info(`  ... ${label}: ${collector.entries.length} requests so far (${formatDuration(Date.now() - started)})`),
		});
	} finally {
		await collector.stop();
	}
	const stats: SandboxStats = await ctx.sandbox.admin('GET', 'stats');
	const run = getRun(label, execution, nodeName, ids.length, stats, collector.entries, collector.gaps);
	info(
		`${label}: ${run.okItems}/${run.items} ok, ${run.requests} requests (${Object.entries(run.byStatus).map(([s, n]) => `${s}: ${n}`).join(', ')}), ` +
			`steady ${run.steadyPerMinute?.toFixed(0) ?? '–'} ok/min, node ${run.nodeSeconds?.toFixed(2) ?? '–'} s, wall ${formatDuration(Date.now() - started)}` +
			(run.firstError ? `; first error: ${run.firstError.slice(0, 160)}` : ''),
	);
	if (run.logGaps) warn(`${label}: the sandbox log was polled too slowly ${run.logGaps} time(s); the steady rate may be off`);
	return run;
}
