/**
 * Resource-locator searches. Site Flow documents no search parameter for these lists, so a search
 * reads pages and filters them here. n8n asks for the next page only when the user scrolls, never
 * after an empty page, so one keystroke reads on until it has a page of matches, reaches the end of
 * the list or spends its page budget; in the last case the list ends with an entry saying so, and
 * `paginationToken` lets scrolling search on. Orders are also looked up by the exact sourceOrderId
 * typed, which finds an order however far down the list it is.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { Endpoint } from '../../transport/endpoint';
import { readListEnvelope } from '../../transport/pagination';
import { SITE_FLOW_ENDPOINTS, SITE_FLOW_PAGING } from '../endpoints';
import { findOrderBySourceId } from '../order/readOrder';
import type { PrintOsClient } from '../../transport/client';
import { clientForLoadOptions } from './loadOptionsClient';
import { SEARCH_PAGE_BUDGET } from './searchBudget';

type Describe = (record: IDataObject) => INodeListSearchItems | undefined;

interface SearchedList {
	endpoint: Endpoint;
	/** Plural, for the entry that says where the search stopped. */
	what: string;
	describe: Describe;
	qs?: IDataObject;
}

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value);
}

/** Last in the list when the budget ran out; its empty value leaves the field empty if picked. */
function searchStoppedEntry(searched: number, what: string): INodeListSearchItems {
	return {
		name: `Search stopped after the first ${searched.toLocaleString('en-US')} ${what}: refine the filter, or scroll to search on`,
		value: '',
	};
}

async function searchPages(
	client: PrintOsClient,
	list: SearchedList,
	filter?: string,
	paginationToken?: unknown,
	firstResults: INodeListSearchItems[] = [],
): Promise<INodeListSearchResult> {
	const needle = (filter ?? '').trim().toLowerCase();
	const pageSize = SITE_FLOW_PAGING.maxPageSize;
	const results = [...firstResults];
	const seen = new Set(results.map((entry) => entry.value));
	let page = Number(paginationToken) || SITE_FLOW_PAGING.firstPage;
	for (let pagesRead = 1; ; pagesRead++, page++) {
		const body = await client.request({
			service: 'siteFlow',
			endpoint: list.endpoint,
			qs: { ...list.qs, [SITE_FLOW_PAGING.pageParameter]: page, [SITE_FLOW_PAGING.pageSizeParameter]: pageSize },
		});
		const { data, pages } = readListEnvelope(body);
		for (const record of data) {
			const entry = list.describe(record);
			if (!entry || seen.has(entry.value)) continue;
			if (needle && !`${entry.name} ${text(entry.value)}`.toLowerCase().includes(needle)) continue;
			seen.add(entry.value);
			results.push(entry);
		}
		const lastPage = pages !== undefined ? page >= SITE_FLOW_PAGING.firstPage + pages - 1 : data.length < pageSize;
		if (lastPage) return { results };
		if (results.length >= pageSize) return { results, paginationToken: page + 1 };
		if (pagesRead >= SEARCH_PAGE_BUDGET) {
			const searched = (page - SITE_FLOW_PAGING.firstPage + 1) * pageSize;
			return { results: [...results, searchStoppedEntry(searched, list.what)], paginationToken: page + 1 };
		}
	}
}

const describeOrder: Describe = (order) => {
	if (!order._id) return undefined;
	const orderData = (order.orderData ?? {}) as IDataObject;
	const status = orderData.status ? ` (${text(orderData.status)})` : '';
	return { name: `${text(orderData.sourceOrderId) || text(order._id)}${status}`, value: text(order._id) };
};

const describeNamed: Describe = (record) => {
	if (!record._id) return undefined;
	const label = text(record.name) || text(record.code) || text(record.description);
	const code = record.code && record.name && record.code !== record.name ? ` [${text(record.code)}]` : '';
	return { name: `${label || text(record._id)}${code}`, value: text(record._id) };
};

/** What could be a sourceOrderId: one word, and not a dot segment, which a path cannot carry. */
function couldBeSourceOrderId(filter: string): boolean {
	return filter !== '' && !/\s/.test(filter) && filter !== '.' && filter !== '..';
}

const ORDERS: SearchedList = {
	endpoint: SITE_FLOW_ENDPOINTS.orderList,
	what: 'orders',
	describe: describeOrder,
	qs: { sort: '_id', direction: -1 },
};
const SKUS: SearchedList = { endpoint: SITE_FLOW_ENDPOINTS.skuList, what: 'SKUs', describe: describeNamed };
const PRODUCTS: SearchedList = { endpoint: SITE_FLOW_ENDPOINTS.productList, what: 'products', describe: describeNamed };

/**
 * The order whose sourceOrderId is exactly what was typed. The lookup only adds to the search: an
 * id PrintOS or the node refuses to look up means no exact match, while a refused credential or an
 * unreachable PrintOS fails the search as the list request would.
 */
async function exactOrder(client: PrintOsClient, typed: string): Promise<INodeListSearchItems[]> {
	if (!couldBeSourceOrderId(typed)) return [];
	let failure: unknown;
	try {
		const order = await findOrderBySourceId(client, typed, 0);
		const entry = order && describeOrder(order);
		return entry ? [entry] : [];
	} catch (error) {
		failure = error;
	}
	if (failure instanceof NodeOperationError) return [];
	const status = failure instanceof NodeApiError ? Number(failure.httpCode) : 0;
	if (status >= 400 && status < 500 && status !== 401 && status !== 403) return [];
	// already the transport's NodeApiError, with PrintOS's message and status
	throw failure;
}

export async function searchOrders(this: ILoadOptionsFunctions, filter?: string, paginationToken?: unknown) {
	const client = await clientForLoadOptions(this);
	const exact = paginationToken === undefined ? await exactOrder(client, (filter ?? '').trim()) : [];
	return await searchPages(client, ORDERS, filter, paginationToken, exact);
}

export async function searchSkus(this: ILoadOptionsFunctions, filter?: string, paginationToken?: unknown) {
	return await searchPages(await clientForLoadOptions(this), SKUS, filter, paginationToken);
}

export async function searchProducts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: unknown) {
	return await searchPages(await clientForLoadOptions(this), PRODUCTS, filter, paginationToken);
}
