import type { IDataObject } from 'n8n-workflow';

import type { PrintOsClient } from '../../transport/client';
import { SITE_FLOW_ENDPOINTS } from '../endpoints';
import { unwrapOrder } from './simplifyOrder';

/** The order with Site Flow's `_id`, unwrapped from whichever envelope PrintOS answers with. */
export async function getOrderById(client: PrintOsClient, orderId: string, itemIndex: number): Promise<IDataObject> {
	return unwrapOrder(
		await client.request({
			service: 'siteFlow',
			endpoint: SITE_FLOW_ENDPOINTS.orderGet,
			pathParams: { orderId },
			itemIndex,
			operation: 'Order: Get',
		}),
	);
}
