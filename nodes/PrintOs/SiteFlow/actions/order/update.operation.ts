import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { SITE_FLOW_ENDPOINTS } from '../../endpoints';
import { orderLocator } from '../../descriptions/locators';
import { unwrapOrder } from '../../order/readOrder';
import { orderInputProperties } from './orderInput.description';
import { readOrderInput } from './readOrderInput';
import { requiredText } from '../../../shared/node/parameters';
import type { OperationResult } from '../../../shared/node/operation';

export const description: INodeProperties[] = [
	{
		...orderLocator('The Site Flow order to update. Once in production, only shipping details, tags and cancellation can change.'),
	},
	...orderInputProperties,
];

export async function execute(this: IExecuteFunctions, client: PrintOsClient, itemIndex: number): Promise<OperationResult> {
	const orderId = requiredText(this, 'orderId', itemIndex, 'Order');
	const order = readOrderInput(this, itemIndex);
	const body = await client.request({
		service: 'siteFlow',
		endpoint: SITE_FLOW_ENDPOINTS.orderUpdate,
		pathParams: { orderId },
		body: order,
		itemIndex,
		operation: 'Order: Update',
	});
	return unwrapOrder(body);
}
