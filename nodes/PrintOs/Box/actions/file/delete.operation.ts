import type { IExecuteFunctions } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { BOX_ENDPOINTS } from '../../endpoints';
import { deletionResult } from '../results';
import type { BoxResult } from '../types';
import { fileCommandDescription, readFileId, sendFileCommand } from './fileCommand';

const endpoint = BOX_ENDPOINTS.fileDelete;

export const description = fileCommandDescription('delete', endpoint);

export async function execute(
	this: IExecuteFunctions,
	client: PrintOsClient,
	itemIndex: number,
): Promise<BoxResult> {
	const fileId = readFileId(this, itemIndex);
	const response = await sendFileCommand(client, {
		endpoint,
		pathParams: { fileId },
		itemIndex,
		operation: 'File: Delete',
	});
	return deletionResult({ fileId }, response);
}
