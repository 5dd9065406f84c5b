/**
 * The file operations that are one call on one file: the file picker (plus any parameters of their
 * own), the unconfirmed-path notice, the request, and the answer as an item. Each is a row here.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { unconfirmedPathNotice } from '../../../shared/node/displayOptions';
import type { NodeOperation } from '../../../shared/node/operation';
import { requiredText } from '../../../shared/node/parameters';
import type { PrintOsClient } from '../../../transport/client';
import type { Endpoint } from '../../../transport/endpoint';
import { BOX_ENDPOINTS } from '../../endpoints';
import { copiesField, fileLocator, flowField, notesField, substrateField } from '../descriptions';
import { compactTexts, readCopies, readLocatorId } from '../parameters';

interface FileCommand {
	endpoint: Endpoint;
	/** Named in error messages. */
	operation: string;
	/** Parameters after the file picker. */
	parameters?: INodeProperties[];
	/** Path parameters besides the file and the body, read before anything is sent. */
	read?: (context: IExecuteFunctions, itemIndex: number) => { pathParams?: Record<string, string>; body?: IDataObject };
}

const versionId: INodeProperties = {
	displayName: 'Version ID',
	name: 'versionId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '5a1f0c2e9b1d4a0012c3d4e8',
	description: 'The _id of an entry of the file’s versions (File: Get lists them)',
};

const deviceId: INodeProperties = {
	displayName: 'Device ID',
	name: 'deviceId',
	type: 'string',
	required: true,
	default: '',
	description: 'The PrintOS device (press or DFE) to send the file to',
};

const updateFields: INodeProperties = {
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
};

function readChanges(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields = context.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const changes = compactTexts(fields, ['name', 'notes', 'substrate', 'flow']);
	if (fields.copies !== undefined) changes.copies = readCopies(context, 'updateFields.copies', itemIndex);
	if (!Object.keys(changes).length) {
		throw new NodeOperationError(context.getNode(), `No update fields given [item ${itemIndex}]`, {
			itemIndex,
			description: 'Add at least one field to change under "Update Fields"',
		});
	}
	return changes;
}

export const FILE_COMMANDS: Record<string, FileCommand> = {
	convertToPdf: { endpoint: BOX_ENDPOINTS.fileConvertToPdf, operation: 'File: Convert Image to PDF' },
	get: { endpoint: BOX_ENDPOINTS.fileGet, operation: 'File: Get' },
	preflight: { endpoint: BOX_ENDPOINTS.filePreflight, operation: 'File: Request Preflight' },
	revertToOriginal: { endpoint: BOX_ENDPOINTS.fileRevertToOriginal, operation: 'File: Revert to Original Image' },
	revertToVersion: {
		endpoint: BOX_ENDPOINTS.fileRevertToVersion,
		operation: 'File: Revert to a Previous Version',
		parameters: [versionId],
		read: (context, itemIndex) => ({ pathParams: { versionId: requiredText(context, 'versionId', itemIndex, 'Version ID') } }),
	},
	sendToDevice: {
		endpoint: BOX_ENDPOINTS.fileSendToDevice,
		operation: 'File: Send to Device',
		parameters: [deviceId],
		read: (context, itemIndex) => ({ body: { deviceId: requiredText(context, 'deviceId', itemIndex, 'Device ID') } }),
	},
	update: {
		endpoint: BOX_ENDPOINTS.fileUpdate,
		operation: 'File: Update',
		parameters: [updateFields],
		read: (context, itemIndex) => ({ body: readChanges(context, itemIndex) }),
	},
};

export function readFileId(context: IExecuteFunctions, itemIndex: number): string {
	return readLocatorId(context, 'fileId', itemIndex, 'File');
}

/** A command's answer as an item: PrintOS's object when it sends one, else what was done to what. */
function commandResult(response: unknown, summary: IDataObject): IDataObject {
	if (response && typeof response === 'object' && !Array.isArray(response)) return response as IDataObject;
	return { ...summary, success: true };
}

export function fileCommandOperation(command: FileCommand): NodeOperation {
	return {
		description: [...unconfirmedPathNotice(command.endpoint), fileLocator, ...(command.parameters ?? [])],
		async execute(this: IExecuteFunctions, client: PrintOsClient, itemIndex: number) {
			const fileId = readFileId(this, itemIndex);
			const { pathParams = {}, body } = command.read?.(this, itemIndex) ?? {};
			const response = await client.request({
				service: 'box',
				endpoint: command.endpoint,
				pathParams: { fileId, ...pathParams },
				body,
				itemIndex,
				operation: command.operation,
			});
			return commandResult(response, { fileId, ...pathParams, ...body });
		},
	};
}
