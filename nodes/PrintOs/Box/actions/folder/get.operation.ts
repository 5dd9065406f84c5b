import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { BOX_ENDPOINTS } from '../../endpoints';
import { folderLocator } from '../descriptions';
import { readLocatorId } from '../parameters';
import { showOnlyFor, unconfirmedPathNotice } from '../../../shared/node/displayOptions';
import type { OperationResult } from '../../../shared/node/operation';

const endpoint = BOX_ENDPOINTS.folderGet;

const properties: INodeProperties[] = [...unconfirmedPathNotice(endpoint), folderLocator];

export const description = showOnlyFor('folder', ['get'], properties);

export async function execute(
	this: IExecuteFunctions,
	client: PrintOsClient,
	itemIndex: number,
): Promise<OperationResult> {
	const folderId = readLocatorId(this, 'folderId', itemIndex, 'Folder');
	return await client.request<IDataObject>({
		service: 'box',
		endpoint,
		pathParams: { folderId },
		itemIndex,
		operation: 'Folder: Get',
	});
}
