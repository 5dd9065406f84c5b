import type { INodeProperties } from 'n8n-workflow';

import { SITE_FLOW_ENDPOINTS } from '../../endpoints';
import * as download from './download.operation';
import { describeOperation, showOnlyFor } from '../../../shared/node/displayOptions';
import type { NodeOperation } from '../../../shared/node/operation';

export const operations: Record<string, NodeOperation> = { download };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['orderFile'] } },
		options: [
			{
				name: 'Download',
				value: 'download',
				action: 'Download the files of an order',
				description: describeOperation(
					'Download each file of an order as binary data, one item per file, with its component',
					SITE_FLOW_ENDPOINTS.fileDownload,
				),
			},
		],
		default: 'download',
	},
	...showOnlyFor('orderFile', ['download'], download.description),
];
