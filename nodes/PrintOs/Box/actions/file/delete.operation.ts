import type { IExecuteFunctions } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { BOX_ENDPOINTS } from '../../endpoints';
import { deleteBoxObject } from '../results';
import { fileLocator } from '../descriptions';
import { readFileId } from './commands';
import { unconfirmedPathNotice } from '../../../shared/node/displayOptions';
import type { OperationResult } from '../../../shared/node/operation';

const endpoint = BOX_ENDPOINTS.fileDelete;

export const description = [...unconfirmedPathNotice(endpoint), fileLocator];

export async function execute(
	this: IExecuteFunctions,
	client: PrintOsClient,
	itemIndex: number,
): Promise<OperationResult> {
	const fileId = readFileId(this, itemIndex);
	return await deleteBoxObject(client, { endpoint, ids: { fileId }, itemIndex, operation: 'File: Delete' });
}
