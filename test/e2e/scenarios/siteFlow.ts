/**
 * Scenario 1: the Site Flow node end to end. An order is built from fields with a PDF uploaded
 * from a binary, validated, submitted, read back by sourceOrderId, found in the order list and
 * cancelled, all through the siteFlowApi credential; a second order is submitted through the
 * gateway with the printOsApi credential.
 */
import { describeFailure, nodeOutput, type WorkflowJson } from '../../../scripts/lib/n8nCli';
import { businessCardPdfBase64, base64ToFileParameters, creds, SANDBOX_COMPONENT, SANDBOX_DESTINATION, SANDBOX_SKU, setParameters, uniqueSourceOrderId } from '../fixtures';
import { chain, check, checkEqual, excerpt, node, workflow, type Scenario } from '../harness';

const SITE_FLOW = 'n8n-nodes-printos.printOsSiteFlow';
const TOKEN_WORKFLOW = 'e2eSiteFlowToken';
const GATEWAY_WORKFLOW = 'e2eSiteFlowGw001';

let tokenOrderId = '';
let gatewayOrderId = '';

const ADDRESS = { name: 'Ada Lovelace', address1: '1 Print Street', town: 'London', postcode: 'EC1A 1BB', isoCountry: 'GB' };

/** Order fields of Validate / Submit ("Fields" input mode). */
export function orderFields(sourceOrderId: string, artwork: { path: string; fetch: string | boolean }) {
	return {
		inputMode: 'fields',
		destination: SANDBOX_DESTINATION,
		sourceOrderId,
		items: {
			item: [
				{
					sourceItemId: `${sourceOrderId}-1`,
					sku: SANDBOX_SKU,
					quantity: 100,
					shipmentIndex: 0,
					components: { component: [{ code: SANDBOX_COMPONENT, path: artwork.path, fetch: artwork.fetch, localFile: false }] },
				},
			],
		},
		shipments: {
			shipment: [{ shipTo: { address: ADDRESS }, carrierType: 'codeService', carrierCode: 'royalmail', carrierService: 'firstclass' }],
		},
		additionalFields: { customerName: 'E2E Test Shop', email: 'customer@example.com' },
	};
}

function siteFlowNode(name: string, parameters: Record<string, unknown>, gateway = false) {
	return node(name, SITE_FLOW, { authentication: gateway ? 'printOsApi' : 'siteFlowApi', ...parameters }, {
		credentials: gateway ? creds.gateway : creds.siteFlow,
	});
}

const upload = 'Upload artwork';
const artworkRef = { path: `={{ $('${upload}').item.json.path }}`, fetch: `={{ $('${upload}').item.json.fetch }}` };

function tokenWorkflow(): WorkflowJson {
	tokenOrderId = uniqueSourceOrderId('e2e-sf-');
	return workflow(
		TOKEN_WORKFLOW,
		'E2E: Site Flow order life (token credential)',
		[
			node('Start', 'n8n-nodes-base.manualTrigger'),
			node('Artwork (base64)', 'n8n-nodes-base.set', setParameters([['pdf', businessCardPdfBase64(), 'string']]), { typeVersion: 3.4 }),
			node('Artwork PDF', 'n8n-nodes-base.convertToFile', base64ToFileParameters('pdf', 'business-card.pdf'), { typeVersion: 1.1 }),
			siteFlowNode(upload, { resource: 'orderArtwork', operation: 'upload', binaryPropertyName: 'data', useFor: 'reference' }),
			siteFlowNode('Validate', { resource: 'order', operation: 'validate', ...orderFields(tokenOrderId, artworkRef) }),
			siteFlowNode('Submit', { resource: 'order', operation: 'submit', submitTarget: 'siteFlowApi', ...orderFields(tokenOrderId, artworkRef) }),
			siteFlowNode('Get by sourceOrderId', { resource: 'order', operation: 'get', getBy: 'sourceOrderId', sourceOrderId: tokenOrderId, simplify: true }),
			siteFlowNode('List orders', { resource: 'order', operation: 'getAll', returnAll: true, simplify: true }, false),
			// One item into Cancel whatever List returned.
			node('Once', 'n8n-nodes-base.limit', { maxItems: 1 }),
			siteFlowNode('Cancel', {
				resource: 'order',
				operation: 'cancel',
				cancelBy: 'id',
				orderId: { __rl: true, mode: 'id', value: `={{ $('Get by sourceOrderId').item.json.id ?? $('Get by sourceOrderId').item.json._id }}` },
			}),
		],
		chain('Start', 'Artwork (base64)', 'Artwork PDF', upload, 'Validate', 'Submit', 'Get by sourceOrderId', 'List orders', 'Once', 'Cancel'),
	);
}

