import type { NodeRun, World } from '../world';
import type { FuzzCase, FuzzSpec } from './types';

/** One item of bad input never needs more than a handful of requests; far more is a runaway loop. */
export const REQUEST_BUDGET = 200;
const RUN_TIME_LIMIT_MS = 15_000;

/**
 * Runs the node under a watchdog: a run that sends more than REQUEST_BUDGET requests or takes
 * longer than RUN_TIME_LIMIT_MS is stopped by making the sandbox refuse everything with a 400
 * (never retried), so a runaway loop ends instead of flooding the rest of the suite.
 */
export async function watchedRun(world: World, spec: FuzzSpec, input: FuzzCase): Promise<{ run: NodeRun; stopped?: string }> {
	const started = Date.now();
	const running = world.run(spec.node, input.auth, input.parameters, { items: input.items, rawRequestOptions: input.requestOptions });
	let stopped: string | undefined;
	let settled = false;
	void running.finally(() => (settled = true));
	while (!settled) {
		let timer: NodeJS.Timeout | undefined;
		await Promise.race([running, new Promise((resolve) => (timer = setTimeout(resolve, 25)))]);
		clearTimeout(timer);
		if (settled || stopped) continue;
		const sent = world.sandbox.core.requests.size;
		if (sent > REQUEST_BUDGET) stopped = `a runaway: more than ${REQUEST_BUDGET} requests for one item`;
		else if (Date.now() - started > RUN_TIME_LIMIT_MS) stopped = `the run did not end within ${RUN_TIME_LIMIT_MS / 1000} s`;
		if (stopped) world.sandbox.admin.setFaults({ failNext: { count: 1_000_000, status: 400 } });
	}
	const run = await running;
	if (stopped) world.sandbox.admin.clearFaults();
	return { run, stopped };
}
