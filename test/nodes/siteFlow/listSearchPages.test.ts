/**
 * List searches beyond the first page (issue 14): the order, SKU and product pickers and the SKU
 * dropdown, run in n8n-core's real LoadOptionsContext against a sandbox with long lists. n8n asks
 * for the next page only when the user scrolls, never after an empty page, so every answer that
 * carries a `paginationToken` must hold at least one entry.
 */
import type { INodeListSearchResult } from 'n8n-workflow';

import { PrintOsSiteFlow } from '../../../nodes/PrintOs/SiteFlow/PrintOsSiteFlow.node';
import { MAX_SKUS_IN_LIST, SEARCH_PAGE_BUDGET } from '../../../nodes/PrintOs/SiteFlow/methods/searchBudget';
import { resetPacers } from '../../../nodes/PrintOs/transport/pacer';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { loadOptionsContext } from '../../harness/loadOptionsRun';
import { BOTH_AUTHS, type Auth } from '../../helpers/siteFlowSandbox';

const node = new PrintOsSiteFlow();
const { searchOrders, searchSkus, searchProducts } = node.methods.listSearch;

/** Seeded after the 6 default SKUs and products, so these numbers sit on pages 2 and beyond. */
const EXTRA_SKUS = 1050;
const EXTRA_PRODUCTS = 250;
const number = (index: number, digits: number) => String(index).padStart(digits, '0');

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({
		port: 0,
		seed: {
			skus: Array.from({ length: EXTRA_SKUS }, (_, index) => ({ code: `SKU-${number(index + 1, 4)}`, name: `SKU-${number(index + 1, 4)}`, productId: 'none' })),
			products: Array.from({ length: EXTRA_PRODUCTS }, (_, index) => ({ code: `PRD-${number(index + 1, 3)}`, name: `Product ${number(index + 1, 3)}` })),
		},
	});
});
beforeEach(() => {
	sandbox.reset();
	resetPacers();
});
afterAll(async () => await sandbox.close());

function picker(auth: Auth, resource = 'order') {
	return loadOptionsContext({
		nodeType: node,
		credentials: { [auth]: sandbox.credentialData()[auth] },
		parameters: { authentication: auth, resource, operation: 'get' },
		path: `parameters.${resource}Id`,
	});
}

/** The list pages read since the last reset, by `page`, and the other API calls. */
function listPages(path: string): number[] {
	return sandbox
		.requests(1000)
		.filter((entry) => entry.path.replace(/^\/siteflow/, '') === `/api/${path}`)
		.map((entry) => Number(entry.query.page));
}

function lookups(): string[] {
	return sandbox
		.requests(1000)
		.filter((entry) => entry.path.includes('/order/bysourceid/'))
		.map((entry) => `${entry.path.replace(/^.*\/bysourceid\//, '')} ${entry.status}`);
}

function names(result: INodeListSearchResult): string[] {
	return result.results.map((entry) => entry.name);
}

/** The rule n8n's editor depends on: a page that promises more is never empty. */
function expectUsable(result: INodeListSearchResult) {
	if (result.paginationToken !== undefined) expect(result.results.length).toBeGreaterThan(0);
}

const stoppedAfter = (count: string, what: string) =>
	`Search stopped after the first ${count} ${what}: refine the filter, or scroll to search on`;

