import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { listItems } from '../../../transport/pagination';
import { SITE_FLOW_ENDPOINTS, SITE_FLOW_PAGING } from '../../endpoints';
import { simplifyOrderProperty } from '../../descriptions/simplify';
import { simplifyOrder } from '../../order/simplifyOrder';
import { ORDER_STATUSES } from '../../order/orderStatuses';
import { returnAllLimitProperties } from '../../../shared/node/returnAllLimit';
import { readLimit } from '../../../shared/numbers';
import type { OperationResult } from '../../../shared/node/operation';

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
				options: ORDER_STATUSES.map((status) => ({ ...status })),
				default: 'dataready',
				description:
					'Only orders in this status (orderData.status). Sent as the status query parameter, which HP does not document; if PrintOS ignores it, the node filters the full list itself.',
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
				name: 'sortBy',
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
	const sort = this.getNodeParameter('sort', itemIndex, {}) as { sortBy?: string; direction?: number };
	const qs: IDataObject = {};
	if (sort.sortBy) qs.sort = sort.sortBy;
	if (sort.direction !== undefined) qs.direction = sort.direction;
	if (filters.status) qs.status = filters.status;

	const request = {
		service: 'siteFlow' as const,
		endpoint: SITE_FLOW_ENDPOINTS.orderList,
		qs,
		itemIndex,
		operation: 'Order: Get Many',
	};
	let orders = await listItems(client, request, { limit, paging: SITE_FLOW_PAGING });
	if (filters.status) {
		const matches = (order: IDataObject) => statusOf(order) === filters.status;
		// HP does not document the status parameter. If the answer shows it was ignored, read every
		// page and filter here, so the filter holds either way.
		const ignored = orders.some((order) => !matches(order));
		if (ignored && limit !== undefined) orders = await listItems(client, request, { paging: SITE_FLOW_PAGING });
		orders = orders.filter(matches).slice(0, limit);
	}
	return this.getNodeParameter('simplify', itemIndex, true) ? orders.map(simplifyOrder) : orders;
}
