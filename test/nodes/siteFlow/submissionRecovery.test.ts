/**
 * The branches of the no-duplicates rule that need an exact sequence of answers (lost, not found,
 * then created / refused as duplicate / lost again), scripted one by one on a real HTTP server.
 */
import type { IDataObject } from 'n8n-workflow';

import { PrintOsSiteFlow } from '../../../nodes/PrintOs/SiteFlow/PrintOsSiteFlow.node';
import { resetPacers } from '../../../nodes/PrintOs/transport/pacer';
import { runNode } from '../../harness/n8nRun';
import { startScriptedServer, type ScriptedServer } from '../../helpers/scriptedServer';
import { validOrder } from '../../helpers/siteFlowOrders';

let server: ScriptedServer;
beforeEach(async () => {
	server = await startScriptedServer();
	resetPacers();
});
afterEach(async () => server.close());

const storedOrder = (sourceOrderId: string) => ({ _id: '0123456789abcdef01234567', orderData: { sourceOrderId, status: 'dataready' } });
const notFound = { status: 404, body: { success: false, error: { message: 'Order not found', code: 404 } } };

async function submit(sourceOrderId: string) {
	return await runNode({
		nodeType: new PrintOsSiteFlow(),
		parameters: {
			authentication: 'siteFlowApi',
			resource: 'order',
			operation: 'submit',
			submitTarget: 'siteFlowApi',
			inputMode: 'json',
			orderJson: validOrder(sourceOrderId),
			requestOptions: { retryBaseMs: 5, maxRetries: 1 },
		},
		credentials: {
			siteFlowApi: { token: 't', secret: 's', environment: 'custom', baseUrl: `${server.url}/api`, orderServiceUrl: `${server.url}/orders/api` },
		},
	});
}

function calls() {
	return server.requests.map((request) => `${request.method} ${request.url}`);
}

describe('submission after a lost connection', () => {
	it('re-sends once when no order exists, and reports resubmittedAfterConnectionLoss', async () => {
		server.script.push({ drop: true }, notFound, { status: 201, body: { order: storedOrder('R-1'), success: true } });
		const result = await submit('R-1');
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual(['POST /api/order', 'GET /api/order/bysourceid/R-1', 'POST /api/order']);
		expect(result.items[0].json).toMatchObject({
			_id: '0123456789abcdef01234567',
			submission: { outcome: 'resubmittedAfterConnectionLoss', requests: 2, target: 'siteFlowApi' },
		});
		expect((result.items[0].json.submission as IDataObject).note).toMatch(/sent once more/);
	});

	it('a duplicate refusal of the re-send means the first arrived: it is looked up and confirmed', async () => {
		server.script.push(
			{ drop: true },
			notFound,
			{ status: 400, body: { success: false, error: { message: 'Source Order ID already exists', code: 400 } } },
			{ status: 200, body: storedOrder('R-2') },
		);
		const result = await submit('R-2');
		expect(result.error).toBeUndefined();
		expect(calls()).toEqual(['POST /api/order', 'GET /api/order/bysourceid/R-2', 'POST /api/order', 'GET /api/order/bysourceid/R-2']);
		expect(result.items[0].json.submission).toMatchObject({ outcome: 'confirmedAfterConnectionLoss', requests: 2 });
	});

	it('lost twice and still not found: the outcome is unknown, and there is no third send', async () => {
		server.script.push({ drop: true }, notFound, { drop: true }, notFound);
		const result = await submit('R-3');
		expect(result.error?.message).toMatch(/outcome of submitting order "R-3" to the Site Flow API is unknown/);
		expect(calls().filter((call) => call.startsWith('POST'))).toHaveLength(2);
	});

	it('a lookup that fails leaves the outcome unknown and sends nothing more', async () => {
		const failure = { status: 500, body: { message: 'boom' } };
		server.script.push({ drop: true }, failure, failure);
		const result = await submit('R-4');
		expect(result.error?.message).toMatch(/is unknown: the connection was lost before PrintOS answered, and looking the order up failed \(boom\)/);
		expect(result.error?.description).toMatch(/Check in Site Flow whether order "R-4" exists/);
		expect(calls()).toEqual(['POST /api/order', 'GET /api/order/bysourceid/R-4', 'GET /api/order/bysourceid/R-4']);
	});
});
