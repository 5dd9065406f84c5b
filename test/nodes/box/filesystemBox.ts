/**
 * The setup of the Box tests that run in n8n's filesystem binary mode: n8n's binary store
 * initialised, a fresh sandbox with one folder, and both put away after the file. Import this module
 * before anything that loads n8n-core (it imports `filesystemBinaryMode` first for that reason).
 */
import { restoreBinaryMode } from './filesystemBinaryMode';

import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';

import type { Sandbox } from '../../../sandbox';
import { freshSandbox, makeFolder } from './boxKit';

export interface FilesystemBox {
	readonly sandbox: Sandbox;
	/** The folder made for this test file. */
	readonly folderId: string;
	readonly binaryData: BinaryDataService;
}

/** Registers beforeAll/afterAll for the calling test file; the fields are readable from its tests on. */
export function useFilesystemBox(folderName: string): FilesystemBox {
	let started: FilesystemBox | undefined;
	beforeAll(async () => {
		const binaryData = Container.get(BinaryDataService);
		await binaryData.init();
		const sandbox = await freshSandbox();
		started = { sandbox, binaryData, folderId: await makeFolder(sandbox, folderName) };
	});
	afterAll(async () => {
		await started?.sandbox.close();
		restoreBinaryMode();
	});
	const current = (): FilesystemBox => {
		if (!started) throw new Error('the filesystem-mode sandbox has not started');
		return started;
	};
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
