import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import { BOX_ENDPOINTS } from '../../endpoints';
import { inferredPathNotice, showOnlyFor } from '../displayOptions';
import { compactTexts, readOptionalText, readRequiredText } from '../parameters';
import type { BoxResult } from '../types';

const endpoint = BOX_ENDPOINTS.contactCreate;

export const description = showOnlyFor('contact', 'create', [
	...inferredPathNotice(endpoint),
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
]);

export async function execute(
	this: IExecuteFunctions,
	client: PrintOsClient,
	itemIndex: number,
): Promise<BoxResult> {
	const body: IDataObject = { email: readRequiredText(this, 'email', itemIndex, 'Email') };
	const name = readOptionalText(this, 'name', itemIndex);
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
