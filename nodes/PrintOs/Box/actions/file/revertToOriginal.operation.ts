import type { IExecuteFunctions } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { BOX_ENDPOINTS } from '../../endpoints';
import type { BoxResult } from '../types';
import { commandResult, fileCommandDescription, readFileId, sendFileCommand } from './fileCommand';

const endpoint = BOX_ENDPOINTS.fileRevertToOriginal;

export const description = fileCommandDescription('revertToOriginal', endpoint);

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
		operation: 'File: Revert to Original Image',
	});
	return commandResult(response, { fileId });
}
