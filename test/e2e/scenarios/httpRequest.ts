/**
 * Scenario 3: n8n's own HTTP Request node, "Predefined credential type", with our credentials,
 * calling endpoints the nodes do not expose (order details with shipments, on both schemes).
 * This is request shape 3 of the notes (legacy `uri` + `qs`, body with json: true): the sandbox
 * must accept every signature, which its request log records per request.
 */
import type { WorkflowJson } from '../../../scripts/lib/n8nCli';
import { describeFailure, nodeOutput } from '../../../scripts/lib/n8nCli';
import { check, chain, excerpt, node, workflow, type Scenario } from '../harness';
import { creds, httpRequestParameters, sampleOrder, uniqueSourceOrderId } from '../fixtures';

const WORKFLOW_ID = 'e2eHttpRequest01';
const SUBMIT = 'Submit order (Site Flow token)';
const DETAILS_SF = 'Order details (Site Flow token)';
const DETAILS_GW = 'Order details (gateway key)';
const SUBSTRATES = 'Box substrates (gateway key)';

let sourceOrderId = '';

function httpNode(name: string, credential: 'printOsApi' | 'siteFlowApi', method: string, url: string, extra = {}) {
	return node(name, 'n8n-nodes-base.httpRequest', httpRequestParameters(credential, method, url, extra), {
		typeVersion: 4.2,
		credentials: credential === 'printOsApi' ? creds.gateway : creds.siteFlow,
	});
}

function buildWorkflow(sandboxUrl: string): WorkflowJson {
	sourceOrderId = uniqueSourceOrderId('e2e-http-');
	return workflow(
		WORKFLOW_ID,
		'E2E: HTTP Request node with PrintOS credentials',
		[
			node('Start', 'n8n-nodes-base.manualTrigger'),
			// A JSON body: signed like any other request (scheme B signs method, path and time).
			httpNode(SUBMIT, 'siteFlowApi', 'POST', `${sandboxUrl}/api/order`, {
				sendBody: true,
				specifyBody: 'json',
				jsonBody: JSON.stringify(sampleOrder(sourceOrderId)),
			}),
			// Query as n8n's qs object, with brackets in the name.
			httpNode(DETAILS_SF, 'siteFlowApi', 'GET', `=${sandboxUrl}/api/order/details/{{ $json.order._id }}`, {
				sendQuery: true,
				queryParameters: { parameters: [{ name: 'includes[]', value: 'shipments' }] },
			}),
			// Query written into the URL, through the gateway (scheme A, /siteflow prefix).
			httpNode(
				DETAILS_GW,
				'printOsApi',
				'GET',
				`=${sandboxUrl}/siteflow/api/order/details/{{ $('${SUBMIT}').item.json.order._id }}?includes[]=shipments`,
			),
			httpNode(SUBSTRATES, 'printOsApi', 'GET', `${sandboxUrl}/box/api/partner/substrate`, {
				sendQuery: true,
				queryParameters: { parameters: [{ name: 'page', value: '1' }] },
			}),
		],
		chain('Start', SUBMIT, DETAILS_SF, DETAILS_GW, SUBSTRATES),
	);
}

export const httpRequestScenario: Scenario = {
	name: '3. HTTP Request node with the printOsApi and siteFlowApi credentials',
	workflows: (setup) => [buildWorkflow(setup.sandboxUrl)],
	async run(env) {
		await env.sandbox.admin('DELETE', 'requests');
		const outcome = await env.execute(WORKFLOW_ID);
		check(outcome.ok, `the workflow failed: ${describeFailure(outcome)}`);
		const submitted = nodeOutput(outcome.run, SUBMIT)[0];
		const orderId = submitted?.order?._id;
		check(orderId, `${SUBMIT} returned no order._id: ${excerpt(submitted)}`);
		for (const name of [DETAILS_SF, DETAILS_GW]) {
			const details = nodeOutput(outcome.run, name)[0];
			check(JSON.stringify(details ?? {}).includes(orderId), `${name} did not return order ${orderId}: ${excerpt(details)}`);
		}
		check(nodeOutput(outcome.run, SUBSTRATES).length > 0, `${SUBSTRATES} returned nothing`);

		// The sandbox's own record: each call authenticated (a credential id) and answered 2xx.
		const log: Array<{ method: string; path: string; query: Record<string, unknown>; status: number; credential: string | null; scheme: string }> =
			(await env.sandbox.admin('GET', 'requests?limit=50')).requests;
		const expected = [
			['POST', '/api/order', 'B'],
			['GET', `/api/order/details/${orderId}`, 'B'],
			['GET', `/siteflow/api/order/details/${orderId}`, 'A'],
			['GET', '/box/api/partner/substrate', 'A'],
		];
		for (const [method, path, scheme] of expected) {
			const entry = log.find((e) => e.method === method && e.path === path);
			check(entry, `the sandbox never received ${method} ${path} (log: ${excerpt(log.map((e) => `${e.method} ${e.path} ${e.status}`))})`);
			check(entry.scheme === scheme && entry.credential, `${method} ${path} was not authenticated by scheme ${scheme}: ${excerpt(entry)}`);
			check(entry.status >= 200 && entry.status < 300, `${method} ${path} answered ${entry.status}: ${excerpt(entry)}`);
		}
		const details = log.find((e) => e.path === `/api/order/details/${orderId}`)!;
		check(JSON.stringify(details.query).includes('shipments'), `the query string did not arrive: ${excerpt(details.query)}`);
		env.log(`order ${sourceOrderId} (${orderId}): 4 signed requests accepted`);
	},
};
