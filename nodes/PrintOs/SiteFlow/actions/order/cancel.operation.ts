import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { SITE_FLOW_ENDPOINTS } from '../../endpoints';
import { orderLocator } from '../../descriptions/locators';
import { getOrderById, getOrderBySourceId, unwrapOrder } from '../../order/readOrder';
import { requiredText } from '../../../shared/node/parameters';
import type { OperationResult } from '../../../shared/node/operation';

export const description: INodeProperties[] = [
	{
		displayName: 'Cancel By',
		name: 'cancelBy',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Site Flow ID', value: 'id', description: 'The _id Site Flow gave the order' },
			{
				name: 'Source Account and Source Order ID',
				value: 'source',
				description: 'The submitting account name and your own ID for the order',
			},
		],
		default: 'id',
	},
	{ ...orderLocator(), displayOptions: { show: { cancelBy: ['id'] } } },
	{
		displayName: 'Source Account',
		name: 'sourceAccount',
		type: 'string',
		required: true,
		default: '',
		description: 'The name of the account that submitted the order (order.source.name)',
		displayOptions: { show: { cancelBy: ['source'] } },
	},
	{
		displayName: 'Source Order ID',
		name: 'sourceOrderId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { cancelBy: ['source'] } },
	},
];

export async function execute(this: IExecuteFunctions, client: PrintOsClient, itemIndex: number): Promise<OperationResult> {
	const cancelBy = this.getNodeParameter('cancelBy', itemIndex) as 'id' | 'source';
	if (cancelBy === 'source') {
		const sourceAccount = requiredText(this, 'sourceAccount', itemIndex, 'Source Account');
		const sourceOrderId = requiredText(this, 'sourceOrderId', itemIndex, 'Source Order ID');
		const response = await client.requestWithResponse({
			service: 'siteFlow',
			endpoint: SITE_FLOW_ENDPOINTS.orderCancelBySource,
			pathParams: { sourceAccount, sourceOrderId },
			itemIndex,
			operation: 'Order: Cancel',
		});
		// the cancel happened on an attempt whose answer was lost: show the order as it is now
		if (response.confirmedByRepeat) return (await getOrderBySourceId(client, sourceOrderId, itemIndex)) ?? {};
		return unwrapOrder(response.body);
	}
	const orderId = requiredText(this, 'orderId', itemIndex, 'Order');
	const response = await client.requestWithResponse({
		service: 'siteFlow',
		endpoint: SITE_FLOW_ENDPOINTS.orderCancel,
		pathParams: { orderId },
		itemIndex,
		operation: 'Order: Cancel',
	});
	if (response.confirmedByRepeat) return await getOrderById(client, orderId, itemIndex);
	return unwrapOrder(response.body);
}
