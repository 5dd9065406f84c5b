/**
 * Polls one Box folder for new files, new revisions and changed preflight results: Box sends no
 * notifications (docs/printos-api.md#box-named-only), so polling is the only way to react. The comparison is in `folderWatch.ts`.
 */
import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { BOX_ENDPOINTS } from '../Box/endpoints';
import { credentialTest } from '../shared/credentialTest';
import { PrintOsClient } from '../transport/client';
import { compareFolder, filesOf, markOf, type BoxEvent, type FolderState } from './folderWatch';

interface StoredFolders {
	folders?: Record<string, FolderState>;
}

export class PrintOsBoxTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HP PrintOS Box Trigger',
		name: 'printOsBoxTrigger',
		icon: { light: 'file:printosBoxTrigger.svg', dark: 'file:printosBoxTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"Polling folder " + $parameter["folderId"]}}',
		description: 'Starts the workflow when a file arrives in a Box folder, or a file’s revision or preflight result changes (polling)',
		defaults: { name: 'Box Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'printOsApi', required: true, testedBy: 'printOsApiConnectionTest' }],
		properties: [
			{
				displayName: 'Folder ID',
				name: 'folderId',
				type: 'string',
				required: true,
				default: '',
				placeholder: '5a1f0c2e9b1d4a0012c3d4e5',
				description: 'The _id of the Box folder to watch. Each poll reads it once (GET /api/partner/folder/{folderId}).',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{ name: 'New File', value: 'newFile' },
					{ name: 'New Revision', value: 'revisionChanged', description: 'A file’s current revision changed (conversion, revert, new version)' },
					{ name: 'Preflight Result Changed', value: 'preflightChanged' },
				],
				default: ['newFile'],
			},
		],
	};

	methods = { credentialTest };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const folderId = String(this.getNodeParameter('folderId', '') ?? '').trim();
		if (!folderId) throw new NodeOperationError(this.getNode(), '"Folder ID" is empty');
		const events = this.getNodeParameter('events', []) as BoxEvent[];
		if (!events.length) throw new NodeOperationError(this.getNode(), 'Choose at least one event in "Events"');
		const client = await PrintOsClient.create(this, 'printOsApi');
		const folder = await client.request({
			service: 'box',
			endpoint: BOX_ENDPOINTS.folderGet,
			pathParams: { folderId },
			operation: 'Box Trigger: read folder',
		});
		const files = filesOf(folder);
		if (!files) {
			// Comparing against "no files" would announce every file again on the next poll: keep what is remembered
			throw new NodeOperationError(this.getNode(), `PrintOS answered the folder ${folderId} without a list of its files`, {
				description:
					'Nothing was announced and what the trigger remembers is kept. If this repeats, your PrintOS account answers folders in another shape: see the README, "Limits and known uncertainties".',
			});
		}
		const seenAt = new Date().toISOString();
		const toItem = (event: BoxEvent | 'test', file: IDataObject, previous?: IDataObject): INodeExecutionData => ({
			json: { event, fileId: file._id ?? file.id, folderId, ...markOf(file), ...(previous ? { previous } : {}), seenAt, file },
		});

		if (this.getMode() === 'manual') {
			const newest = [...files].sort((a, b) => Date.parse(String(b.updatedAt ?? b.modified ?? '')) - Date.parse(String(a.updatedAt ?? a.modified ?? '')))[0];
			return newest ? [[toItem('test', newest)]] : null;
		}
		const stored = this.getWorkflowStaticData('node') as StoredFolders;
		// one folder is watched; a changed Folder ID starts a new baseline
		const { changes, state } = compareFolder(files, stored.folders?.[folderId], events);
		stored.folders = { [folderId]: state };
		if (!changes.length) return null;
		return [changes.map((change) => toItem(change.event, change.file, change.previous as IDataObject | undefined))];
	}
}
