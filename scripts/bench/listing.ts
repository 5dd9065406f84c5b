/**
 * Section "listing" of `npm run bench`: Site Flow Get Many with Return All over growing numbers
 * of orders. Measured: page requests against the minimum the page size allows, and whether the
 * time grows linearly with the orders.
 */
import { SITE_FLOW_PAGING } from '../../nodes/PrintOs/SiteFlow/endpoints';
import { info, timed } from '../lib/log';
import type { Sandbox } from '../lib/sandbox';
import { executionError, nodeItems, nodeRun, runWebhookWorkflow, type N8nTarget } from './n8nRun';
import type { ListingPoint, ListingResult } from './report';
import { freshSandboxWindow } from './sandboxLog';
import { linearityRatio, minimumPageRequests, type LogEntry } from './stats';
import { NODE, WF } from './workflows';

export async function benchListing(
	ctx: { target: N8nTarget; sandbox: Sandbox },
	options: { orderCounts: number[]; latencyMs: number; limitPerMinute: number },
): Promise<ListingResult> {
	const faults = { latencyMs: options.latencyMs, rateLimit: options.limitPerMinute };
	await ctx.sandbox.admin('POST', 'reset', {});
	await freshSandboxWindow(ctx.sandbox, faults);
	const points: ListingPoint[] = [];
	for (const orders of options.orderCounts) {
		const state = await ctx.sandbox.admin('GET', 'state');
		if (state.orders < orders) {
			await timed(`Generating ${orders - state.orders} orders in the sandbox`, () =>
				ctx.sandbox.admin('POST', 'orders/generate', { count: orders - state.orders }),
			);
		}
		await freshSandboxWindow(ctx.sandbox, faults);
		const execution = await runWebhookWorkflow(ctx.target, WF.listOurs.id, WF.listOurs.path, {});
		const problem = executionError(execution);
		if (problem) throw new Error(`Get Many over ${orders} orders failed: ${problem}`);
		const { requests } = await ctx.sandbox.admin('GET', 'requests?limit=5000');
		const pageRequests = (requests as LogEntry[]).filter((e) => e.method === 'GET' && e.path === '/api/order').length;
		const run = nodeRun(execution, NODE.ours);
		const point: ListingPoint = {
			orders,
			items: nodeItems(execution, NODE.ours).length,
			pageRequests,
			minimumPageRequests: minimumPageRequests(orders, SITE_FLOW_PAGING.maxPageSize),
			seconds: run?.executionTime != null ? run.executionTime / 1000 : null,
		};
		points.push(point);
		info(`Get Many over ${orders} orders: ${point.items} items, ${pageRequests} page requests (minimum ${point.minimumPageRequests}), node ${point.seconds?.toFixed(2)} s`);
	}
	return {
		maxPageSize: SITE_FLOW_PAGING.maxPageSize,
		latencyMs: options.latencyMs,
		points,
		linearity: linearityRatio(points.map((p) => ({ orders: p.orders, seconds: p.seconds ?? NaN }))) ?? null,
	};
}
