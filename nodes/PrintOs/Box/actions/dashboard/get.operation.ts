import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { BOX_ENDPOINTS } from '../../endpoints';
import { unconfirmedPathNotice } from '../../../shared/node/displayOptions';
import type { OperationResult } from '../../../shared/node/operation';

const endpoint = BOX_ENDPOINTS.dashboardGet;

export const description: INodeProperties[] = unconfirmedPathNotice(endpoint);

export async function execute(
	this: IExecuteFunctions,
	client: PrintOsClient,
	itemIndex: number,
): Promise<OperationResult> {
	const body = await client.request({ service: 'box', endpoint, itemIndex, operation: 'Dashboard: Get' });
	return body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : { dashboard: body as IDataObject[] };
}
