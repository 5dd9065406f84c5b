/**
 * Parameters several Box operations share: the folder, file and contact pickers and the print
 * instructions a file carries (copies, notes, substrate, flow; docs/printos-api.md#box-facts `POST /api/partner/file`).
 */
import type { INodeProperties } from 'n8n-workflow';

/**
 * Box IDs are 24-hex Mongo IDs (docs/printos-api.md#box-facts). A pasted PrintOS link may hold other IDs too (the
 * organisation's), so URL mode takes the last one, which is the object's in REST-style links.
 */
export const ID_IN_URL = '^https?://.*[^0-9a-fA-F]([0-9a-fA-F]{24})(?:[^0-9a-fA-F].*)?$';

/** Typed in the URL mode of each picker: takes the last Box ID of a pasted link. */
const urlValidation = (what: string) => [
	{
		type: 'regex' as const,
		properties: { regex: ID_IN_URL, errorMessage: `Not a link that contains a ${what} ID` },
	},
];

const URL_PLACEHOLDER = 'https://www.printos.com/box/…/5a1f0c2e9b1d4a0012c3d4e5';

/** A picker of a Box object by its ID or by a pasted PrintOS link. */
function idOrUrlLocator(
	displayName: string,
	name: string,
	description: string,
	idPlaceholder: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'id', value: '' },
		required: true,
		description,
		modes: [
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: idPlaceholder },
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: URL_PLACEHOLDER,
				extractValue: { type: 'regex', regex: ID_IN_URL },
				validation: urlValidation(displayName.toLowerCase()),
			},
		],
	};
}

export const folderLocator = idOrUrlLocator(
	'Folder',
	'folderId',
	'The Box folder: its _id, as Folder: Create returns it',
	'5a1f0c2e9b1d4a0012c3d4e5',
);

export const fileLocator = idOrUrlLocator(
	'File',
	'fileId',
	'The Box file: its _id, as the upload operations return it',
	'5a1f0c2e9b1d4a0012c3d4e6',
);

export const contactLocator: INodeProperties = {
	displayName: 'Contact',
	name: 'contactId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchContacts', searchable: true },
		},
		{ displayName: 'By ID', name: 'id', type: 'string', placeholder: '5a1f0c2e9b1d4a0012c3d4e7' },
	],
};

export const copiesField: INodeProperties = {
	displayName: 'Copies',
	name: 'copies',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 1,
	description: 'How many copies to print',
};

export const notesField: INodeProperties = {
	displayName: 'Notes',
	name: 'notes',
	type: 'string',
	default: '',
	description: 'Print notes shown with the file',
};

export const substrateField: INodeProperties = {
	displayName: 'Substrate Name or ID',
	name: 'substrate',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getSubstrates' },
	default: '',
	description:
		'The material to print on, as your account lists it. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const flowField: INodeProperties = {
	displayName: 'Flow Name or ID',
	name: 'flow',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getFlows' },
	default: '',
	description:
		'The production flow, by its easy-submit name or _id. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** The optional print instructions of a file, as a collection named `name`. */
export function printInstructionsCollection(name: string, displayName: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [notesField, substrateField, flowField],
	};
}
