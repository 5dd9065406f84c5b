import { SITE_FLOW_ENDPOINTS } from '../../endpoints';
import * as cancel from './cancel.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as submit from './submit.operation';
import * as update from './update.operation';
import * as validate from './validate.operation';
import { describeOperation } from '../../../shared/node/displayOptions';
import { defineResource } from '../../../shared/node/resource';

export const { operations, description } = defineResource('order', 'submit', {
	cancel: {
		name: 'Cancel',
		action: 'Cancel an order',
		description: 'Cancel an order by its Site Flow ID, or by source account and source order ID',
		operation: cancel,
	},
	get: {
		name: 'Get',
		action: 'Get an order',
		description: 'Get an order by its Site Flow ID or by your source order ID',
		operation: get,
	},
	getAll: {
		name: 'Get Many',
		action: 'Get many orders',
		description: 'List orders, newest first by default',
		operation: getAll,
	},
	submit: {
		name: 'Submit',
		action: 'Submit an order',
		description: 'Send an order to production, never twice',
		operation: submit,
	},
	update: {
		name: 'Update',
		action: 'Update an order',
		description: describeOperation('Replace the data of a submitted order', SITE_FLOW_ENDPOINTS.orderUpdate),
		operation: update,
	},
	validate: {
		name: 'Validate',
		action: 'Validate an order',
		description: 'Check an order with PrintOS without submitting it',
		operation: validate,
	},
});