describe.each(BOTH_AUTHS)('order search with %s', (auth) => {
	it('finds orders on page 4 of 500 and reads on to the end of the list', async () => {
		await sandbox.generateOrders(500);
		// newest first: page 1 is GEN-000500…401, page 4 is GEN-000200…101
		const result = await searchOrders.call(picker(auth), 'gen-00015');
		expect(names(result)).toEqual(Array.from({ length: 10 }, (_, index) => `GEN-${number(159 - index, 6)} (dataready)`));
		expect(result.paginationToken).toBeUndefined();
		expect(listPages('order')).toEqual([1, 2, 3, 4, 5]);
		expect(lookups()).toEqual(['gen-00015 404']);
	});

	it('stops a fruitless search at its page budget, says so in the list, and searches on when scrolled', async () => {
		await sandbox.generateOrders(1150);
		const context = picker(auth);
		const first = await searchOrders.call(context, 'ERP-A-01');
		expect(names(first)).toEqual([stoppedAfter('1,000', 'orders')]);
		expect(first.results[0].value).toBe('');
		expect(first.paginationToken).toBe(SEARCH_PAGE_BUDGET + 1);
		expectUsable(first);
		expect(listPages('order')).toEqual(Array.from({ length: SEARCH_PAGE_BUDGET }, (_, index) => index + 1));

		sandbox.clearRequests();
		const rest = await searchOrders.call(context, 'ERP-A-01', first.paginationToken);
		expect(rest).toEqual({ results: [] });
		expect(listPages('order')).toEqual([11, 12]);
		expect(lookups()).toEqual([]);
	});

	it('finds an exact sourceOrderId beyond the page budget by asking PrintOS for it', async () => {
		await sandbox.generateOrders(1150);
		const result = await searchOrders.call(picker(auth), 'GEN-000001');
		const oldest = sandbox.orders({ sourceOrderId: 'GEN-000001' })[0];
		expect(result.results[0]).toEqual({ name: 'GEN-000001 (dataready)', value: oldest._id });
		expect(names(result).at(-1)).toBe(stoppedAfter('1,000', 'orders'));
		expect(result.results).toHaveLength(2);
		expect(lookups()).toEqual(['GEN-000001 200']);
	});

	it('still searches the list when PrintOS refuses the exact lookup, and fails when it refuses the credential', async () => {
		await sandbox.generateOrders(150);
		const lookupPath = `${auth === 'printOsApi' ? '/siteflow' : ''}/api/order/bysourceid/`;
		sandbox.setFaults({ failNext: { count: 1, status: 400, match: { path: lookupPath } } });
		const result = await searchOrders.call(picker(auth), 'GEN-000001');
		expect(names(result)).toEqual(['GEN-000001 (dataready)']);
		expect(lookups()).toEqual(['GEN-000001 400']);
		expect(listPages('order')).toEqual([1, 2]);

		const wrong = loadOptionsContext({
			nodeType: node,
			credentials: { [auth]: { ...sandbox.credentialData()[auth], secret: 'wrong' } },
			parameters: { authentication: auth, resource: 'order', operation: 'get' },
			path: 'parameters.orderId',
		});
		await expect(searchOrders.call(wrong, 'GEN-000001')).rejects.toMatchObject({ httpCode: '401' });
	});

	it('answers a page of matches at once and pages on from there', async () => {
		await sandbox.generateOrders(500);
		const context = picker(auth);
		const first = await searchOrders.call(context, 'GEN-000');
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe(2);
		expect(listPages('order')).toEqual([1]);
		const second = await searchOrders.call(context, 'GEN-000', first.paginationToken);
		expect(names(second)[0]).toBe('GEN-000400 (dataready)');
		expect(second.paginationToken).toBe(3);
	});
});

describe.each(BOTH_AUTHS)('SKU and product search with %s', (auth) => {
	it('finds a product on page 3 of 256', async () => {
		const result = await searchProducts.call(picker(auth, 'product'), 'product 200');
		expect(result).toEqual({ results: [{ name: 'Product 200 [PRD-200]', value: expect.any(String) }] });
		expect(listPages('product')).toEqual([1, 2, 3]);
	});

	it('finds a SKU beyond the first page, then stops at the budget and says so', async () => {
		const context = picker(auth, 'sku');
		const first = await searchSkus.call(context, 'sku-0150');
		expect(names(first)).toEqual(['SKU-0150', stoppedAfter('1,000', 'SKUs')]);
		expect(first.paginationToken).toBe(SEARCH_PAGE_BUDGET + 1);
		const rest = await searchSkus.call(context, 'sku-0150', first.paginationToken);
		expect(rest).toEqual({ results: [] });
		const last = await searchSkus.call(context, 'sku-1050', first.paginationToken);
		expect(names(last)).toEqual(['SKU-1050']);
		expect(last.paginationToken).toBeUndefined();
	});

	it('the SKU dropdown lists the first 1,000 SKUs and says there are more', async () => {
		const context = loadOptionsContext({
			nodeType: node,
			credentials: { [auth]: sandbox.credentialData()[auth] },
			parameters: { authentication: auth, resource: 'order', operation: 'submit', inputMode: 'fields' },
			path: 'parameters.items.item[0].sku',
		});
		const options = await node.methods.loadOptions.getSkus.call(context);
		expect(options).toHaveLength(MAX_SKUS_IN_LIST + 1);
		expect(options.at(-1)).toEqual({
			name: 'Only the first 1,000 SKUs are listed',
			value: '',
			description: 'For another SKU, set the field to an expression holding its code',
		});
		expect(options.slice(0, -1).every((option) => option.value !== '')).toBe(true);
		expect(listPages('sku')).toHaveLength(11);
	});
});
