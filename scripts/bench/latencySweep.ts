/**
 * Section "sweep" of `npm run bench` (issue: fill PrintOS's rate limit at any latency): Get Order
 * against the sandbox's 3000/min limit at 200, 600 and 1500 ms added latency, our node at its
 * defaults (the in-flight bound adapts to the round trip), beside today's fixed "Items in
 * Parallel" 10 and n8n's HTTP Request node hand-batched (50 per 1 s), in the same run.
 * Results go to docs/benchmarks.json as `latencySweep` and to a section of docs/benchmarks.md.
 */
import fs from 'node:fs';
import path from 'node:path';

import type { WorkflowJson } from '../lib/n8nCli';
import { chain, workflow } from '../../test/e2e/harness';
import { replaceMarkdownSection } from './docsSection';
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

function meets(point: SweepPoint): boolean {
	return (point.shareOfLimit ?? 0) >= 0.9 && point.successShare === 1 && point.share429 <= 0.01;
}

/** Adds the sweep to docs/benchmarks.json (`latencySweep`) and docs/benchmarks.md, keeping the rest. */
export function writeSweepDocs(docsDir: string, sweep: SweepResult, meta: { date: string; n8nVersion: string; nodeRuntime: string }): void {
	const jsonFile = path.join(docsDir, 'benchmarks.json');
	const json = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
	json.latencySweep = sweep.ours;
	json.latencySweepComparisons = { items: sweep.items, fixed10: sweep.fixed10, httpBatched: sweep.httpBatched, measured: meta.date };
	fs.writeFileSync(jsonFile, `${JSON.stringify(json, null, 2)}\n`);

	const mdFile = path.join(docsDir, 'benchmarks.md');
	const heading = '## Latency sweep';
	const pct = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)} %`);
	const row = (label: string, points: SweepPoint[], target: boolean) =>
		`| ${label} | ${points.map((p) => `${pct(p.shareOfLimit)} of limit, ${pct(p.successShare)} ok, ${pct(p.share429)} 429${target ? (meets(p) ? ' — PASS' : ' — FAIL') : ''}`).join(' | ')} |`;
	const section = [
		heading,
		'',
		`Get Order against the sandbox's ${SWEEP_LIMIT_PER_MINUTE}/min limit with added latency (\`npm run bench -- --only sweep\`, n8n ${meta.n8nVersion} on ${meta.nodeRuntime}, ${meta.date}). ` +
			`Ours at its defaults: ${sweep.items.ours} items per latency; the comparisons ${sweep.items.comparisons} items each (the rates are what matter; a fixed bound of 10 at 1500 ms would need over 15 minutes for 6000). ` +
			'Share of limit: successful requests per minute in the steady part (5th–95th percentile of answers) ÷ the limit. Target for ours: ≥ 90 % of the limit, 100 % ok, ≤ 1 % 429.',
		'',
		`| | ${SWEEP_LATENCIES_MS.map((ms) => `${ms} ms`).join(' | ')} |`,
		`|---|${SWEEP_LATENCIES_MS.map(() => '---').join('|')}|`,
		row('Ours, defaults (adaptive)', sweep.ours, true),
		row('Ours, Items in Parallel 10 (before)', sweep.fixed10, false),
		row('HTTP Request, batching 50 / 1 s', sweep.httpBatched, false),
		'',
	].join('\n');
	fs.writeFileSync(mdFile, replaceMarkdownSection(fs.readFileSync(mdFile, 'utf8'), heading, section));
}
