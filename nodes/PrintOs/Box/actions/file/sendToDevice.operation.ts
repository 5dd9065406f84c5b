import type { IExecuteFunctions } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { BOX_ENDPOINTS } from '../../endpoints';
import { readRequiredText } from '../parameters';
import type { BoxResult } from '../types';
import { commandResult, fileCommandDescription, readFileId, sendFileCommand } from './fileCommand';

const endpoint = BOX_ENDPOINTS.fileSendToDevice;

export const description = fileCommandDescription('sendToDevice', endpoint, [
	{
		displayName: 'Device ID',
		name: 'deviceId',
		type: 'string',
		required: true,
		default: '',
		description: 'The PrintOS device (press or DFE) to send the file to',
	},
]);

export async function execute(
	this: IExecuteFunctions,
	client: PrintOsClient,
	itemIndex: number,
): Promise<BoxResult> {
	const fileId = readFileId(this, itemIndex);
	const deviceId = readRequiredText(this, 'deviceId', itemIndex, 'Device ID');
	const response = await sendFileCommand(client, {
		endpoint,
		pathParams: { fileId },
		body: { deviceId },
		itemIndex,
		operation: 'File: Send to Device',
	});
	return commandResult(response, { fileId, deviceId });
}
