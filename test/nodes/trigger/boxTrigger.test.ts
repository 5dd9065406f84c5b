/**
 * The polling Box Trigger against the sandbox, in n8n-core's real PollContext: a baseline first, then
 * new files, new revisions and changed preflight results, each announced once, across a restart.
 */
import type { IDataObject } from 'n8n-workflow';

import { PrintOsBoxTrigger } from '../../../nodes/PrintOs/BoxTrigger/PrintOsBoxTrigger.node';
import type { Sandbox } from '../../../sandbox';
import { pollOnce } from '../../harness/pollRun';
import { startScriptedServer } from '../../helpers/scriptedServer';
import { freshSandbox, locator, makeFile, makeFolder, runBox } from '../box/boxKit';

const node = new PrintOsBoxTrigger();
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await freshSandbox();
});
afterAll(async () => sandbox.close());

async function poll(folderId: string, events: string[], staticData: IDataObject = {}, mode: 'trigger' | 'manual' = 'trigger') {
	return await pollOnce({
		nodeType: node,
		parameters: { folderId, events },
		credentials: { printOsApi: sandbox.credentialData().printOsApi },
		staticData,
		mode,
	});
}

function events(items: Array<{ json: IDataObject }>): string[] {
	return items.map((item) => `${String(item.json.event)}:${String((item.json.file as IDataObject).name)}`);
}

it('announces new files after the baseline, once each, across a restart', async () => {
	const folderId = await makeFolder(sandbox, 'Watched');
	await makeFile(sandbox, folderId, 'before.jpg');
	const base = await poll(folderId, ['newFile']);
	expect(base.started).toBe(false);

	await makeFile(sandbox, folderId, 'one.jpg');
	await makeFile(sandbox, folderId, 'two.jpg');
	const first = await poll(folderId, ['newFile'], base.staticData);
	expect(events(first.items)).toEqual(['newFile:one.jpg', 'newFile:two.jpg']);

	const again = await poll(folderId, ['newFile'], JSON.parse(JSON.stringify(first.staticData)));
	expect(again.items).toEqual([]);
});

it('announces a new revision and a changed preflight result only when asked for', async () => {
	const folderId = await makeFolder(sandbox, 'Revisions');
	const file = await makeFile(sandbox, folderId, 'photo.jpg');
	const base = await poll(folderId, ['revisionChanged', 'preflightChanged']);

	expect((await runBox(sandbox, { resource: 'file', operation: 'preflight', fileId: locator(String(file._id)) })).error).toBeUndefined();
	const preflighted = await poll(folderId, ['revisionChanged', 'preflightChanged'], base.staticData);
	expect(events(preflighted.items)).toEqual(['preflightChanged:photo.jpg']);
	expect(preflighted.items[0].json).toMatchObject({ preflight: 'ok', revision: '2' });

	expect((await runBox(sandbox, { resource: 'file', operation: 'convertToPdf', fileId: locator(String(file._id)) })).error).toBeUndefined();
	const onlyPreflight = await poll(folderId, ['preflightChanged'], preflighted.staticData);
	expect(onlyPreflight.items).toEqual([]);
	const converted = await poll(folderId, ['revisionChanged', 'preflightChanged'], preflighted.staticData);
	expect(events(converted.items)).toEqual(['revisionChanged:photo.pdf']);
	expect(converted.items[0].json).toMatchObject({ revision: '3', previous: { revision: '2' } });
	expect((await poll(folderId, ['revisionChanged', 'preflightChanged'], converted.staticData)).items).toEqual([]);
});

it('Fetch Test Event returns the most recently changed file and keeps no state', async () => {
	const folderId = await makeFolder(sandbox, 'Test event');
	await makeFile(sandbox, folderId, 'a.jpg');
	const result = await poll(folderId, ['newFile'], {}, 'manual');
	expect(events(result.items)).toEqual(['test:a.jpg']);
	expect(result.staticData).toEqual({});
});

it('refuses a folder answer without a file list instead of forgetting every file', async () => {
	const server = await startScriptedServer();
	try {
		server.fallback = () => ({ status: 200, body: { _id: 'f1', name: 'No list here' } });
		const credentials = { printOsApi: { ...sandbox.credentialData().printOsApi, baseUrl: server.url } };
		const remembered = { folders: { f1: { files: { a: { revision: '2', preflight: 'ok' } } } } };
		await expect(pollOnce({ nodeType: node, parameters: { folderId: 'f1', events: ['newFile'] }, credentials, staticData: remembered })).rejects.toThrow(
			/PrintOS answered the folder f1 without a list of its files/,
		);
	} finally {
		await server.close();
	}
});
