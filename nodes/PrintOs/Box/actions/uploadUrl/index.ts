import type { INodeProperties } from 'n8n-workflow';

import { BOX_ENDPOINTS } from '../../endpoints';
import * as get from './get.operation';
import { describeOperation } from '../../../shared/node/displayOptions';

export const operations = { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['uploadUrl'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get an upload URL',
				description: describeOperation(
					'Get a presigned URL to PUT a file to (without PrintOS signing) and the URL PrintOS then fetches it from',
					BOX_ENDPOINTS.uploadUrls,
				),
			},
		],
		default: 'get',
	},
	...get.description,
];
