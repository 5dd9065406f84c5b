import type { INodeProperties } from 'n8n-workflow';

import { SITE_FLOW_ENDPOINTS } from '../../endpoints';
import * as getAll from './getAll.operation';
import * as getUploadUrl from './getUploadUrl.operation';
import { describeOperation, showOnlyFor } from '../../../shared/node/displayOptions';
import type { NodeOperation } from '../../../shared/node/operation';

export const operations: Record<string, NodeOperation> = { getAll, getUploadUrl };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['file'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many files of an order',
				description: describeOperation('List the files of an order', SITE_FLOW_ENDPOINTS.fileListForOrder),
			},
			{
				name: 'Get Upload URL',
				value: 'getUploadUrl',
				action: 'Get an upload URL',
				description: 'Get a presigned URL to PUT a file to, for use as artwork',
			},
		],
		default: 'getUploadUrl',
	},
	...showOnlyFor('file', ['getAll'], getAll.description),
	...showOnlyFor('file', ['getUploadUrl'], getUploadUrl.description),
];