function gatewayWorkflow(): WorkflowJson {
	gatewayOrderId = uniqueSourceOrderId('e2e-gw-');
	return workflow(
		GATEWAY_WORKFLOW,
		'E2E: Site Flow submit through the PrintOS gateway',
		[
			node('Start', 'n8n-nodes-base.manualTrigger'),
			siteFlowNode('Submit (gateway)', {
				resource: 'order',
				operation: 'submit',
				submitTarget: 'siteFlowApi',
				...orderFields(gatewayOrderId, { path: 'https://example.com/artwork/business-card.pdf', fetch: true }),
			}, true),
		],
		chain('Start', 'Submit (gateway)'),
	);
}

/** The fields a simplified or raw order answer carries its identity in. */
function idOf(order: any): string | undefined {
	return order?.id ?? order?._id ?? order?.order?._id;
}
function sourceIdOf(order: any): string | undefined {
	return order?.sourceOrderId ?? order?.orderData?.sourceOrderId ?? order?.order?.orderData?.sourceOrderId;
}
function statusOf(order: any): string | undefined {
	return order?.status ?? order?.orderData?.status ?? order?.order?.orderData?.status;
}

export const siteFlowScenario: Scenario = {
	name: '1. Site Flow: order from fields with an uploaded PDF, validate, submit, get, list, cancel',
	workflows: () => [tokenWorkflow(), gatewayWorkflow()],
	async run(env) {
		const outcome = await env.execute(TOKEN_WORKFLOW);
		check(outcome.ok, `the token workflow failed: ${describeFailure(outcome)}`);
		const run = outcome.run;
		const uploaded = nodeOutput(run, upload)[0];
		check(uploaded?.path, `${upload} returned no path: ${excerpt(uploaded)}`);
		const validated = nodeOutput(run, 'Validate')[0];
		check(validated, 'Validate returned nothing');
		const submitted = nodeOutput(run, 'Submit')[0];
		const siteFlowId = idOf(submitted);
		check(siteFlowId, `Submit returned no order id: ${excerpt(submitted)}`);
		const fetched = nodeOutput(run, 'Get by sourceOrderId')[0];
		checkEqual(sourceIdOf(fetched), tokenOrderId, 'Get by sourceOrderId: sourceOrderId');
		checkEqual(idOf(fetched), siteFlowId, 'Get by sourceOrderId: id');
		const listed = nodeOutput(run, 'List orders');
		check(listed.some((o) => idOf(o) === siteFlowId), `List orders (${listed.length}) does not include ${siteFlowId}`);
		const cancelled = nodeOutput(run, 'Cancel')[0];
		check(cancelled, 'Cancel returned nothing');

		// The sandbox's view: the order exists, is cancelled, and its component points at the upload.
		const stored = (await env.sandbox.admin('GET', `orders?sourceOrderId=${encodeURIComponent(tokenOrderId)}`)).orders?.[0];
		check(stored, `the sandbox has no order ${tokenOrderId}`);
		checkEqual(statusOf(stored), 'cancelled', 'order status in the sandbox');
		check(JSON.stringify(stored).includes(String(uploaded.path).split('?')[0].split('/').pop()!), `the order's artwork is not the uploaded file ${uploaded.path}`);

		const gateway = await env.execute(GATEWAY_WORKFLOW);
		check(gateway.ok, `the gateway workflow failed: ${describeFailure(gateway)}`);
		check(idOf(nodeOutput(gateway.run, 'Submit (gateway)')[0]), 'Submit (gateway) returned no order id');
		const log: Array<{ method: string; path: string; status: number; scheme: string }> = (await env.sandbox.admin('GET', 'requests?limit=200')).requests;
		check(
			log.some((e) => e.method === 'POST' && e.path === '/siteflow/api/order' && e.scheme === 'A' && e.status < 300),
			'the sandbox saw no accepted POST /siteflow/api/order (gateway, scheme A)',
		);
		env.log(`order ${tokenOrderId} (${siteFlowId}) submitted and cancelled; ${gatewayOrderId} submitted through the gateway`);
	},
};
