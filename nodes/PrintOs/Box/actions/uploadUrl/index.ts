import { BOX_ENDPOINTS } from '../../endpoints';
import * as get from './get.operation';
import { describeOperation } from '../../../shared/node/displayOptions';
import { defineResource } from '../../../shared/node/resource';

export const { operations, description } = defineResource('uploadUrl', 'get', {
	get: {
		name: 'Get',
		action: 'Get an upload URL',
		description: describeOperation(
			'Get a presigned URL to PUT a file to (without PrintOS signing) and the URL PrintOS then fetches it from',
			BOX_ENDPOINTS.uploadUrls,
		),
		operation: get,
	},
});
