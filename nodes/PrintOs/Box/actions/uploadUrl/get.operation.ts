import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { BOX_ENDPOINTS } from '../../endpoints';
import { BOX_UPLOAD_MIME_TYPES } from '../../upload/mimeTypes';
import { requestBoxUploadTarget } from '../file/requestUploadTarget';
import { unconfirmedPathNotice } from '../../../shared/node/displayOptions';
import type { OperationResult } from '../../../shared/node/operation';

const endpoint = BOX_ENDPOINTS.uploadUrls;

export const description: INodeProperties[] = [
	...unconfirmedPathNotice(endpoint),
	{
		displayName: 'MIME Type',
		name: 'mimeType',
		type: 'options',
		options: BOX_UPLOAD_MIME_TYPES.map((type) => ({ name: type.name, value: type.value })),
		default: 'application/pdf',
		description: 'The type of the file that will be PUT to the upload URL, with this same Content-Type',
	},
];

export async function execute(
	this: IExecuteFunctions,
	client: PrintOsClient,
	itemIndex: number,
): Promise<OperationResult> {
	const mimeType = this.getNodeParameter('mimeType', itemIndex) as string;
	const target = await requestBoxUploadTarget(this, client, mimeType, itemIndex, 'Upload URL: Get');
	// PrintOS's own field names are unconfirmed; uploadUrl/fetchUrl are always present for the next node
	return { ...target.answer, uploadUrl: target.uploadUrl, fetchUrl: target.reference, mimeType };
}
