import { describeOperation } from '../../../shared/node/displayOptions';
import { defineResource } from '../../../shared/node/resource';
import { BOX_ENDPOINTS } from '../../endpoints';
import { FILE_COMMANDS, fileCommandOperation } from './commands';
import * as deleteFile from './delete.operation';
import * as download from './download.operation';
import * as uploadBinary from './uploadBinary.operation';
import * as uploadFromUrl from './uploadFromUrl.operation';

export const { operations, description } = defineResource('file', 'uploadBinary', {
	convertToPdf: {
		name: 'Convert Image to PDF',
		action: 'Convert an image file to PDF',
		description: describeOperation('Convert an image file to PDF', BOX_ENDPOINTS.fileConvertToPdf),
		operation: fileCommandOperation(FILE_COMMANDS.convertToPdf),
	},
	delete: {
		name: 'Delete',
		action: 'Delete a file',
		description: describeOperation('Delete a file', BOX_ENDPOINTS.fileDelete),
		operation: deleteFile,
	},
	download: {
		name: 'Download',
		action: 'Download a file',
		description: describeOperation(
			'Download the file’s current version, or a chosen revision, as binary data',
			BOX_ENDPOINTS.fileDownload,
		),
		operation: download,
	},
	get: {
		name: 'Get',
		action: 'Get a file',
		description: describeOperation('Get a file with its versions', BOX_ENDPOINTS.fileGet),
		operation: fileCommandOperation(FILE_COMMANDS.get),
	},
	preflight: {
		name: 'Request Preflight',
		action: 'Request a preflight check of a file',
		description: describeOperation('Request a preflight check of a file', BOX_ENDPOINTS.filePreflight),
		operation: fileCommandOperation(FILE_COMMANDS.preflight),
	},
	revertToVersion: {
		name: 'Revert to a Previous Version',
		action: 'Revert a file to a previous version',
		description: describeOperation(
			'Revert a file to one of its earlier versions',
			BOX_ENDPOINTS.fileRevertToVersion,
		),
		operation: fileCommandOperation(FILE_COMMANDS.revertToVersion),
	},
	revertToOriginal: {
		name: 'Revert to Original Image',
		action: 'Revert a converted file to its original image',
		description: describeOperation(
			'Undo an image-to-PDF conversion',
			BOX_ENDPOINTS.fileRevertToOriginal,
		),
		operation: fileCommandOperation(FILE_COMMANDS.revertToOriginal),
	},
	sendToDevice: {
		name: 'Send to Device',
		action: 'Send a file to a device',
		description: describeOperation('Send a file to a press or DFE', BOX_ENDPOINTS.fileSendToDevice),
		operation: fileCommandOperation(FILE_COMMANDS.sendToDevice),
	},
	update: {
		name: 'Update',
		action: 'Update a file',
		description: describeOperation('Change a file’s name or print instructions', BOX_ENDPOINTS.fileUpdate),
		operation: fileCommandOperation(FILE_COMMANDS.update),
	},
	uploadBinary: {
		name: 'Upload Binary',
		action: 'Upload a binary file to a folder',
		description: describeOperation(
			'Upload the binary file of the input item (PDF or image) to a folder',
			BOX_ENDPOINTS.uploadUrls,
		),
		operation: uploadBinary,
	},
	uploadFromUrl: {
		name: 'Upload From URL',
		action: 'Add a file from a URL to a folder',
		description: describeOperation(
			'Add a file PrintOS fetches from a public URL to a folder',
			BOX_ENDPOINTS.fileAddByUrl,
		),
		operation: uploadFromUrl,
	},
});
