import { SITE_FLOW_ENDPOINTS } from '../../endpoints';
import * as download from './download.operation';
import { describeOperation } from '../../../shared/node/displayOptions';
import { defineResource } from '../../../shared/node/resource';

export const { operations, description } = defineResource('orderFile', 'download', {
	download: {
		name: 'Download',
		action: 'Download the files of an order',
		description: describeOperation(
			'Download each file of an order as binary data, one item per file, with its component',
			SITE_FLOW_ENDPOINTS.fileDownload,
		),
		operation: download,
	},
});
