import type { IExecuteFunctions } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { BOX_ENDPOINTS } from '../../endpoints';
import { deleteBoxObject } from '../results';
import type { BoxResult } from '../types';
import { fileCommandDescription, readFileId } from './fileCommand';

const endpoint = BOX_ENDPOINTS.fileDelete;

export const description = fileCommandDescription('delete', endpoint);

export async function execute(
	this: IExecuteFunctions,
	client: PrintOsClient,
	itemIndex: number,
): Promise<BoxResult> {
	const fileId = readFileId(this, itemIndex);
	return await deleteBoxObject(client, { endpoint, ids: { fileId }, itemIndex, operation: 'File: Delete' });
}
