import type { INodeProperties } from 'n8n-workflow';

import * as upload from './upload.operation';
import * as uploadOrderFiles from './uploadOrderFiles.operation';
import { showOnlyFor } from '../../../shared/node/displayOptions';
import type { NodeOperation } from '../../../shared/node/operation';

export const operations: Record<string, NodeOperation> = { upload, uploadOrderFiles };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['orderArtwork'] } },
		options: [
			{
				name: 'Upload',
				value: 'upload',
				action: 'Upload artwork from a binary',
				description:
					"Upload the input item's file to Site Flow storage and return the path to use in a component, or set it in an order",
			},
			{
				name: 'Upload Order Files',
				value: 'uploadOrderFiles',
				action: 'Upload the files of a submitted order',
				description:
					"Upload the input item's files for a submitted order's components whose artwork is not fetched from a URL",
			},
		],
		default: 'upload',
	},
	...showOnlyFor('orderArtwork', ['upload'], upload.description),
	...showOnlyFor('orderArtwork', ['uploadOrderFiles'], uploadOrderFiles.description),
];
