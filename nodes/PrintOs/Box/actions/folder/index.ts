import type { INodeProperties } from 'n8n-workflow';

import { BOX_ENDPOINTS } from '../../endpoints';
import * as create from './create.operation';
import * as deleteFolder from './delete.operation';
import * as get from './get.operation';
import { describeOperation } from '../../../shared/node/displayOptions';

export const operations = { create, delete: deleteFolder, get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['folder'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a folder',
				description: describeOperation(
					'Create a folder, optionally adding files by URL in the same call',
					BOX_ENDPOINTS.folderCreate,
				),
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a folder',
				description: describeOperation('Delete a folder', BOX_ENDPOINTS.folderDelete),
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a folder',
				description: describeOperation('Get a folder', BOX_ENDPOINTS.folderGet),
			},
		],
		default: 'create',
	},
	...create.description,
	...deleteFolder.description,
	...get.description,
];
