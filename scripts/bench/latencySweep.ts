/**
 * Section "sweep" of `npm run bench` (issue: fill PrintOS's rate limit at any latency): Get Order
 * against the sandbox's 3000/min limit at 200, 600 and 1500 ms added latency, our node at its
 * defaults (the in-flight bound adapts to the round trip), beside today's fixed "Items in
 * Parallel" 10 and n8n's HTTP Request node hand-batched (50 per 1 s), in the same run.
 * Results go to docs/benchmarks.json as `latencySweep` and to a section of docs/benchmarks.md
 * (docsFiles.ts).
 */
import type { WorkflowJson } from '../lib/n8nCli';
import { chain, workflow } from '../../test/e2e/harness';
import type { GetRun } from './report';
import { NODE, oursGetOrder, splitNode, webhookNode, WF } from './workflows';

export const SWEEP_LATENCIES_MS = [200, 600, 1500];
export const SWEEP_LIMIT_PER_MINUTE = 3000;

export const SWEEP_WF = {
	fixed10: { id: 'benchGetFixed10a', path: 'bench-get-fixed-10' },
} as const;

export function sweepWorkflows(): WorkflowJson[] {
	return [
		workflow(
			SWEEP_WF.fixed10.id,
			'Bench: Site Flow Get Order (Items in Parallel 10, as before)',
			[webhookNode(SWEEP_WF.fixed10.path), splitNode(), oursGetOrder(10)],
			chain(NODE.webhook, NODE.split, NODE.ours),
		),
	];
}
export const SWEEP_ACTIVE = Object.values(SWEEP_WF).map((w) => w.id);

export interface SweepPoint {
	latencyMs: number;
	shareOfLimit: number | null;
	share429: number;
	successShare: number;
}

export interface SweepResult {
	items: { ours: number; comparisons: number };
	ours: SweepPoint[];
	fixed10: SweepPoint[];
	httpBatched: SweepPoint[];
}

export function sweepPoint(latencyMs: number, run: GetRun): SweepPoint {
	const refused = run.byStatus['429'] ?? 0;
	return {
		latencyMs,
		shareOfLimit: run.steadyPerMinute === null ? null : Math.round((run.steadyPerMinute / SWEEP_LIMIT_PER_MINUTE) * 1000) / 1000,
		share429: run.requests ? Math.round((refused / run.requests) * 10_000) / 10_000 : 0,
		successShare: run.items ? Math.round((run.okItems / run.items) * 10_000) / 10_000 : 0,
	};
}

type RunGet = (label: string, wf: { id: string; path: string }, nodeName: string, ids: string[], faults: { latencyMs: number; rateLimit: number }) => Promise<GetRun>;

export async function benchLatencySweep(options: {
	ids: string[];
	comparisonItems: number;
	runGet: RunGet;
	waitForNextMinute(what: string): Promise<void>;
}): Promise<SweepResult> {
	const result: SweepResult = { items: { ours: options.ids.length, comparisons: options.comparisonItems }, ours: [], fixed10: [], httpBatched: [] };
	const few = options.ids.slice(0, options.comparisonItems);
	for (const latencyMs of SWEEP_LATENCIES_MS) {
		const faults = { latencyMs, rateLimit: SWEEP_LIMIT_PER_MINUTE };
		await options.waitForNextMinute(`Sweep ${latencyMs} ms, ours`);
		result.ours.push(sweepPoint(latencyMs, await options.runGet(`Sweep ${latencyMs} ms: ours (defaults)`, WF.getOurs, NODE.ours, options.ids, faults)));
		await options.waitForNextMinute(`Sweep ${latencyMs} ms, fixed 10`);
		result.fixed10.push(sweepPoint(latencyMs, await options.runGet(`Sweep ${latencyMs} ms: ours, Items in Parallel 10`, SWEEP_WF.fixed10, NODE.ours, few, faults)));
		await options.waitForNextMinute(`Sweep ${latencyMs} ms, HTTP Request batched`);
		result.httpBatched.push(sweepPoint(latencyMs, await options.runGet(`Sweep ${latencyMs} ms: HTTP Request (batching 50 / 1000 ms)`, WF.getHttpBatched, NODE.http, few, faults)));
	}
	return result;
}
