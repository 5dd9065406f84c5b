import type { INodeProperties } from 'n8n-workflow';

import { BOX_ENDPOINTS } from '../../endpoints';
import { operationDescription } from '../displayOptions';
import * as create from './create.operation';
import * as deleteContact from './delete.operation';
import * as getMany from './getMany.operation';

export const operations = { create, delete: deleteContact, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a contact',
				description: operationDescription('Add a contact', BOX_ENDPOINTS.contactCreate),
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a contact',
				description: operationDescription('Delete a contact', BOX_ENDPOINTS.contactDelete),
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many contacts',
				description: operationDescription('List the account’s contacts', BOX_ENDPOINTS.contactList),
			},
		],
		default: 'getMany',
	},
	...create.description,
	...deleteContact.description,
	...getMany.description,
];
