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
		displayOptions: { show: { resource: ['dashboard'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get the dashboard',
				description: describeOperation('Get the data of the main Box widget', BOX_ENDPOINTS.dashboardGet),
			},
		],
		default: 'get',
	},
	...get.description,
];
