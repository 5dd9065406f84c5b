import { SITE_FLOW_ENDPOINTS } from '../../endpoints';
import * as getAll from './getAll.operation';
import * as getUploadUrl from './getUploadUrl.operation';
import { describeOperation } from '../../../shared/node/displayOptions';
import { defineResource } from '../../../shared/node/resource';

export const { operations, description } = defineResource('file', 'getUploadUrl', {
	getAll: {
		name: 'Get Many',
		action: 'Get many files of an order',
		description: describeOperation('List the files of an order', SITE_FLOW_ENDPOINTS.fileListForOrder),
		operation: getAll,
	},
	getUploadUrl: {
		name: 'Get Upload URL',
		action: 'Get an upload URL',
		description: 'Get a presigned URL to PUT a file to, for use as artwork',
		operation: getUploadUrl,
	},
});
