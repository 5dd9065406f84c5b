/**
 * Batches in real n8n (README "Errors and batches"): a batch of 25 orders through each of n8n's
 * error modes, read from both outputs of the node in the run data and counted in the sandbox.
 * - "Continue (using error output)": refused, locally invalid and repeated orders go to the error
 *   output, and only they; Site Flow Order Get and Box Folder Get 404s too.
 * - "Stop Workflow" with two locally invalid items: nothing is sent, both are named.
 * - "Stop Workflow" with the 6th order refused: the orders created are exactly those the error lists.
 * - Binary passes through: PDF → Create Folder → Upload Binary, and Submit → Get keep the PDF.
 */
import { describeFailure, nodeOutput, type RunJson, type WorkflowJson } from '../../../scripts/lib/n8nCli';
import { base64ToFileParameters, businessCardPdfBase64, creds, sampleOrder, setParameters, uniqueSourceOrderId } from '../fixtures';
import { chain, check, checkEqual, excerpt, node, workflow, type E2eEnv, type Scenario } from '../harness';

const SITE_FLOW = 'n8n-nodes-printos.printOsSiteFlow';
const BOX = 'n8n-nodes-printos.printOsBox';
const WF = {
	errorOutput: 'e2eBatchErrOut01',
	notFound: 'e2eBatchNotFnd01',
	invalid: 'e2eBatchInvalid1',
	stop: 'e2eBatchStop0001',
	binary: 'e2eBatchBinary01',
};
const BATCH = 25;
const MISSING_ID = '0123456789abcdef01234567';

/** Prefixes are fresh per run, so orders of earlier runs in the same sandbox never count. */
const prefixes = { errorOutput: '', invalid: '', stop: '', binary: '' };

type Order = ReturnType<typeof sampleOrder>;

function refused(order: Order): Order {
	order.orderData.items[0].sku = 'No Such SKU';
	return order;
}

function orders(prefix: string, change: Record<number, (order: Order) => Order> = {}): Order[] {
	return Array.from({ length: BATCH }, (_, index) => (change[index] ?? ((order: Order) => order))(sampleOrder(`${prefix}${index}`)));
}

/** Start → the orders as items (Set in raw JSON mode, then Split Out) → Submit. */
function batchWorkflow(id: string, name: string, batch: Order[], submitExtra: Record<string, unknown>, after: Record<string, unknown>[] = []): WorkflowJson {
	const nodes = [
		node('Start', 'n8n-nodes-base.manualTrigger'),
		node('Orders', 'n8n-nodes-base.set', { mode: 'raw', jsonOutput: JSON.stringify({ orders: batch.map((order) => ({ order })) }), options: {} }, { typeVersion: 3.4 }),
		node('One item per order', 'n8n-nodes-base.splitOut', { fieldToSplitOut: 'orders', include: 'noOtherFields', options: {} }),
		node(
			'Submit',
			SITE_FLOW,
			{ authentication: 'siteFlowApi', resource: 'order', operation: 'submit', submitTarget: 'siteFlowApi', inputMode: 'json', orderJson: '={{ $json.order }}' },
			{ credentials: creds.siteFlow, ...submitExtra },
		),
		...after,
	];
	return workflow(id, name, nodes, chain('Start', 'Orders', 'One item per order', 'Submit'));
}

function errorOutputWorkflow(): WorkflowJson {
	prefixes.errorOutput = uniqueSourceOrderId('e2e-eo-');
	const batch = orders(prefixes.errorOutput, {
		3: refused,
		5: (order) => {
			(order.orderData.shipments[0] as { carrier: unknown }).carrier = {};
			return order;
		},
		7: refused,
		11: refused,
	});
	// item 9 repeats item 1
	batch[9] = sampleOrder(`${prefixes.errorOutput}1`);
	const flow = batchWorkflow(WF.errorOutput, 'E2E: 25 orders, Continue (using error output)', batch, { onError: 'continueErrorOutput' }, [
		node('Created', 'n8n-nodes-base.noOp'),
		node('Failed', 'n8n-nodes-base.noOp'),
	]);
	flow.connections.Submit = {
		main: [[{ node: 'Created', type: 'main', index: 0 }], [{ node: 'Failed', type: 'main', index: 0 }]],
	};
	return flow;
}

function notFoundWorkflow(): WorkflowJson {
	const onErrorOutput = { onError: 'continueErrorOutput' };
	return workflow(
		WF.notFound,
		'E2E: Order Get and Folder Get 404, Continue (using error output)',
		[
			node('Start', 'n8n-nodes-base.manualTrigger'),
			node(
				'Get order',
				SITE_FLOW,
				{ authentication: 'siteFlowApi', resource: 'order', operation: 'get', getBy: 'id', orderId: { __rl: true, mode: 'id', value: MISSING_ID } },
				{ credentials: creds.siteFlow, ...onErrorOutput },
			),
			node('Get folder', BOX, { resource: 'folder', operation: 'get', folderId: { __rl: true, mode: 'id', value: MISSING_ID } }, { credentials: creds.gateway, ...onErrorOutput }),
		],
		{
			Start: { main: [[{ node: 'Get order', type: 'main', index: 0 }, { node: 'Get folder', type: 'main', index: 0 }]] },
		},
	);
}

