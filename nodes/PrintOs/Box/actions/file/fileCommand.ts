/**
 * The file operations that are one call on one file (get, delete, preflight, convert, revert): the
 * file picker, the inferred-path notice, and the request.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import type { Endpoint } from '../../../transport/endpoint';
import { fileLocator } from '../descriptions';
import { inferredPathNotice, showOnlyFor } from '../displayOptions';
import { readLocatorId } from '../parameters';

export function fileCommandDescription(
	operation: string,
	endpoint: Endpoint,
	extra: INodeProperties[] = [],
): INodeProperties[] {
	return showOnlyFor('file', operation, [...inferredPathNotice(endpoint), fileLocator, ...extra]);
}

export function readFileId(context: IExecuteFunctions, itemIndex: number): string {
	return readLocatorId(context, 'fileId', itemIndex, 'File');
}

export async function sendFileCommand(
	client: PrintOsClient,
	request: {
		endpoint: Endpoint;
		pathParams: Record<string, string>;
		body?: IDataObject;
		itemIndex: number;
		operation: string;
	},
): Promise<unknown> {
	return await client.request({ service: 'box', ...request });
}

/** A command's answer as an item: PrintOS's object when it sends one, else what was done to what. */
export function commandResult(response: unknown, summary: IDataObject): IDataObject {
	if (response && typeof response === 'object' && !Array.isArray(response)) {
		return response as IDataObject;
	}
	return { ...summary, success: true };
}
