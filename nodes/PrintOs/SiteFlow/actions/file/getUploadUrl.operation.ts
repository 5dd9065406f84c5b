import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { SITE_FLOW_ENDPOINTS } from '../../endpoints';
import { requiredText } from '../../../shared/node/parameters';
import type { OperationResult } from '../../../shared/node/operation';

export const mimeTypeProperty: INodeProperties = {
	displayName: 'MIME Type',
	name: 'mimeType',
	type: 'string',
	default: 'application/pdf',
	description: 'The type of the file that will be uploaded',
};

export const description: INodeProperties[] = [mimeTypeProperty];

export async function requestUploadUrl(client: PrintOsClient, mimeType: string, itemIndex: number): Promise<IDataObject> {
	return await client.request<IDataObject>({
		service: 'siteFlow',
		endpoint: SITE_FLOW_ENDPOINTS.fileUploadUrl,
		qs: { mimeType },
		itemIndex,
		operation: 'File: Get Upload URL',
	});
}

export async function execute(this: IExecuteFunctions, client: PrintOsClient, itemIndex: number): Promise<OperationResult> {
	const mimeType = requiredText(this, 'mimeType', itemIndex, 'MIME Type');
	return await requestUploadUrl(client, mimeType, itemIndex);
}