function invalidWorkflow(): WorkflowJson {
	prefixes.invalid = uniqueSourceOrderId('e2e-iv-');
	const batch = orders(prefixes.invalid, {
		2: (order) => {
			(order.orderData.shipments[0] as { carrier: unknown }).carrier = {};
			return order;
		},
		20: (order) => {
			(order.orderData.items[0] as { quantity: unknown }).quantity = 'many';
			return order;
		},
	});
	return batchWorkflow(WF.invalid, 'E2E: 25 orders, two invalid, Stop Workflow', batch, {});
}

function stopWorkflow(): WorkflowJson {
	prefixes.stop = uniqueSourceOrderId('e2e-st-');
	return batchWorkflow(WF.stop, 'E2E: 25 orders, the 6th refused, Stop Workflow', orders(prefixes.stop, { 5: refused }), {});
}

function binaryWorkflow(): WorkflowJson {
	prefixes.binary = uniqueSourceOrderId('e2e-bi-');
	const pdf = [
		node('Artwork (base64)', 'n8n-nodes-base.set', setParameters([['pdf', businessCardPdfBase64(), 'string']]), { typeVersion: 3.4 }),
		node('Artwork PDF', 'n8n-nodes-base.convertToFile', base64ToFileParameters('pdf', 'business-card.pdf'), { typeVersion: 1.1 }),
	];
	return workflow(
		WF.binary,
		'E2E: binary through Create Folder and Submit',
		[
			node('Start', 'n8n-nodes-base.manualTrigger'),
			...pdf,
			node('Create folder', BOX, { resource: 'folder', operation: 'create', name: `E2E binary ${prefixes.binary}` }, { credentials: creds.gateway }),
			node(
				'Upload',
				BOX,
				{ resource: 'file', operation: 'uploadBinary', folderId: { __rl: true, mode: 'id', value: '={{ $json._id }}' }, binaryPropertyName: 'data' },
				{ credentials: creds.gateway },
			),
			node(
				'Submit',
				SITE_FLOW,
				{ authentication: 'siteFlowApi', resource: 'order', operation: 'submit', submitTarget: 'siteFlowApi', inputMode: 'json', orderJson: JSON.stringify(sampleOrder(prefixes.binary)) },
				{ credentials: creds.siteFlow },
			),
			node(
				'Get order',
				SITE_FLOW,
				{ authentication: 'siteFlowApi', resource: 'order', operation: 'get', getBy: 'id', orderId: { __rl: true, mode: 'id', value: '={{ $json._id }}' } },
				{ credentials: creds.siteFlow },
			),
		],
		{
			...chain('Start', 'Artwork (base64)', 'Artwork PDF', 'Create folder', 'Upload'),
			'Artwork PDF': { main: [[{ node: 'Create folder', type: 'main', index: 0 }, { node: 'Submit', type: 'main', index: 0 }]] },
			Submit: { main: [[{ node: 'Get order', type: 'main', index: 0 }]] },
		},
	);
}

/** Each item of one output of a node: its json, its binary and the input item it came from. */
function outputItems(run: RunJson | undefined, nodeName: string, outputIndex: number) {
	const items = (run?.data.resultData.runData[nodeName]?.[0]?.data?.main?.[outputIndex] ?? []) as Array<{ json: any; binary?: any; pairedItem?: any }>;
	return items.map((item) => ({ json: item.json, binary: item.binary, item: item.pairedItem?.item as number | undefined }));
}

async function sandboxOrders(env: E2eEnv, prefix: string): Promise<Map<string, string[]>> {
	const all: any[] = (await env.sandbox.admin('GET', 'orders')).orders ?? [];
	const byId = new Map<string, string[]>();
	for (const order of all) {
		const sourceOrderId = String(order?.orderData?.sourceOrderId ?? '');
		if (!sourceOrderId.startsWith(prefix)) continue;
		byId.set(sourceOrderId, [...(byId.get(sourceOrderId) ?? []), String(order._id)]);
	}
	return byId;
}

function range(from: number, to: number): number[] {
	return Array.from({ length: to - from + 1 }, (_, offset) => from + offset);
}

