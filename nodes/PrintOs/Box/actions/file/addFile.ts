/**
 * `POST /api/partner/file`: adds a file PrintOS fetches from a URL to a folder. Upload from URL and
 * Upload Binary (with the fetch URL of its upload) both end here.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { BOX_ENDPOINTS } from '../../endpoints';
import { printInstructionsCollection } from '../descriptions';
import { compactTexts, readCopies } from '../parameters';

export const additionalFields: INodeProperties = printInstructionsCollection(
	'additionalFields',
	'Additional Fields',
);

export interface FileToAdd {
	folderId: string;
	url: string;
	name: string;
}

/** Copies and the optional print instructions of this item, checked before anything is sent. */
export function readPrintInstructions(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const copies = readCopies(context, 'copies', itemIndex);
	const extra = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	return { copies, ...compactTexts(extra, ['notes', 'substrate', 'flow']) };
}

export async function addFileByUrl(
	client: PrintOsClient,
	file: FileToAdd,
	instructions: IDataObject,
	itemIndex: number,
	operation: string,
): Promise<IDataObject> {
	return await client.request<IDataObject>({
		service: 'box',
		endpoint: BOX_ENDPOINTS.fileAddByUrl,
		body: { url: file.url, folderId: file.folderId, name: file.name, ...instructions },
		itemIndex,
		operation,
	});
}
