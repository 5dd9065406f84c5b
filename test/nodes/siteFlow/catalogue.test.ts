/**
 * Product, SKU, Stock, Account, Shipment and File operations against the sandbox, through both
 * credentials, plus the node's list searches and SKU dropdown, run as the editor runs them.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeParameters } from 'n8n-workflow';

import { PrintOsSiteFlow } from '../../../nodes/PrintOs/SiteFlow/PrintOsSiteFlow.node';
import { loadOptionsContext } from '../../harness/loadOptionsRun';
import { validOrder } from '../../helpers/siteFlowOrders';
import { BOTH_AUTHS, expectNoSecret, useSiteFlowSandbox, type Auth } from '../../helpers/siteFlowSandbox';

const harness = useSiteFlowSandbox();
const { run } = harness;
const node = new PrintOsSiteFlow();

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

async function createOrder(sourceOrderId: string, auth: Auth = 'siteFlowApi') {
	const result = await run({ resource: 'order', operation: 'submit', submitTarget: 'siteFlowApi', inputMode: 'json', orderJson: validOrder(sourceOrderId) }, { auth });
	expect(result.error).toBeUndefined();
	harness.sandbox().clearRequests();
	return result.items[0].json;
}

function paths() {
	return harness.apiRequests().map((request) => `${request.method} ${request.path.replace(/^\/siteflow/, '')}`);
}

describe.each(BOTH_AUTHS)('catalogue with %s', (auth) => {
	it('Product: Get Many with a limit, then Get by ID', async () => {
		const list = await run({ resource: 'product', operation: 'getAll', returnAll: false, limit: 4 }, { auth });
		expect(list.error).toBeUndefined();
		expect(list.items).toHaveLength(4);
		const first = list.items[0].json;
		const one = await run({ resource: 'product', operation: 'get', productId: byId(String(first._id)) }, { auth });
		expect(one.items[0].json).toMatchObject({ _id: first._id, code: first.code });
		expect(paths()).toEqual(['GET /api/product', `GET /api/product/${first._id}`]);
		expectNoSecret(one);
	});

	it('SKU: Get Many returns all, Get returns one', async () => {
		const list = await run({ resource: 'sku', operation: 'getAll', returnAll: true }, { auth });
		expect(list.items.map((item) => item.json.code)).toContain('Business Cards');
		const sku = list.items.find((item) => item.json.code === 'Business Cards')?.json as IDataObject;
		const one = await run({ resource: 'sku', operation: 'get', skuId: byId(String(sku._id)) }, { auth });
		expect(one.items[0].json).toMatchObject({ code: 'Business Cards', productCode: 'BC-85x55' });
	});

	it('SKU: Get of an unknown SKU is a 404', async () => {
		const result = await run({ resource: 'sku', operation: 'get', skuId: byId('nope') }, { auth });
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.message).toBe('SKU not found');
	});

	it('Stock: Get Many', async () => {
		const result = await run({ resource: 'stock', operation: 'getAll', returnAll: true }, { auth });
		expect(result.items.map((item) => item.json.code)).toEqual(['ENV-C6-WHT', 'BOX-BC-250', 'SLV-A4-CLR']);
	});

	it('Account: Get', async () => {
		const result = await run({ resource: 'account', operation: 'get' }, { auth });
		expect(result.items[0].json).toMatchObject({ name: 'sandbox-brand' });
		expect(paths()).toEqual(['GET /api/account']);
	});

	it('Shipment: Mark as Shipped with tracking details', async () => {
		const order = await createOrder(`SHIP-${auth}`, auth);
		const shipmentId = ((order.orderData as IDataObject).shipments as IDataObject[])[0]._id as string;
		const result = await run(
			{
				resource: 'shipment',
				operation: 'markShipped',
				shipmentId,
				shipmentFields: { trackingNumber: '1Z999', trackingUrl: 'https://track.example/1Z999', shippedDate: '2030-01-02T03:04:05Z' },
			},
			{ auth },
		);
		expect(result.error).toBeUndefined();
		const stored = harness.sandbox().order(String(order._id))?.orderData.shipments[0];
		expect(stored).toMatchObject({ status: 'shipped', trackingNumber: '1Z999', trackingUrl: 'https://track.example/1Z999' });
		expect(paths()).toEqual([`PUT /api/shipment/shipped/${shipmentId}`]);
	});

	it('File: Get Upload URL and Get Many for an order', async () => {
		const url = await run({ resource: 'file', operation: 'getUploadUrl', mimeType: 'application/pdf' }, { auth });
		expect(url.items[0].json).toEqual({ url: expect.stringContaining('/_uploads/'), path: expect.stringContaining('/_uploads/') });
		const order = await createOrder(`FILES-${auth}`, auth);
		const files = await run({ resource: 'file', operation: 'getAll', orderId: byId(String(order._id)), returnAll: true }, { auth });
		expect(files.items).toHaveLength(1);
		expect(files.items[0].json).toMatchObject({ orderId: order._id, type: 'artwork', fetch: true });
	});
});

describe('input checks', () => {
	it('a shipped date that is not a date fails before any request', async () => {
		const result = await run({ resource: 'shipment', operation: 'markShipped', shipmentId: 'x', shipmentFields: { shippedDate: 'soon' } });
		expect(result.error?.message).toBe('Item 0: "Shipped Date" is not a date: soon');
		expect(harness.apiRequests()).toHaveLength(0);
	});
});

/**
 * A picker opening in the editor: n8n-core's real LoadOptionsContext for the node with these
 * parameters, signing with the real credential the Authentication parameter selects.
 */
