import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { BOX_ENDPOINTS } from '../../endpoints';
import { folderLocator } from '../descriptions';
import { inferredPathNotice, showOnlyFor } from '../displayOptions';
import { readLocatorId } from '../parameters';
import { deleteBoxObject } from '../results';
import type { BoxResult } from '../types';

const endpoint = BOX_ENDPOINTS.folderDelete;

const properties: INodeProperties[] = [...inferredPathNotice(endpoint), folderLocator];

export const description = showOnlyFor('folder', 'delete', properties);

export async function execute(
	this: IExecuteFunctions,
	client: PrintOsClient,
	itemIndex: number,
): Promise<BoxResult> {
	const folderId = readLocatorId(this, 'folderId', itemIndex, 'Folder');
	return await deleteBoxObject(client, { endpoint, ids: { folderId }, itemIndex, operation: 'Folder: Delete' });
}
