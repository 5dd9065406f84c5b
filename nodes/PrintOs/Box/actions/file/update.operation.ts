import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { BOX_ENDPOINTS } from '../../endpoints';
import { copiesField, flowField, notesField, substrateField } from '../descriptions';
import { compactTexts } from '../parameters';
import type { BoxResult } from '../types';
import { commandResult, fileCommandDescription, readFileId, sendFileCommand } from './fileCommand';

const endpoint = BOX_ENDPOINTS.fileUpdate;

export const description = fileCommandDescription('update', endpoint, [
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'The fields to change; the same fields Upload from URL sets',
		options: [
			{
				displayName: 'File Name',
				name: 'name',
				type: 'string',
				default: '',
				description: 'The file name shown in Box',
			},
			copiesField,
			notesField,
			substrateField,
			flowField,
		],
	},
]);

function readChanges(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields = context.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const changes = compactTexts(fields, ['name', 'notes', 'substrate', 'flow']);
	if (fields.copies !== undefined) {
		const copies = Number(fields.copies);
		if (!Number.isInteger(copies) || copies < 1) {
			throw new NodeOperationError(
				context.getNode(),
				`The "Copies" parameter must be a whole number of at least 1 [item ${itemIndex}]`,
				{ itemIndex },
			);
		}
		changes.copies = copies;
	}
	if (!Object.keys(changes).length) {
		throw new NodeOperationError(context.getNode(), `No update fields given [item ${itemIndex}]`, {
			itemIndex,
			description: 'Add at least one field to change under "Update Fields"',
		});
	}
	return changes;
}

export async function execute(
	this: IExecuteFunctions,
	client: PrintOsClient,
	itemIndex: number,
): Promise<BoxResult> {
	const fileId = readFileId(this, itemIndex);
	const changes = readChanges(this, itemIndex);
	const response = await sendFileCommand(client, {
		endpoint,
		pathParams: { fileId },
		body: changes,
		itemIndex,
		operation: 'File: Update',
	});
	return commandResult(response, { fileId, ...changes });
}
