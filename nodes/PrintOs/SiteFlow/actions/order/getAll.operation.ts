import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { listItems } from '../../../transport/pagination';
import { SITE_FLOW_ENDPOINTS, SITE_FLOW_PAGING } from '../../endpoints';
import { returnAllLimitProperties } from '../../descriptions/returnAllLimit';
import { simplifyOrderProperty } from '../../descriptions/simplify';
import { simplifyOrder } from '../../order/simplifyOrder';
import { ORDER_STATUSES } from '../../order/orderStatuses';
import { readLimit } from '../parameters';
import type { OperationResult } from '../types';

export const description: INodeProperties[] = [
	...returnAllLimitProperties,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: ORDER_STATUSES.map((status) => ({ name: status.name, value: status.value })),
				default: 'dataready',
				description:
					'Only orders in this status (orderData.status). Sent as the status query parameter, which HP does not document; orders in other statuses are also dropped here, so the filter holds either way.',
			},
		],
	},
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'collection',
		placeholder: 'Add Sort Option',
		default: {},
		options: [
			{
				displayName: 'Sort By',
				name: 'sort',
				type: 'string',
				default: '_id',
				placeholder: '_id',
				description: 'The field PrintOS sorts by, e.g. _id or source',
			},
			{
				displayName: 'Direction',
				name: 'direction',
				type: 'options',
				options: [
					{ name: 'Ascending', value: 1 },
					{ name: 'Descending', value: -1 },
				],
				default: -1,
			},
		],
	},
	simplifyOrderProperty,
];

function statusOf(order: IDataObject): unknown {
	return (order.orderData as IDataObject | undefined)?.status ?? order.status;
}

export async function execute(this: IExecuteFunctions, client: PrintOsClient, itemIndex: number): Promise<OperationResult> {
	const limit = readLimit(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as { status?: string };
	const sort = this.getNodeParameter('sort', itemIndex, {}) as { sort?: string; direction?: number };
	const qs: IDataObject = {};
	if (sort.sort) qs.sort = sort.sort;
	if (sort.direction !== undefined) qs.direction = sort.direction;
	if (filters.status) qs.status = filters.status;

	const request = {
		service: 'siteFlow' as const,
		endpoint: SITE_FLOW_ENDPOINTS.orderList,
		qs,
		itemIndex,
		operation: 'Order: Get Many',
	};
	let orders: IDataObject[];
	if (filters.status) {
		// The server may ignore the undocumented parameter: read every page and keep the matches.
		const all = await listItems(client, request, { paging: SITE_FLOW_PAGING });
		orders = all.filter((order) => statusOf(order) === filters.status).slice(0, limit);
	} else {
		orders = await listItems(client, request, { limit, paging: SITE_FLOW_PAGING });
	}
	return this.getNodeParameter('simplify', itemIndex, true) ? orders.map(simplifyOrder) : orders;
}
