/**
 * Scenario 4: an active workflow that starts with the Site Flow Trigger. The sandbox plays Site
 * Flow's trigger system: it posts the postbacks of an order's life (header token as configured in
 * the credential) to n8n's production webhook URL. Each delivered event runs the workflow once and
 * reaches the downstream node; a postback with a wrong token is answered 401 and runs nothing.
 */
import { POSTBACK_HEADER } from '../../../scripts/lib/credentials';
import { sleep, waitFor } from '../../../scripts/lib/n8nServer';
import { configurePostbacks } from '../../../scripts/lib/sandbox';
import { describeFailure } from '../../../scripts/lib/n8nCli';
import { creds, setParameters, uniqueSourceOrderId } from '../fixtures';
import { chain, check, checkEqual, excerpt, node, workflow, type E2eEnv, type Scenario } from '../harness';
import { orderFields } from './siteFlow';

const WORKFLOW_ID = 'e2eTriggerFlow01';
const PATH = 'e2e-siteflow-postbacks';
const DOWNSTREAM = 'Downstream';
const SUBMIT_WORKFLOW_ID = 'e2eTriggerOrder1';
let sourceOrderId = '';

interface Delivery {
	event: string;
	url: string;
	status: number | null;
	ok: boolean;
	sourceOrderId: string | null;
	body: string | null;
}

async function triggerExecutions(env: E2eEnv): Promise<any[]> {
	return (await env.executions(WORKFLOW_ID)).filter((e) => e.mode !== 'cli' && e.mode !== 'manual');
}

export const triggerScenario: Scenario = {
	name: '4. Site Flow Trigger: postbacks of an order run the active workflow once per event; wrong token 401',
	workflows: () => [
		workflow(
			WORKFLOW_ID,
			'E2E: Site Flow postbacks',
			[
				node(
					'Site Flow Trigger',
					'n8n-nodes-printos.printOsSiteFlowTrigger',
					{ httpMethod: 'POST', path: PATH, authentication: 'headerToken', events: ['*'] },
					{ webhookId: '5b0e4a52-93f4-4f0e-9d8c-1d2f6a7b8c90', credentials: creds.postback },
				),
				node(
					DOWNSTREAM,
					'n8n-nodes-base.set',
					setParameters([
						['receivedEvent', '={{ $json.event }}', 'string'],
						['order', '={{ $json.sourceOrderId }}', 'string'],
						['tracking', '={{ $json.trackingNumber ?? "" }}', 'string'],
					]),
					{ typeVersion: 3.4 },
				),
			],
			{ 'Site Flow Trigger': { main: [[{ node: DOWNSTREAM, type: 'main', index: 0 }]] } },
		),
		// The order whose life the sandbox then reports, submitted as a user would.
		workflow(
			SUBMIT_WORKFLOW_ID,
			'E2E: submit an order to follow',
			[
				node('Start', 'n8n-nodes-base.manualTrigger'),
				node(
					'Submit',
					'n8n-nodes-printos.printOsSiteFlow',
					{
						authentication: 'siteFlowApi',
						resource: 'order',
						operation: 'submit',
						submitTarget: 'siteFlowApi',
						...orderFields((sourceOrderId = uniqueSourceOrderId('e2e-pb-')), { path: 'https://example.com/artwork/card.pdf', fetch: true }),
					},
					{ credentials: creds.siteFlow },
				),
			],
			chain('Start', 'Submit'),
		),
	],
	activate: [WORKFLOW_ID],
	async run(env) {
		const url = `${env.n8nUrl}/webhook/${PATH}`;
		// 1.x mounts webhooks after readiness; 2.x activates asynchronously: wait until n8n knows the path.
		await waitFor(
			'the trigger webhook to be registered',
			async () => ((await fetch(url, { method: 'POST', body: '{}' })).status !== 404 ? true : undefined),
			60_000,
		);
		const before = (await triggerExecutions(env)).length;

		// 2. A wrong token: 401, and nothing runs.
		const wrong = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', [POSTBACK_HEADER]: 'not-the-token' },
			body: JSON.stringify({ event: 'Order Received', sourceOrderId: 'intruder' }),
		});
		checkEqual(wrong.status, 401, 'status of a postback with a wrong token');

		// 1. An order's life, delivered by the sandbox.
		await configurePostbacks(env.sandbox, url, { [POSTBACK_HEADER]: env.postbackToken });
		const submitted = await env.execute(SUBMIT_WORKFLOW_ID);
		check(submitted.ok, `submitting the order failed: ${describeFailure(submitted)}`);
		await env.sandbox.admin('POST', 'clock/advance', { seconds: 6 * 3600 });
		// Orders of earlier scenarios progress on the same clock and post to the same URL: every
		// delivery runs the workflow, but the events checked below are this order's.
		const allDeliveries: Delivery[] = (await env.sandbox.admin('GET', 'postbacks')).postbacks.filter(
			(d: Delivery) => d.url === url,
		);
		const deliveries = allDeliveries.filter((d) => d.sourceOrderId === sourceOrderId);
		const events = deliveries.map((d) => d.event);
		check(events.includes('Shipment Shipped'), `the order's life did not reach Shipment Shipped: ${JSON.stringify(events)}`);
		for (const delivery of allDeliveries) {
			check(delivery.ok && delivery.status === 200, `n8n answered ${delivery.status} to ${delivery.event}: ${excerpt(delivery)}`);
		}

		// Executions are saved asynchronously: wait for one per delivered event.
		let latest: any[] = [];
		const runs = await waitFor(
			`${allDeliveries.length} executions`,
			async () => {
				latest = await triggerExecutions(env);
				return latest.length - before >= allDeliveries.length && latest.every((e) => e.finished || e.status === 'success') ? latest : undefined;
			},
			60_000,
		).catch((error) => {
			throw new Error(`${error.message}; executions: ${excerpt(latest.map((e) => ({ id: e.id, mode: e.mode, status: e.status, finished: e.finished })))}`);
		});
		await sleep(1500); // a late extra execution would show up here
		const finalRuns = (await triggerExecutions(env)).slice(0, runs.length - before);
		checkEqual(finalRuns.length, allDeliveries.length, 'executions of the trigger workflow (one per delivered event)');
		const received = finalRuns
			.map((execution) => execution.data?.resultData?.runData?.[DOWNSTREAM]?.[0]?.data?.main?.[0]?.[0]?.json)
			.filter(Boolean);
		checkEqual(received.length, allDeliveries.length, `runs where ${DOWNSTREAM} received the event`);
		const seen = received.filter((json: any) => json.order === sourceOrderId);
		checkEqual(
			seen.map((json: any) => json.receivedEvent).sort(),
			[...events].sort(),
			`events ${DOWNSTREAM} received`,
		);
		const shipped = seen.find((json: any) => json.receivedEvent === 'Shipment Shipped');
		check(shipped?.tracking, `the Shipment Shipped event carried no tracking number: ${excerpt(shipped)}`);
		env.log(`order ${sourceOrderId}: ${events.join(' → ')}`);
	},
};
