import { BOX_ENDPOINTS } from '../../endpoints';
import { deleteFolder, getFolder } from './byId';
import * as create from './create.operation';
import { describeOperation } from '../../../shared/node/displayOptions';
import { defineResource } from '../../../shared/node/resource';

export const { operations, description } = defineResource('folder', 'create', {
	create: {
		name: 'Create',
		action: 'Create a folder',
		description: describeOperation(
			'Create a folder, optionally adding files by URL in the same call',
			BOX_ENDPOINTS.folderCreate,
		),
		operation: create,
	},
	delete: {
		name: 'Delete',
		action: 'Delete a folder',
		description: describeOperation('Delete a folder', BOX_ENDPOINTS.folderDelete),
		operation: deleteFolder,
	},
	get: {
		name: 'Get',
		action: 'Get a folder',
		description: describeOperation('Get a folder', BOX_ENDPOINTS.folderGet),
		operation: getFolder,
	},
});
