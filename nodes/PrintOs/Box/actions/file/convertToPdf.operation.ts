import type { IExecuteFunctions } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { BOX_ENDPOINTS } from '../../endpoints';
import type { BoxResult } from '../types';
import { commandResult, fileCommandDescription, readFileId, sendFileCommand } from './fileCommand';

const endpoint = BOX_ENDPOINTS.fileConvertToPdf;

export const description = fileCommandDescription('convertToPdf', endpoint);

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
		operation: 'File: Convert Image to PDF',
	});
	return commandResult(response, { fileId });
}