async function checkErrorOutput(env: E2eEnv) {
	const outcome = await env.execute(WF.errorOutput);
	check(outcome.ok, `the error-output workflow failed: ${describeFailure(outcome)}`);
	const success = outputItems(outcome.run, 'Submit', 0);
	const failed = outputItems(outcome.run, 'Submit', 1);
	const failedItems = [3, 5, 7, 9, 11];
	checkEqual(failed.map((entry) => entry.item), failedItems, 'items on the error output');
	checkEqual(success.map((entry) => entry.item), range(0, BATCH - 1).filter((item) => !failedItems.includes(item)), 'items on the success output');
	check(success.every((entry) => entry.json.error === undefined && typeof entry.json._id === 'string'), `a success item carries an error: ${excerpt(success)}`);
	checkEqual(nodeOutput(outcome.run, 'Failed').length, failedItems.length, 'items the error branch received');
	for (const entry of failed) {
		check(entry.json.order, `error item ${entry.item} lost its input fields: ${excerpt(entry.json)}`);
		check(typeof entry.json.error?.message === 'string', `error item ${entry.item} has no message: ${excerpt(entry.json)}`);
	}
	for (const item of [3, 7, 11]) {
		const error = failed.find((entry) => entry.item === item)?.json.error;
		checkEqual(error?.httpCode, 400, `item ${item}: HTTP status`);
		checkEqual(error?.sourceOrderId, `${prefixes.errorOutput}${item}`, `item ${item}: sourceOrderId`);
		check(/No Such SKU/.test(error?.message), `item ${item}: PrintOS's message is missing: ${excerpt(error)}`);
	}
	check(/^Item 5: the order is not valid: orderData\.shipments\[0\]\.carrier/.test(failed[1].json.error.message), `item 5: ${excerpt(failed[1].json.error)}`);
	check(/^Item 9: same sourceOrderId as item 1 of this batch/.test(failed[3].json.error.message), `item 9: ${excerpt(failed[3].json.error)}`);

	const stored = await sandboxOrders(env, prefixes.errorOutput);
	checkEqual(stored.size, success.length, 'orders in the sandbox');
	for (const entry of success) {
		checkEqual(stored.get(entry.json.orderData.sourceOrderId), [entry.json._id], `the sandbox's orders for ${entry.json.orderData.sourceOrderId}`);
	}
}

async function checkNotFound(env: E2eEnv) {
	const outcome = await env.execute(WF.notFound);
	check(outcome.ok, `the 404 workflow failed: ${describeFailure(outcome)}`);
	for (const [name, message] of [['Get order', 'Order not found'], ['Get folder', 'Folder not found']]) {
		checkEqual(outputItems(outcome.run, name, 0).length, 0, `${name}: success items`);
		const failed = outputItems(outcome.run, name, 1);
		checkEqual(failed.map((entry) => [entry.item, entry.json.error?.message, entry.json.error?.httpCode]), [[0, message, 404]], `${name}: error output`);
	}
}

async function checkInvalid(env: E2eEnv) {
	const outcome = await env.execute(WF.invalid);
	check(!outcome.ok, 'a batch with invalid orders ran through');
	const error = outcome.run?.data.resultData.error;
	checkEqual(error?.message, `2 of ${BATCH} items are invalid (items 2, 20); nothing was sent to PrintOS`, 'the error');
	check(/- Item 2: .*carrier/.test(String(error?.description)) && /- Item 20: .*quantity/.test(String(error?.description)), `the error does not list both items: ${excerpt(error)}`);
	checkEqual((await sandboxOrders(env, prefixes.invalid)).size, 0, 'orders created');
}

async function checkStop(env: E2eEnv) {
	const outcome = await env.execute(WF.stop);
	check(!outcome.ok, 'a batch with a refused order ran through');
	const error = outcome.run?.data.resultData.error;
	const description = String(error?.description ?? '');
	check(/Validation failed/.test(String(error?.message)) && /The batch stopped at this failure \(item 5\)/.test(description), `the error: ${excerpt(error, 1500)}`);
	const listed = new Map([...description.matchAll(/sourceOrderId "([^"]+)"\) → ([0-9a-f]{24})/g)].map((match) => [match[1], [match[2]]]));
	const stored = await sandboxOrders(env, prefixes.stop);
	checkEqual([...stored.entries()].sort(), [...listed.entries()].sort(), 'orders in the sandbox vs. orders the error lists');
	check(listed.size >= 5, `fewer than the 5 orders before the refused one were listed: ${listed.size}`);
	env.log(`stopped after ${listed.size} orders created of ${BATCH}`);
}

async function checkBinary(env: E2eEnv) {
	const outcome = await env.execute(WF.binary);
	check(outcome.ok, `the binary workflow failed: ${describeFailure(outcome)}`);
	for (const name of ['Create folder', 'Get order']) {
		const [item] = outputItems(outcome.run, name, 0);
		checkEqual(item?.binary?.data?.fileName, 'business-card.pdf', `${name}: the PDF passed through`);
	}
	const [uploaded] = outputItems(outcome.run, 'Upload', 0);
	check(uploaded?.json?._id ?? uploaded?.json?.id, `Upload after Create folder returned no file: ${excerpt(uploaded)}`);
}

export const batchesScenario: Scenario = {
	name: '9. Batches: error modes and the error output, local checks first, stop report, no duplicates, binary through',
	workflows: () => [errorOutputWorkflow(), notFoundWorkflow(), invalidWorkflow(), stopWorkflow(), binaryWorkflow()],
	async run(env) {
		await checkErrorOutput(env);
		await checkNotFound(env);
		await checkInvalid(env);
		await checkStop(env);
		await checkBinary(env);
	},
};
