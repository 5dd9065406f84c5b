import { describeOperation } from '../../../shared/node/displayOptions';
import { defineResource } from '../../../shared/node/resource';
import { BOX_ENDPOINTS } from '../../endpoints';
import { listOperation } from '../lists';

export const { operations, description } = defineResource('substrate', 'getMany', {
	getMany: {
		name: 'Get Many',
		action: 'Get many substrates',
		description: describeOperation(
			'List the substrates of the account; one item each, a plain name as {"name": …}',
			BOX_ENDPOINTS.substrateList,
		),
		operation: listOperation(BOX_ENDPOINTS.substrateList, 'Substrate: Get Many'),
	},
});
