/**
 * Upload Binary: upload URLs for the file's MIME type, the bytes PUT to the upload URL (unsigned),
 * then the file added to the folder by its fetch URL (docs/printos-api.md#box-facts). Everything that can be wrong with
 * the input is checked before the first request.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { BOX_ENDPOINTS } from '../../endpoints';
import { describeBinary, openBinarySource } from '../../../shared/upload/binarySource';
import { putFile } from '../../../shared/upload/presignedUpload';
import { boxUploadMimeType, describeAcceptedTypes } from '../../upload/mimeTypes';
import { copiesField, folderLocator } from '../descriptions';
import { readLocatorId } from '../parameters';
import { addFileByUrl, additionalFields, readPrintInstructions } from './addFile';
import { requestBoxUploadTarget } from './requestUploadTarget';
import { unconfirmedPathNotice } from '../../../shared/node/displayOptions';
import { missingParameter, optionalText } from '../../../shared/node/parameters';
import type { OperationResult } from '../../../shared/node/operation';

const OPERATION = 'File: Upload Binary';

export const description: INodeProperties[] = [
	...unconfirmedPathNotice(BOX_ENDPOINTS.uploadUrls),
	folderLocator,
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the input binary field containing the file to be uploaded',
		description: `A PDF or image (${describeAcceptedTypes()})`,
	},
	{
		displayName: 'File Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'artwork.pdf',
		description: 'The file name shown in Box. Leave empty to use the binary file’s own name.',
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
	const propertyName = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '');
	const binary = describeBinary(this, itemIndex, propertyName);
	const mimeType = boxUploadMimeType(binary);
	if (!mimeType) {
		throw new NodeOperationError(
			this.getNode(),
			`The binary field '${propertyName.trim()}' holds ${binary.mimeType || 'an unknown type'}, which PrintOS Box does not take [item ${itemIndex}]`,
			{ itemIndex, description: `Box takes ${describeAcceptedTypes()}` },
		);
	}
	const name = optionalText(this, 'name', itemIndex) || (binary.fileName ?? '').trim();
	if (!name) {
		throw missingParameter(this, itemIndex, 'File Name', 'The binary file has no name of its own; give one');
	}
	const instructions = readPrintInstructions(this, itemIndex);
	const source = await openBinarySource(this, itemIndex, propertyName, mimeType);

	const target = await requestBoxUploadTarget(this, client, mimeType, itemIndex, OPERATION);
	await putFile(this, client, target.uploadUrl, source, itemIndex, OPERATION);
	return await addFileByUrl(client, { folderId, url: target.reference, name }, instructions, itemIndex, OPERATION);
}
