import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { BOX_ENDPOINTS } from '../../endpoints';
import { copiesField, flowField, notesField, substrateField } from '../descriptions';
import { compactTexts } from '../parameters';
import { unconfirmedPathNotice } from '../../../shared/node/displayOptions';
import { optionalText, requiredText } from '../../../shared/node/parameters';
import type { OperationResult } from '../../../shared/node/operation';

const endpoint = BOX_ENDPOINTS.folderCreate;

export const description: INodeProperties[] = [
	...unconfirmedPathNotice(endpoint),
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Spring catalogue',
		description: 'The folder name shown in Box',
	},
	{
		displayName: 'From',
		name: 'from',
		type: 'string',
		default: '',
		placeholder: 'sender@example.com',
		description: 'The sender: an e-mail address that can receive replies about the job',
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		default: '',
		placeholder: 'recipient@example.com',
		description: 'The recipient',
	},
	{
		displayName: 'Files',
		name: 'files',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add File by URL',
		default: {},
		description: 'Files PrintOS fetches from public URLs and adds to the new folder in the same call',
		options: [
			{
				displayName: 'File',
				name: 'file',
				values: [
					{
						displayName: 'URL',
						name: 'url',
						type: 'string',
						default: '',
						placeholder: 'https://example.com/artwork.pdf',
						description: 'A URL PrintOS can fetch the file from',
					},
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'artwork.pdf',
						description: 'The file name shown in Box',
					},
					copiesField,
					notesField,
					substrateField,
					flowField,
				],
			},
		],
	},
];

interface FileEntry {
	url?: string;
	name?: string;
	copies?: number;
	notes?: string;
	substrate?: string;
	flow?: string;
}

function fileEntries(context: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const entries = (context.getNodeParameter('files.file', itemIndex, []) as FileEntry[]) ?? [];
	return entries.map((entry, position) => {
		const url = String(entry.url ?? '').trim();
		if (!url) {
			throw new NodeOperationError(
				context.getNode(),
				`The "URL" of file ${position + 1} is empty [item ${itemIndex}]`,
				{ itemIndex },
			);
		}
		const copies = Number(entry.copies ?? 1);
		if (!Number.isInteger(copies) || copies < 1) {
			throw new NodeOperationError(
				context.getNode(),
				`The "Copies" of file ${position + 1} must be a whole number of at least 1 [item ${itemIndex}]`,
				{ itemIndex },
			);
		}
		return { url, copies, ...compactTexts(entry as IDataObject, ['name', 'notes', 'substrate', 'flow']) };
	});
}

export async function execute(
	this: IExecuteFunctions,
	client: PrintOsClient,
	itemIndex: number,
): Promise<OperationResult> {
	const body: IDataObject = { name: requiredText(this, 'name', itemIndex, 'Name') };
	const from = optionalText(this, 'from', itemIndex);
	const to = optionalText(this, 'to', itemIndex);
	if (from) body.from = from;
	if (to) body.to = to;
	const files = fileEntries(this, itemIndex);
	if (files.length) body.files = files;

	return await client.request<IDataObject>({
		service: 'box',
		endpoint,
		body,
		itemIndex,
		operation: 'Folder: Create',
	});
}
