/**
 * Order: Get Many's status filter when PrintOS ignores the (undocumented) status parameter: the
 * node notices mixed statuses, reads every page and filters itself, so the filter holds either way.
 */
import { PrintOsSiteFlow } from '../../../nodes/PrintOs/SiteFlow/PrintOsSiteFlow.node';
import { resetPacers } from '../../../nodes/PrintOs/transport/pacer';
import { runNode } from '../../harness/n8nRun';
import { startScriptedServer, type ScriptedServer } from '../../helpers/scriptedServer';

let server: ScriptedServer;
beforeEach(async () => {
	server = await startScriptedServer();
	resetPacers();
});
afterEach(async () => server.close());

const STATUSES = ['dataready', 'shipped', 'printready'];

/** 7 orders, statuses cycling, paged by `pagesize`, status parameter ignored. */
function ignoringServer() {
	server.fallback = (request) => {
		const url = new URL(request.url, 'http://x');
		const page = Number(url.searchParams.get('page'));
		const size = Number(url.searchParams.get('pagesize'));
		const all = Array.from({ length: 7 }, (_, index) => ({ _id: `o${index}`, orderData: { sourceOrderId: `S-${index}`, status: STATUSES[index % 3] } }));
		return { status: 200, body: { data: all.slice((page - 1) * size, page * size), count: all.length, page, pages: Math.ceil(all.length / size) } };
	};
}

async function getMany(limit: number) {
	return await runNode({
		nodeType: new PrintOsSiteFlow(),
		parameters: {
			authentication: 'siteFlowApi',
			resource: 'order',
			operation: 'getAll',
			returnAll: false,
			limit,
			filters: { status: 'shipped' },
			requestOptions: { retryBaseMs: 5 },
		},
		credentials: { siteFlowApi: { token: 't', secret: 's', environment: 'custom', baseUrl: `${server.url}/api`, orderServiceUrl: `${server.url}/orders/api` } },
	});
}

it('filters a list whose server ignored the status parameter', async () => {
	ignoringServer();
	const result = await getMany(2);
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => [item.json.sourceOrderId, item.json.status])).toEqual([
		['S-1', 'shipped'],
		['S-4', 'shipped'],
	]);
	// first the limited read (status sent), then every page of 100
	expect(server.requests.map((request) => request.url)).toEqual([
		'/api/order?status=shipped&page=1&pagesize=2',
		'/api/order?status=shipped&page=1&pagesize=100',
	]);
});
