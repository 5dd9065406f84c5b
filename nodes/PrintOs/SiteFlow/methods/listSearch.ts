/**
 * Resource-locator searches. Site Flow documents no search parameters for these lists, so each call
 * reads one page and filters it here; `paginationToken` is the next page, so scrolling reads on.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import type { Endpoint } from '../../transport/endpoint';
import { readListEnvelope } from '../../transport/pagination';
import { SITE_FLOW_ENDPOINTS, SITE_FLOW_PAGING } from '../endpoints';
import { clientForLoadOptions } from './loadOptionsClient';

type Describe = (record: IDataObject) => INodeListSearchItems | undefined;

function text(value: unknown): string {
	return value === undefined || value === null ? '' : String(value);
}

async function searchPage(
	context: ILoadOptionsFunctions,
	endpoint: Endpoint,
	describe: Describe,
	filter?: string,
	paginationToken?: unknown,
	qs: IDataObject = {},
): Promise<INodeListSearchResult> {
	const client = await clientForLoadOptions(context);
	const page = Number(paginationToken) || SITE_FLOW_PAGING.firstPage;
	const body = await client.request({
		service: 'siteFlow',
		endpoint,
		qs: {
			...qs,
			[SITE_FLOW_PAGING.pageParameter]: page,
			[SITE_FLOW_PAGING.pageSizeParameter]: SITE_FLOW_PAGING.maxPageSize,
		},
	});
	const { data, pages } = readListEnvelope(body);
	const needle = (filter ?? '').trim().toLowerCase();
	const results = data
		.map(describe)
		.filter((entry): entry is INodeListSearchItems => !!entry)
		.filter((entry) => !needle || `${entry.name} ${text(entry.value)}`.toLowerCase().includes(needle));
	const hasMore = pages !== undefined ? page < SITE_FLOW_PAGING.firstPage + pages - 1 : data.length >= SITE_FLOW_PAGING.maxPageSize;
	return { results, paginationToken: hasMore ? page + 1 : undefined };
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

export async function searchOrders(this: ILoadOptionsFunctions, filter?: string, paginationToken?: unknown) {
	return await searchPage(this, SITE_FLOW_ENDPOINTS.orderList, describeOrder, filter, paginationToken, {
		sort: '_id',
		direction: -1,
	});
}

export async function searchSkus(this: ILoadOptionsFunctions, filter?: string, paginationToken?: unknown) {
	return await searchPage(this, SITE_FLOW_ENDPOINTS.skuList, describeNamed, filter, paginationToken);
}

export async function searchProducts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: unknown) {
	return await searchPage(this, SITE_FLOW_ENDPOINTS.productList, describeNamed, filter, paginationToken);
}
