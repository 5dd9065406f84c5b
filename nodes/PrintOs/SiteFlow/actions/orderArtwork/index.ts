import * as upload from './upload.operation';
import * as uploadOrderFiles from './uploadOrderFiles.operation';
import { defineResource } from '../../../shared/node/resource';

export const { operations, description } = defineResource('orderArtwork', 'upload', {
	upload: {
		name: 'Upload',
		action: 'Upload artwork from a binary',
		description:
			"Upload the input item's file to Site Flow storage and return the path to use in a component, or set it in an order",
		operation: upload,
	},
	uploadOrderFiles: {
		name: 'Upload Order Files',
		action: 'Upload the files of a submitted order',
		description:
			"Upload the input item's files for a submitted order's components whose artwork is not fetched from a URL",
		operation: uploadOrderFiles,
	},
});
