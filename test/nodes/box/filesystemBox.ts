/**
 * The setup of the Box tests that run in n8n's filesystem binary mode: n8n's binary store
 * initialised, a fresh sandbox with one folder, and both put away after the file. Import this module
 * before anything that loads n8n-core (it imports `filesystemBinaryMode` first for that reason).
 */
import { restoreBinaryMode } from './filesystemBinaryMode';

import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';

import type { Sandbox } from '../../../sandbox';
import { startedPerFile } from '../../harness/perFile';
import { freshSandbox, makeFolder } from './boxKit';

export interface FilesystemBox {
	readonly sandbox: Sandbox;
	/** The folder made for this test file. */
	readonly folderId: string;
	readonly binaryData: BinaryDataService;
}

/** Registers beforeAll/afterAll for the calling test file; the fields are readable from its tests on. */
export function useFilesystemBox(folderName: string): FilesystemBox {
	afterAll(restoreBinaryMode);
	const current = startedPerFile<FilesystemBox>(
		'the filesystem-mode sandbox',
		async () => {
			const binaryData = Container.get(BinaryDataService);
			await binaryData.init();
			const sandbox = await freshSandbox();
			return { sandbox, binaryData, folderId: await makeFolder(sandbox, folderName) };
		},
		async ({ sandbox }) => await sandbox.close(),
	);
	return {
		get sandbox() {
			return current().sandbox;
		},
		get folderId() {
			return current().folderId;
		},
		get binaryData() {
			return current().binaryData;
		},
	};
}
