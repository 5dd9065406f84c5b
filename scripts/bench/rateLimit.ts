/**
 * Section "ratelimit" of `npm run bench`: Get Order against the sandbox's per-minute limit, ours
 * beside n8n's HTTP Request node at its defaults and hand-batched (50 per 1 s), each run starting
 * at a fresh calendar minute so each gets a whole rate-limit window.
 */
import { oursLabel, runGet, waitForNextMinute } from './getOrderRun';
import type { N8nTarget } from './n8nRun';
import type { Results } from './report';
import type { Sandbox } from '../lib/sandbox';
import { NODE, WF } from './workflows';

export async function benchRateLimit(
	ctx: { target: N8nTarget; sandbox: Sandbox },
	ids: string[],
	options: { items: number; latencyMs: number; limitPerMinute: number; whatIfConcurrency?: number },
	// written into as each run finishes, so a run that breaks keeps the ones before it in the table
	results: Results,
	/** Work that needs no sandbox, run while waiting for a calendar minute. */
	filler: () => Promise<void>,
): Promise<void> {
	const faults = { latencyMs: options.latencyMs, rateLimit: options.limitPerMinute };
	const slice = ids.slice(0, options.items);
	await waitForNextMinute('Rate limit, ours');
	const ours = await runGet(ctx, `Rate limit: ours (${oursLabel(options.whatIfConcurrency)})`, WF.getOurs, NODE.ours, slice, faults);
	results.rateLimit = { limitPerMinute: options.limitPerMinute, latencyMs: options.latencyMs, ours };
	await waitForNextMinute('Rate limit, HTTP Request defaults');
	results.rateLimit.httpDefault = await runGet(ctx, 'Rate limit: HTTP Request (defaults)', WF.getHttp, NODE.http, slice, faults);
	// The postbacks need no sandbox: they fill the wait for the next calendar minute.
	await filler();
	await waitForNextMinute('Rate limit, HTTP Request batched');
	results.rateLimit.httpBatched = await runGet(ctx, 'Rate limit: HTTP Request (batching 50 / 1000 ms)', WF.getHttpBatched, NODE.http, slice, faults);
}
