import { describeOperation } from '../../../shared/node/displayOptions';
import { defineResource } from '../../../shared/node/resource';
import { BOX_ENDPOINTS } from '../../endpoints';
import { listOperation } from '../lists';
import * as create from './create.operation';
import * as deleteContact from './delete.operation';

export const { operations, description } = defineResource('contact', 'getMany', {
	create: {
		name: 'Create',
		action: 'Create a contact',
		description: describeOperation('Add a contact', BOX_ENDPOINTS.contactCreate),
		operation: create,
	},
	delete: {
		name: 'Delete',
		action: 'Delete a contact',
		description: describeOperation('Delete a contact', BOX_ENDPOINTS.contactDelete),
		operation: deleteContact,
	},
	getMany: {
		name: 'Get Many',
		action: 'Get many contacts',
		description: describeOperation('List the account’s contacts', BOX_ENDPOINTS.contactList),
		operation: listOperation(BOX_ENDPOINTS.contactList, 'Contact: Get Many'),
	},
});
