/**
 * File: Download. Reads the file (a published call) for its name, MIME type and versions, then
 * streams the chosen version into n8n's binary data through `shared/download/downloadToBinary.ts`.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { binaryOutputProperty } from '../../../shared/download/binaryOutput';
import { downloadToBinary } from '../../../shared/download/downloadToBinary';
import { resolveMimeType } from '../../../shared/upload/mimeTypes';
import type { PrintOsClient } from '../../../transport/client';
import { BOX_ENDPOINTS } from '../../endpoints';
import { fileLocator } from '../descriptions';
import { readFileId } from './commands';
import { unconfirmedPathNotice } from '../../../shared/node/displayOptions';
import { optionalText } from '../../../shared/node/parameters';
import type { OperationResult } from '../../../shared/node/operation';

const OPERATION = 'File: Download';

export const description: INodeProperties[] = [
	...unconfirmedPathNotice(BOX_ENDPOINTS.fileDownload),
	fileLocator,
	{
		displayName: 'Version',
		name: 'version',
		type: 'options',
		options: [
			{ name: 'Current Version', value: 'current' },
			{ name: 'Chosen Revision', value: 'chosen' },
		],
		default: 'current',
	},
	{
		displayName: 'Revision',
		name: 'revision',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 2, or a version _id',
		description: 'The revision number, or the _id of an entry of the file’s versions (File: Get lists them)',
		displayOptions: { show: { version: ['chosen'] } },
	},
	binaryOutputProperty,
];

function versionsOf(file: IDataObject): IDataObject[] {
	return Array.isArray(file.versions) ? (file.versions as IDataObject[]) : [];
}

export async function execute(this: IExecuteFunctions, client: PrintOsClient, itemIndex: number): Promise<OperationResult> {
	const fileId = readFileId(this, itemIndex);
	const which = this.getNodeParameter('version', itemIndex, 'current') as string;
	const wanted = which === 'chosen' ? optionalText(this, 'revision', itemIndex) : '';
	if (which === 'chosen' && !wanted) {
		throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: "Revision" is empty; give a revision number or a version _id`, { itemIndex });
	}
	const binaryPropertyName = optionalText(this, 'binaryPropertyName', itemIndex) || 'data';

	const file = (await client.request({
		service: 'box',
		endpoint: BOX_ENDPOINTS.fileGet,
		pathParams: { fileId },
		itemIndex,
		operation: OPERATION,
	})) as IDataObject;
	const versions = versionsOf(file);
	const version = wanted
		? versions.find((entry) => entry._id === wanted || String(entry.revision) === wanted)
		: ((file.currentVersion as IDataObject | undefined) ?? versions.find((entry) => entry._id === file.currentVersionId));
	if (wanted && !version) {
		const known = versions.map((entry) => `${String(entry.revision)} (${String(entry._id)})`).join(', ');
		throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: the file has no revision "${wanted}"`, {
			itemIndex,
			description: known ? `Its revisions: ${known}` : 'PrintOS listed no versions for it',
		});
	}
	const fileName = String(version?.name ?? file.name ?? '') || undefined;
	const mimeType = resolveMimeType({ mimeType: version?.mimeType as string | undefined, fileName }) ?? undefined;
	const binary = await downloadToBinary(
		this,
		client,
		wanted && version
			? { service: 'box', endpoint: BOX_ENDPOINTS.fileVersionDownload, pathParams: { fileId, versionId: String(version._id) } }
			: { service: 'box', endpoint: BOX_ENDPOINTS.fileDownload, pathParams: { fileId } },
		{ fileName, mimeType, itemIndex, operation: OPERATION },
	);
	return [
		{
			json: {
				fileId,
				folderId: file.folderId,
				versionId: version?._id ?? file.currentVersionId,
				revision: version?.revision ?? file.currentRevision,
				fileName: binary.fileName,
				mimeType: binary.mimeType,
			},
			binary: { [binaryPropertyName]: binary },
		},
	];
}
