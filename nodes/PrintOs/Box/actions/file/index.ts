import type { INodeProperties } from 'n8n-workflow';

import { BOX_ENDPOINTS } from '../../endpoints';
import { operationDescription } from '../displayOptions';
import * as convertToPdf from './convertToPdf.operation';
import * as deleteFile from './delete.operation';
import * as download from './download.operation';
import * as get from './get.operation';
import * as preflight from './preflight.operation';
import * as revertToOriginal from './revertToOriginal.operation';
import * as revertToVersion from './revertToVersion.operation';
import * as sendToDevice from './sendToDevice.operation';
import * as update from './update.operation';
import * as uploadBinary from './uploadBinary.operation';
import * as uploadFromUrl from './uploadFromUrl.operation';

export const operations = {
	convertToPdf,
	delete: deleteFile,
	download,
	get,
	preflight,
	revertToOriginal,
	revertToVersion,
	sendToDevice,
	update,
	uploadBinary,
	uploadFromUrl,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['file'] } },
		options: [
			{
				name: 'Convert Image to PDF',
				value: 'convertToPdf',
				action: 'Convert an image file to PDF',
				description: operationDescription('Convert an image file to PDF', BOX_ENDPOINTS.fileConvertToPdf),
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a file',
				description: operationDescription('Delete a file', BOX_ENDPOINTS.fileDelete),
			},
			{
				name: 'Download',
				value: 'download',
				action: 'Download a file',
				description: operationDescription(
					'Download the file’s current version, or a chosen revision, as binary data',
					BOX_ENDPOINTS.fileDownload,
				),
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a file',
				description: operationDescription('Get a file with its versions', BOX_ENDPOINTS.fileGet),
			},
			{
				name: 'Request Preflight',
				value: 'preflight',
				action: 'Request a preflight check of a file',
				description: operationDescription('Request a preflight check of a file', BOX_ENDPOINTS.filePreflight),
			},
			{
				name: 'Revert to a Previous Version',
				value: 'revertToVersion',
				action: 'Revert a file to a previous version',
				description: operationDescription(
					'Revert a file to one of its earlier versions',
					BOX_ENDPOINTS.fileRevertToVersion,
				),
			},
			{
				name: 'Revert to Original Image',
				value: 'revertToOriginal',
				action: 'Revert a converted file to its original image',
				description: operationDescription(
					'Undo an image-to-PDF conversion',
					BOX_ENDPOINTS.fileRevertToOriginal,
				),
			},
			{
				name: 'Send to Device',
				value: 'sendToDevice',
				action: 'Send a file to a device',
				description: operationDescription('Send a file to a press or DFE', BOX_ENDPOINTS.fileSendToDevice),
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a file',
				description: operationDescription('Change a file’s name or print instructions', BOX_ENDPOINTS.fileUpdate),
			},
			{
				name: 'Upload Binary',
				value: 'uploadBinary',
				action: 'Upload a binary file to a folder',
				description: operationDescription(
					'Upload the binary file of the input item (PDF or image) to a folder',
					BOX_ENDPOINTS.uploadUrls,
				),
			},
			{
				name: 'Upload From URL',
				value: 'uploadFromUrl',
				action: 'Add a file from a URL to a folder',
				description: operationDescription(
					'Add a file PrintOS fetches from a public URL to a folder',
					BOX_ENDPOINTS.fileAddByUrl,
				),
			},
		],
		default: 'uploadBinary',
	},
	...convertToPdf.description,
	...deleteFile.description,
	...download.description,
	...get.description,
	...preflight.description,
	...revertToOriginal.description,
	...revertToVersion.description,
	...sendToDevice.description,
	...update.description,
	...uploadBinary.description,
	...uploadFromUrl.description,
];
