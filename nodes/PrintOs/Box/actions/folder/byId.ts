/**
 * The folder operations that are one call on one folder: the folder picker, the unconfirmed-path
 * notice, the folder ID read before anything is sent, then the request.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { unconfirmedPathNotice } from '../../../shared/node/displayOptions';
import type { NodeOperation } from '../../../shared/node/operation';
import type { PrintOsClient } from '../../../transport/client';
import type { Endpoint } from '../../../transport/endpoint';
import { BOX_ENDPOINTS } from '../../endpoints';
import { folderLocator } from '../descriptions';
import { readLocatorId } from '../parameters';
import { deleteBoxObject } from '../results';

type FolderRequest = (
	client: PrintOsClient,
	request: { endpoint: Endpoint; ids: { folderId: string }; itemIndex: number },
) => Promise<IDataObject>;

function folderOperation(endpoint: Endpoint, send: FolderRequest): NodeOperation {
	return {
		description: [...unconfirmedPathNotice(endpoint), folderLocator],
		async execute(this: IExecuteFunctions, client: PrintOsClient, itemIndex: number) {
			const folderId = readLocatorId(this, 'folderId', itemIndex, 'Folder');
			return await send(client, { endpoint, ids: { folderId }, itemIndex });
		},
	};
}

export const getFolder = folderOperation(BOX_ENDPOINTS.folderGet, async (client, request) =>
	await client.request<IDataObject>({
		service: 'box',
		endpoint: request.endpoint,
		pathParams: request.ids,
		itemIndex: request.itemIndex,
		operation: 'Folder: Get',
	}),
);

export const deleteFolder = folderOperation(BOX_ENDPOINTS.folderDelete, async (client, request) =>
	await deleteBoxObject(client, { ...request, operation: 'Folder: Delete' }),
);
