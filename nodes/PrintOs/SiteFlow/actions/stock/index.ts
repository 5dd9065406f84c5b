import { SITE_FLOW_ENDPOINTS } from '../../endpoints';
import { listOperation } from '../common/listOperation';
import { defineResource } from '../../../shared/node/resource';

export const { operations, description } = defineResource('stock', 'getAll', {
	getAll: {
		name: 'Get Many',
		action: 'Get many stock items',
		description: 'List the stock items of the account',
		operation: listOperation(SITE_FLOW_ENDPOINTS.stockList, 'Stock: Get Many'),
	},
});
