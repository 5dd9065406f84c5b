import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { credentialTest } from '../shared/credentialTest';
import { requestOptionsProperty } from '../shared/requestOptions';
import * as contact from './actions/contact';
import * as dashboard from './actions/dashboard';
import * as file from './actions/file';
import * as flow from './actions/flow';
import * as folder from './actions/folder';
import { router } from './actions/router';
import * as substrate from './actions/substrate';
import * as uploadUrl from './actions/uploadUrl';
import { listSearch, loadOptions } from './methods';

export class PrintOsBox implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HP PrintOS Box',
		name: 'printOsBox',
		icon: { light: 'file:printosBox.svg', dark: 'file:printosBox.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Send print files to PrintOS Box folders and manage them',
		defaults: { name: 'HP PrintOS Box' },
		usableAsTool: true,
		// The two lint plugins disagree here; the newer community-nodes rule (NodeConnectionTypes) wins.
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'printOsApi', required: true, testedBy: 'printOsApiConnectionTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Contact', value: 'contact' },
					{ name: 'Dashboard', value: 'dashboard' },
					{ name: 'File', value: 'file' },
					{ name: 'Flow', value: 'flow' },
					{ name: 'Folder', value: 'folder' },
					{ name: 'Substrate', value: 'substrate' },
					{ name: 'Upload URL', value: 'uploadUrl' },
				],
				default: 'file',
			},
			...contact.description,
			...dashboard.description,
			...file.description,
			...flow.description,
			...folder.description,
			...substrate.description,
			...uploadUrl.description,
			requestOptionsProperty,
		],
	};

	methods = { credentialTest, listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
