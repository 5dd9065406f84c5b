import type { INodeProperties } from 'n8n-workflow';

/** Where a download puts its file, named as in n8n's own download nodes. */
export const binaryOutputProperty: INodeProperties = {
	displayName: 'Put Output File in Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	hint: 'The name of the output binary field to put the file in',
};
