/**
 * An active workflow that starts with the polling Site Flow Order Trigger (status shipped, Poll
 * Times every minute, n8n's minimum), activated through n8n's public API while n8n runs. The poll at
 * activation only notes what is there. Then the sandbox clock runs and orders ship in two rounds,
 * one poll apart: each order that shipped starts the workflow exactly once (one item in one
 * execution, counted through n8n's API), and the poll after a round does not announce it again.
 */
import { publicApi, waitFor } from '../../../scripts/lib/n8nServer';
import { creds, setParameters } from '../fixtures';
import { chain, check, checkEqual, excerpt, node, workflow, type E2eEnv, type Scenario } from '../harness';

export const ORDER_TRIGGER = 'n8n-nodes-printos.printOsSiteFlowOrderTrigger';
const WORKFLOW_ID = 'e2ePollShipped01';
const TRIGGER = 'Site Flow Order Trigger';
const DOWNSTREAM = 'Shipped order';
/** One poll every minute, plus the time n8n takes to run and save the execution. */
const POLL_WAIT_MS = 150_000;

/** The Site Flow Order Trigger's parameters: the chosen statuses, polled every minute. */
export function orderTriggerParameters(statuses: string[]): Record<string, unknown> {
	return { authentication: 'siteFlowApi', statuses, pollTimes: { item: [{ mode: 'everyMinute' }] }, simplify: true };
}

interface ShippedItem {
	orderId: string;
	status: string;
}

async function shippedOrderIds(env: E2eEnv): Promise<Set<string>> {
	const { orders } = await env.sandbox.admin('GET', 'orders?status=shipped');
	return new Set((orders as Array<{ _id: string }>).map((order) => order._id));
}

async function pollExecutions(env: E2eEnv): Promise<any[]> {
	return (await env.executions(WORKFLOW_ID)).filter((execution) => execution.mode === 'trigger');
}

function itemsOf(execution: any): ShippedItem[] {
	return (execution.data?.resultData?.runData?.[DOWNSTREAM]?.[0]?.data?.main?.[0] ?? []).map((item: any) => item.json);
}

/** List requests for shipped orders (what the trigger polls) the sandbox logged since `since` (ISO time). */
async function pollRequests(env: E2eEnv, since: string): Promise<number> {
	const { requests } = await env.sandbox.admin('GET', 'requests?limit=500');
	return (requests as Array<{ time: string; method: string; path: string; query?: Record<string, unknown> }>).filter(
		(entry) => entry.time >= since && entry.method === 'GET' && /\/api\/order$/.test(entry.path) && entry.query?.status === 'shipped',
	).length;
}

/**
 * Activates a polling workflow through n8n's public API and resolves after its first poll (the
 * baseline, asynchronous on 2.x); `deactivate` stops it again.
 */
export async function activatePolling(env: E2eEnv, workflowId: string): Promise<{ deactivate(): Promise<void> }> {
	const activatedAt = new Date().toISOString();
	await publicApi(env.n8nUrl, env.apiKey, 'POST', `/workflows/${workflowId}/activate`);
	const deactivate = async () => {
		await publicApi(env.n8nUrl, env.apiKey, 'POST', `/workflows/${workflowId}/deactivate`).catch((error: Error) =>
			env.log(`could not deactivate workflow ${workflowId}: ${error.message}`),
		);
	};
	try {
		await waitFor('the baseline poll', async () => ((await pollRequests(env, activatedAt)) > 0 ? true : undefined), 60_000);
	} catch (error) {
		await deactivate();
		throw error;
	}
	return { deactivate };
}

/** Ships each order (its only shipment) through the sandbox admin API, a sandbox minute after the last step. */
async function ship(env: E2eEnv, orderIds: string[]): Promise<void> {
	await env.sandbox.admin('POST', 'clock/advance', { seconds: 60 });
	for (const id of orderIds) await env.sandbox.admin('POST', `orders/${id}/events`, { event: 'Shipment Shipped' });
}

