import { BOX_ENDPOINTS } from '../../endpoints';
import * as get from './get.operation';
import { describeOperation } from '../../../shared/node/displayOptions';
import { defineResource } from '../../../shared/node/resource';

export const { operations, description } = defineResource('dashboard', 'get', {
	get: {
		name: 'Get',
		action: 'Get the dashboard',
		description: describeOperation('Get the data of the main Box widget', BOX_ENDPOINTS.dashboardGet),
		operation: get,
	},
});
