import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { readListEnvelope } from '../../../transport/pagination';
import { SITE_FLOW_ENDPOINTS } from '../../endpoints';
import { orderLocator } from '../../descriptions/locators';
import { returnAllLimitProperties } from '../../../shared/node/returnAllLimit';
import { unconfirmedPathNotice } from '../../../shared/node/displayOptions';
import { readLimit } from '../../../shared/numbers';
import { requiredText } from '../../../shared/node/parameters';
import type { OperationResult } from '../../../shared/node/operation';

export const description: INodeProperties[] = [
	...unconfirmedPathNotice(SITE_FLOW_ENDPOINTS.fileListForOrder),
	orderLocator('The order whose files to list'),
	...returnAllLimitProperties,
];

/** The files of one order come in one answer; Return All / Limit trims it. */
export async function execute(this: IExecuteFunctions, client: PrintOsClient, itemIndex: number): Promise<OperationResult> {
	const orderId = requiredText(this, 'orderId', itemIndex, 'Order');
	const limit = readLimit(this, itemIndex);
	const body = await client.request({
		service: 'siteFlow',
		endpoint: SITE_FLOW_ENDPOINTS.fileListForOrder,
		pathParams: { orderId },
		itemIndex,
		operation: 'File: Get Many',
	});
	return readListEnvelope(body).data.slice(0, limit);
}