function picker(auth: Auth, parameters: INodeParameters, path: string): ILoadOptionsFunctions {
	return loadOptionsContext({
		nodeType: node,
		credentials: { [auth]: harness.sandbox().credentialData()[auth] },
		parameters: { authentication: auth, ...parameters },
		path,
	});
}

const orderPicker = (auth: Auth) => picker(auth, { resource: 'order', operation: 'get' }, 'parameters.orderId');
const skuPicker = (auth: Auth) => picker(auth, { resource: 'order', operation: 'submit', inputMode: 'fields' }, 'parameters.items.item[0].sku');

describe.each(BOTH_AUTHS)('list searches with %s', (auth) => {

	it('searchOrders lists orders newest first, filters by text and pages on', async () => {
		await harness.sandbox().generateOrders(105);
		const context = orderPicker(auth);
		const first = await node.methods.listSearch.searchOrders.call(context);
		expect(first.results).toHaveLength(100);
		expect(first.results[0].name).toBe('GEN-000105 (dataready)');
		expect(first.paginationToken).toBe(2);
		const second = await node.methods.listSearch.searchOrders.call(context, undefined, first.paginationToken);
		expect(second.results).toHaveLength(5);
		expect(second.paginationToken).toBeUndefined();
		const filtered = await node.methods.listSearch.searchOrders.call(context, 'gen-000010');
		expect(filtered.results.map((result) => result.name)).toEqual(['GEN-000010 (dataready)']);
	});

	it('searchSkus and searchProducts name entries and give their IDs', async () => {
		const context = picker(auth, { resource: 'sku', operation: 'get' }, 'parameters.skuId');
		const skus = await node.methods.listSearch.searchSkus.call(context, 'business');
		expect(skus.results).toEqual([{ name: 'Business Cards', value: expect.any(String) }]);
		const products = await node.methods.listSearch.searchProducts.call(context, 'flyer');
		expect(products.results).toEqual([{ name: 'A5 Flyer [FLY-A5]', value: expect.any(String) }]);
	});

	it('getSkus offers SKU codes as values', async () => {
		const options = await node.methods.loadOptions.getSkus.call(skuPicker(auth));
		expect(options).toContainEqual({ name: 'Business Cards (Business Cards 85x55mm)', value: 'Business Cards' });
		expect(options).toHaveLength(6);
		expect(paths()).toEqual(['GET /api/sku']);
	});

	it('signs picker requests with the selected credential, and surfaces PrintOS refusing it', async () => {
		await node.methods.loadOptions.getSkus.call(skuPicker(auth));
		expect(harness.apiRequests()[0]).toMatchObject({ scheme: auth === 'printOsApi' ? 'A' : 'B', credential: auth === 'printOsApi' ? 'sandbox-key' : 'sandbox-token', status: 200 });
		const wrong = loadOptionsContext({
			nodeType: node,
			credentials: { [auth]: { ...harness.sandbox().credentialData()[auth], secret: 'wrong' } },
			parameters: { authentication: auth, resource: 'order', operation: 'get' },
			path: 'parameters.orderId',
		});
		await expect(node.methods.listSearch.searchOrders.call(wrong)).rejects.toMatchObject({ httpCode: '401' });
	});
});