/** Waits until the executions so far announced every one of `orderIds`; returns them, newest first. */
async function waitForAnnounced(env: E2eEnv, orderIds: string[]): Promise<any[]> {
	let latest: any[] = [];
	return await waitFor(
		`executions announcing ${orderIds.length} order(s)`,
		async () => {
			latest = await pollExecutions(env);
			const announced = new Set(latest.flatMap(itemsOf).map((item) => item.orderId));
			return latest.every((execution) => execution.stoppedAt) && orderIds.every((id) => announced.has(id)) ? latest : undefined;
		},
		POLL_WAIT_MS,
		1000,
	).catch((error) => {
		throw new Error(`${error.message}; executions: ${excerpt(latest.map((e) => ({ id: e.id, status: e.status, items: itemsOf(e) })))}`);
	});
}

export const pollingScenario: Scenario = {
	name: 'Polling trigger: an active Site Flow Order Trigger (shipped, every minute) runs once per order that ships',
	workflows: () => [
		workflow(
			WORKFLOW_ID,
			'E2E: orders shipped (polling)',
			[
				node(TRIGGER, ORDER_TRIGGER, orderTriggerParameters(['shipped']), { credentials: creds.siteFlow }),
				node(
					DOWNSTREAM,
					'n8n-nodes-base.set',
					setParameters([
						['orderId', '={{ $json.orderId }}', 'string'],
						['status', '={{ $json.status }}', 'string'],
					]),
					{ typeVersion: 3.4 },
				),
			],
			chain(TRIGGER, DOWNSTREAM),
		),
	],
	async run(env) {
		// Orders waiting to ship, straight into the sandbox (printready, outside the production clock).
		const generated = await env.sandbox.admin('POST', 'orders/generate', { count: 3, status: 'printready' });
		const { orders } = await env.sandbox.admin('GET', `orders?offset=${generated.count - 3}`);
		const [first, second, third] = (orders as Array<{ _id: string }>).map((order) => order._id);
		check(first && second && third, `the sandbox generated no orders: ${excerpt(generated)}`);

		const shippedAtStart = await shippedOrderIds(env);
		// The poll at activation sets the baseline and starts nothing.
		const polling = await activatePolling(env, WORKFLOW_ID);
		try {
			await ship(env, [first, second]);
			const roundOne = [...(await shippedOrderIds(env))].filter((id) => !shippedAtStart.has(id));
			check(roundOne.includes(first) && roundOne.includes(second), `the sandbox did not ship the first round: ${excerpt(roundOne)}`);
			const afterRoundOne = await waitForAnnounced(env, roundOne);

			// The next poll reads the first round again (still shipped) and must announce only the second.
			await ship(env, [third]);
			const everyShipped = [...(await shippedOrderIds(env))].filter((id) => !shippedAtStart.has(id));
			check(everyShipped.includes(third), 'the sandbox did not ship the second round');
			const runs = await waitForAnnounced(env, everyShipped);

			for (const run of runs) {
				const error = run.data?.resultData?.error;
				check((run.status === 'success' || run.finished === true) && !error, `a polling execution failed: ${excerpt({ id: run.id, status: run.status, error })}`);
			}
			check(runs.length > afterRoundOne.length, 'the second round was announced by no poll of its own');
			const announced = runs.flatMap(itemsOf);
			checkEqual(announced.map((item) => item.orderId).sort(), [...everyShipped].sort(), 'orders announced (each shipped order exactly once)');
			check(announced.every((item) => item.status === 'shipped'), `announced an order in another status: ${excerpt(announced)}`);
			check(runs.every((run) => itemsOf(run).length > 0), 'an execution announced nothing');
			env.log(`${announced.length} order(s) shipped in two rounds, ${runs.length} executions: ${runs.map((run) => itemsOf(run).length).reverse().join(' + ')} items`);
		} finally {
			// no polls during later scenarios (their request logs and faults are their own)
			await polling.deactivate();
		}
	},
};
