import { describeOperation } from '../../../shared/node/displayOptions';
import { defineResource } from '../../../shared/node/resource';
import { BOX_ENDPOINTS } from '../../endpoints';
import { listOperation } from '../lists';

export const { operations, description } = defineResource('flow', 'getMany', {
	getMany: {
		name: 'Get Many',
		action: 'Get many flows',
		description: describeOperation('List the production flows of the account', BOX_ENDPOINTS.flowList),
		operation: listOperation(BOX_ENDPOINTS.flowList, 'Flow: Get Many'),
	},
});
