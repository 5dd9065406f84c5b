/**
 * Section "latency" of `npm run bench`: Get Order against the sandbox with added latency and no
 * limit, ours beside n8n's HTTP Request node, measured against the bound items × latency ÷ Items
 * in Parallel (what the in-flight bound allows at best).
 */
import { DEFAULT_ITEM_CONCURRENCY } from '../../nodes/PrintOs/transport/items';
import { oursLabel, runGet } from './getOrderRun';
import type { N8nTarget } from './n8nRun';
import type { Results } from './report';
import type { Sandbox } from '../lib/sandbox';
import { NODE, WF } from './workflows';

export async function benchLatency(
	ctx: { target: N8nTarget; sandbox: Sandbox },
	ids: string[],
	options: { items: number; latencyMs: number; whatIfConcurrency?: number },
	// written into as each run finishes, so a run that breaks keeps the one before it in the table
	results: Results,
): Promise<void> {
	const faults = { latencyMs: options.latencyMs, rateLimit: 0 };
	const slice = ids.slice(0, options.items);
	const concurrency = options.whatIfConcurrency ?? DEFAULT_ITEM_CONCURRENCY;
	const ours = await runGet(ctx, `Latency: ours (${oursLabel(options.whatIfConcurrency)})`, WF.getOurs, NODE.ours, slice, faults);
	results.latency = {
		items: slice.length,
		latencyMs: options.latencyMs,
		concurrency,
		boundSeconds: (slice.length * options.latencyMs) / 1000 / concurrency,
		ours,
	};
	results.latency.http = await runGet(ctx, 'Latency: HTTP Request (defaults)', WF.getHttp, NODE.http, slice, faults);
}
