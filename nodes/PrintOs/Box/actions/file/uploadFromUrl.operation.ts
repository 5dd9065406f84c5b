import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { BOX_ENDPOINTS } from '../../endpoints';
import { copiesField, folderLocator } from '../descriptions';
import { readLocatorId } from '../parameters';
import { addFileByUrl, additionalFields, readPrintInstructions } from './addFile';
import { unconfirmedPathNotice } from '../../../shared/node/displayOptions';
import { requiredText } from '../../../shared/node/parameters';
import type { OperationResult } from '../../../shared/node/operation';

const endpoint = BOX_ENDPOINTS.fileAddByUrl;

export const description: INodeProperties[] = [
	...unconfirmedPathNotice(endpoint),
	folderLocator,
	{
		displayName: 'File URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/artwork.pdf',
		description: 'A public URL PrintOS fetches the file from',
	},
	{
		displayName: 'File Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'artwork.pdf',
		description: 'The file name shown in Box',
	},
	copiesField,
	additionalFields,
];

export async function execute(
	this: IExecuteFunctions,
	client: PrintOsClient,
	itemIndex: number,
): Promise<OperationResult> {
	const folderId = readLocatorId(this, 'folderId', itemIndex, 'Folder');
	const url = requiredText(this, 'url', itemIndex, 'File URL');
	const name = requiredText(this, 'name', itemIndex, 'File Name');
	const instructions = readPrintInstructions(this, itemIndex);
	return await addFileByUrl(client, { folderId, url, name }, instructions, itemIndex, 'File: Upload from URL');
}
