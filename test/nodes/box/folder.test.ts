import type { Sandbox } from '../../../sandbox';
import { boxCalls, callLines, freshSandbox, locator, makeFolder, runBox } from './boxKit';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await freshSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.clearRequests());

describe('Folder: Create', () => {
	it('creates a folder with sender and recipient', async () => {
		const result = await runBox(sandbox, {
			resource: 'folder',
			operation: 'create',
			name: 'Spring catalogue',
			from: 'sender@acme.example',
			to: 'recipient@psp.example',
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			name: 'Spring catalogue',
			from: 'sender@acme.example',
			to: 'recipient@psp.example',
			fileCount: 0,
		});
		expect(result.items[0].json._id).toMatch(/^[0-9a-f]{24}$/);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(callLines(sandbox)).toEqual(['POST /box/api/partner/folder 200']);
	});

	it('adds files by URL in the same call, with their print instructions', async () => {
		const result = await runBox(sandbox, {
			resource: 'folder',
			operation: 'create',
			name: 'With files',
			files: {
				file: [
					{ url: 'https://artwork.example.com/cover.pdf', name: 'cover.pdf', copies: 3, notes: 'matt', substrate: 'Gloss Text', flow: 'impose_only' },
					{ url: 'https://artwork.example.com/inside.pdf', name: 'inside.pdf', copies: 1 },
				],
			},
		});
		expect(result.error).toBeUndefined();
		const folder = result.items[0].json as { fileCount: number; files: Array<Record<string, unknown>> };
		expect(folder.fileCount).toBe(2);
		const cover = folder.files.find((file) => file.name === 'cover.pdf');
		expect(cover).toMatchObject({ printInstructions: { copies: 3, notes: 'matt' }, substrate: 'Gloss Text', flow: 'impose_only' });
		expect(callLines(sandbox)).toEqual(['POST /box/api/partner/folder 200']);
	});

	it('refuses an empty name before sending anything', async () => {
		const result = await runBox(sandbox, { resource: 'folder', operation: 'create', name: '   ' });
		expect(result.error?.message).toBe('The "Name" parameter is empty [item 0]');
		expect(boxCalls(sandbox)).toHaveLength(0);
	});

	it('refuses a file entry without URL before sending anything', async () => {
		const result = await runBox(sandbox, {
			resource: 'folder',
			operation: 'create',
			name: 'Bad files',
			files: { file: [{ url: 'https://artwork.example.com/a.pdf' }, { url: '', name: 'b.pdf' }] },
		});
		expect(result.error?.message).toBe('The "URL" of file 2 is empty [item 0]');
		expect(boxCalls(sandbox)).toHaveLength(0);
	});

	it('reports a wrong secret as PrintOS’s 401, naming the credential', async () => {
		const result = await runBox(sandbox, { resource: 'folder', operation: 'create', name: 'x' }, { secret: 'not-the-secret' });
		expect(result.error?.httpCode).toBe('401');
		expect(result.error?.description).toContain('HP PrintOS API credential');
		expect(JSON.stringify(result.error)).not.toContain('sandbox-secret');
		expect(callLines(sandbox)).toEqual(['POST /box/api/partner/folder 401']);
	});
});

describe('Folder: Get', () => {
	it('gets a folder by ID, by link and by plain string, with its files', async () => {
		const folderId = await makeFolder(sandbox, 'Lookup', [{ url: 'https://artwork.example.com/a.pdf', name: 'a.pdf', copies: 1 }]);
		for (const folderParameter of [
			locator(folderId),
			locator(`https://www.printos.com/box/#/org/0123456789abcdef01234567/folder/${folderId}?tab=files`, 'url'),
			folderId,
		]) {
			const result = await runBox(sandbox, { resource: 'folder', operation: 'get', folderId: folderParameter });
			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toMatchObject({ _id: folderId, name: 'Lookup', fileCount: 1 });
		}
		expect(callLines(sandbox).filter((line) => line.startsWith('GET'))).toEqual(
			Array(3).fill(`GET /box/api/partner/folder/${folderId} 200`),
		);
	});

	it('reports an unknown folder as a 404 with PrintOS’s message', async () => {
		const result = await runBox(sandbox, { resource: 'folder', operation: 'get', folderId: locator('0123456789abcdef01234567') });
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.message).toBe('Folder not found');
	});

	it('refuses a missing folder ID and a link without one before sending anything', async () => {
		// n8n itself refuses a literally empty required field; an expression can still come out empty
		const empty = await runBox(sandbox, { resource: 'folder', operation: 'get', folderId: locator('={{ $json.none ?? "" }}') });
		expect(empty.error?.message).toBe('The "Folder" parameter is empty [item 0]');
		const link = await runBox(sandbox, { resource: 'folder', operation: 'get', folderId: locator('={{ "https://www.printos.com/box/" }}', 'url') });
		expect(link.error?.message).toBe('The "Folder" link holds no Box ID [item 0]');
		expect(boxCalls(sandbox)).toHaveLength(0);
	});
});

describe('Folder: Delete', () => {
	it('deletes a folder, which then is gone', async () => {
		const folderId = await makeFolder(sandbox, 'Doomed');
		const result = await runBox(sandbox, { resource: 'folder', operation: 'delete', folderId: locator(folderId) });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ deleted: true, folderId });
		const after = await runBox(sandbox, { resource: 'folder', operation: 'get', folderId: locator(folderId) });
		expect(after.error?.httpCode).toBe('404');
		expect(callLines(sandbox).slice(1)).toEqual([
			`DELETE /box/api/partner/folder/${folderId} 200`,
			`GET /box/api/partner/folder/${folderId} 404`,
		]);
	});
});

describe('items', () => {
	it('keeps going per item with Continue On Fail, pairing each result with its item', async () => {
		const good = await makeFolder(sandbox, 'Good');
		sandbox.clearRequests();
		const result = await runBox(
			sandbox,
			{ resource: 'folder', operation: 'get', folderId: locator('={{ $json.folderId }}') },
			{
				continueOnFail: true,
				items: [{ json: { folderId: good } }, { json: { folderId: '' } }, { json: { folderId: 'abcdefabcdefabcdefabcdef' } }],
			},
		);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json._id).toBe(good);
		expect(result.items[1].json.error).toMatchObject({ message: 'The "Folder" parameter is empty [item 1]' });
		expect(result.items[2].json).toEqual({ error: { message: 'Folder not found', httpCode: 404 } });
		expect(boxCalls(sandbox)).toHaveLength(2);
	});

	it('without Continue On Fail, an item with an empty field stops the batch before any request', async () => {
		const result = await runBox(
			sandbox,
			{ resource: 'folder', operation: 'create', name: '={{ $json.name }}', requestOptions: { concurrency: 1 } },
			{ items: [{ json: { name: 'one' } }, { json: { name: '' } }, { json: { name: 'three' } }] },
		);
		expect(result.error?.message).toBe('The "Name" parameter is empty [item 1]');
		expect(result.error?.description).toMatch(/Nothing was sent to PrintOS for any of the 3 items/);
		expect(callLines(sandbox)).toEqual([]);
	});
});
