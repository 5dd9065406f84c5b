import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { BOX_ENDPOINTS } from '../../endpoints';
import { contactLocator } from '../descriptions';
import { readLocatorId } from '../parameters';
import { deleteBoxObject } from '../results';
import { unconfirmedPathNotice } from '../../../shared/node/displayOptions';
import type { OperationResult } from '../../../shared/node/operation';

const endpoint = BOX_ENDPOINTS.contactDelete;

export const description: INodeProperties[] = [
	...unconfirmedPathNotice(endpoint),
	contactLocator,
];

export async function execute(
	this: IExecuteFunctions,
	client: PrintOsClient,
	itemIndex: number,
): Promise<OperationResult> {
	const contactId = readLocatorId(this, 'contactId', itemIndex, 'Contact');
	return await deleteBoxObject(client, { endpoint, ids: { contactId }, itemIndex, operation: 'Contact: Delete' });
}
