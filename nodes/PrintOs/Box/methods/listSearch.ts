import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { PrintOsClient } from '../../transport/client';
import { listEntries } from '../actions/lists';
import { BOX_ENDPOINTS } from '../endpoints';

function text(value: unknown): string {
	return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function contactLabel(contact: IDataObject): string {
	const name = text(contact.name);
	const email = text(contact.email);
	if (name && email) return `${name} <${email}>`;
	return name || email || text(contact._id ?? contact.id);
}

/** The contact picker; the list is not paged, so the filter applies here. */
export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const client = await PrintOsClient.create(this, 'printOsApi');
	const body = await client.request({
		service: 'box',
		endpoint: BOX_ENDPOINTS.contactList,
		operation: 'Contact: Get Many',
	});
	const wanted = (filter ?? '').trim().toLowerCase();
	const results = listEntries(body)
		.map((contact) => ({ name: contactLabel(contact), value: text(contact._id ?? contact.id) }))
		.filter((entry) => entry.value && (!wanted || entry.name.toLowerCase().includes(wanted)));
	return { results };
}
