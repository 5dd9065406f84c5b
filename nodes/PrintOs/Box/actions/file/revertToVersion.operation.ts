import type { IExecuteFunctions } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { BOX_ENDPOINTS } from '../../endpoints';
import { readRequiredText } from '../parameters';
import type { BoxResult } from '../types';
import { commandResult, fileCommandDescription, readFileId, sendFileCommand } from './fileCommand';

const endpoint = BOX_ENDPOINTS.fileRevertToVersion;

export const description = fileCommandDescription('revertToVersion', endpoint, [
	{
		displayName: 'Version ID',
		name: 'versionId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '5a1f0c2e9b1d4a0012c3d4e8',
		description: 'The _id of an entry of the file’s versions (File: Get lists them)',
	},
]);

export async function execute(
	this: IExecuteFunctions,
	client: PrintOsClient,
	itemIndex: number,
): Promise<BoxResult> {
	const fileId = readFileId(this, itemIndex);
	const versionId = readRequiredText(this, 'versionId', itemIndex, 'Version ID');
	const response = await sendFileCommand(client, {
		endpoint,
		pathParams: { fileId, versionId },
		itemIndex,
		operation: 'File: Revert to a Previous Version',
	});
	return commandResult(response, { fileId, versionId });
}
