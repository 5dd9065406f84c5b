import type { INodeProperties } from 'n8n-workflow';

import { BOX_ENDPOINTS } from '../../endpoints';
import { operationDescription } from '../displayOptions';
import * as getMany from './getMany.operation';

export const operations = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['flow'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many flows',
				description: operationDescription('List the production flows of the account', BOX_ENDPOINTS.flowList),
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
