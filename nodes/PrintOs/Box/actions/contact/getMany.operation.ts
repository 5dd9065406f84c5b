import type { IExecuteFunctions } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { BOX_ENDPOINTS } from '../../endpoints';
import { inferredPathNotice, showOnlyFor } from '../displayOptions';
import { fetchList, returnAllAndLimit } from '../lists';
import type { BoxResult } from '../types';

const endpoint = BOX_ENDPOINTS.contactList;

export const description = showOnlyFor('contact', 'getMany', [
	...inferredPathNotice(endpoint),
	...returnAllAndLimit,
]);

export async function execute(
	this: IExecuteFunctions,
	client: PrintOsClient,
	itemIndex: number,
): Promise<BoxResult> {
	return await fetchList(this, client, endpoint, itemIndex, 'Contact: Get Many');
}
