import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { orderLocator } from '../../descriptions/locators';
import { simplifyOrderProperty } from '../../descriptions/simplify';
import { simplifyOrder } from '../../order/simplifyOrder';
import { getOrderById, getOrderBySourceId } from '../../order/readOrder';
import { requiredText } from '../../../shared/node/parameters';
import type { OperationResult } from '../../../shared/node/operation';

export const description: INodeProperties[] = [
	{
		displayName: 'Get By',
		name: 'getBy',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Site Flow ID', value: 'id', description: 'The _id Site Flow gave the order' },
			{ name: 'Source Order ID', value: 'sourceOrderId', description: 'Your own ID for the order' },
		],
		default: 'id',
	},
	{ ...orderLocator(), displayOptions: { show: { getBy: ['id'] } } },
	{
		displayName: 'Source Order ID',
		name: 'sourceOrderId',
		type: 'string',
		required: true,
		default: '',
		description: 'The sourceOrderId you submitted the order with',
		displayOptions: { show: { getBy: ['sourceOrderId'] } },
	},
	simplifyOrderProperty,
];

export async function execute(this: IExecuteFunctions, client: PrintOsClient, itemIndex: number): Promise<OperationResult> {
	const getBy = this.getNodeParameter('getBy', itemIndex) as 'id' | 'sourceOrderId';
	let order: IDataObject | undefined;
	if (getBy === 'sourceOrderId') {
		const sourceOrderId = requiredText(this, 'sourceOrderId', itemIndex, 'Source Order ID');
		order = await getOrderBySourceId(client, sourceOrderId, itemIndex);
		if (!order) {
			throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: no order with sourceOrderId "${sourceOrderId}"`, { itemIndex });
		}
	} else {
		const orderId = requiredText(this, 'orderId', itemIndex, 'Order');
		order = await getOrderById(client, orderId, itemIndex);
	}
	return this.getNodeParameter('simplify', itemIndex, true) ? simplifyOrder(order) : order;
}
