import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { BOX_ENDPOINTS } from '../../endpoints';
import { inferredPathNotice, showOnlyFor } from '../displayOptions';
import type { BoxResult } from '../types';

const endpoint = BOX_ENDPOINTS.dashboardGet;

export const description = showOnlyFor('dashboard', 'get', [...inferredPathNotice(endpoint)]);

export async function execute(
	this: IExecuteFunctions,
	client: PrintOsClient,
	itemIndex: number,
): Promise<BoxResult> {
	const body = await client.request({ service: 'box', endpoint, itemIndex, operation: 'Dashboard: Get' });
	return body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : { dashboard: body as IDataObject[] };
}
