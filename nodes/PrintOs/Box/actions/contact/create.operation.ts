import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { BOX_ENDPOINTS } from '../../endpoints';
import { compactTexts } from '../parameters';
import { unconfirmedPathNotice } from '../../../shared/node/displayOptions';
import { optionalText, requiredText } from '../../../shared/node/parameters';
import type { OperationResult } from '../../../shared/node/operation';

const endpoint = BOX_ENDPOINTS.contactCreate;

export const description: INodeProperties[] = [
	...unconfirmedPathNotice(endpoint),
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		placeholder: 'name@email.com',
		required: true,
		default: '',
		description: 'The contact’s e-mail address',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'The contact’s name',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Company', name: 'company', type: 'string', default: '' },
			{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
		],
	},
];

export async function execute(
	this: IExecuteFunctions,
	client: PrintOsClient,
	itemIndex: number,
): Promise<OperationResult> {
	const body: IDataObject = { email: requiredText(this, 'email', itemIndex, 'Email') };
	const name = optionalText(this, 'name', itemIndex);
	if (name) body.name = name;
	const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	Object.assign(body, compactTexts(extra, ['company', 'phone']));
	return await client.request<IDataObject>({
		service: 'box',
		endpoint,
		body,
		itemIndex,
		operation: 'Contact: Create',
	});
}
