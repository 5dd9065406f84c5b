import type { INodeProperties } from 'n8n-workflow';

import { SITE_FLOW_ENDPOINTS } from '../../endpoints';
import * as cancel from './cancel.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as submit from './submit.operation';
import * as update from './update.operation';
import * as validate from './validate.operation';
import { describeOperation, showOnlyFor } from '../../../shared/node/displayOptions';
import type { NodeOperation } from '../../../shared/node/operation';

export const operations: Record<string, NodeOperation> = { cancel, get, getAll, submit, update, validate };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				action: 'Cancel an order',
				description: 'Cancel an order by its Site Flow ID, or by source account and source order ID',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an order',
				description: 'Get an order by its Site Flow ID or by your source order ID',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many orders',
				description: 'List orders, newest first by default',
			},
			{
				name: 'Submit',
				value: 'submit',
				action: 'Submit an order',
				description: 'Send an order to production, never twice',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update an order',
				description: describeOperation('Replace the data of a submitted order', SITE_FLOW_ENDPOINTS.orderUpdate),
			},
			{
				name: 'Validate',
				value: 'validate',
				action: 'Validate an order',
				description: 'Check an order with PrintOS without submitting it',
			},
		],
		default: 'submit',
	},
	...showOnlyFor('order', ['cancel'], cancel.description),
	...showOnlyFor('order', ['get'], get.description),
	...showOnlyFor('order', ['getAll'], getAll.description),
	...showOnlyFor('order', ['submit'], submit.description),
	...showOnlyFor('order', ['update'], update.description),
	...showOnlyFor('order', ['validate'], validate.description),
];
