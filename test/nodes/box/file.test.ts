import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import { boxCalls, boxNode, callLines, freshSandbox, locator, makeFile, makeFolder, runBox } from './boxKit';

let sandbox: Sandbox;
let folderId: string;
beforeAll(async () => {
	sandbox = await freshSandbox();
	folderId = await makeFolder(sandbox, 'Files');
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.clearRequests());

const UNKNOWN_ID = '0123456789abcdef01234567';

async function fileRun(operation: string, fileId: string, extra: IDataObject = {}) {
	return await runBox(sandbox, { resource: 'file', operation, fileId: locator(fileId), ...extra });
}

describe('File: Upload from URL', () => {
	it('adds a file to a folder with copies, notes, substrate and flow', async () => {
		const result = await runBox(sandbox, {
			resource: 'file',
			operation: 'uploadFromUrl',
			folderId: locator(folderId),
			url: 'https://artwork.example.com/poster.pdf',
			name: 'poster.pdf',
			copies: 10,
			additionalFields: { notes: 'rush', substrate: 'Silk 150gsm', flow: 'print_only' },
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			folderId,
			name: 'poster.pdf',
			sourceUrl: 'https://artwork.example.com/poster.pdf',
			printInstructions: { copies: 10, notes: 'rush' },
			substrate: 'Silk 150gsm',
			flow: 'print_only',
		});
		expect(callLines(sandbox)).toEqual(['POST /box/api/partner/file 200']);
	});

	it('reports PrintOS’s validation message (an unknown substrate) with its status', async () => {
		const result = await runBox(sandbox, {
			resource: 'file',
			operation: 'uploadFromUrl',
			folderId: locator(folderId),
			url: 'https://artwork.example.com/a.pdf',
			name: 'a.pdf',
			copies: 1,
			additionalFields: { substrate: 'Cardboard' },
		});
		expect(result.error?.httpCode).toBe('400');
		expect(result.error?.message).toContain('substrate "Cardboard" is not a known substrate');
	});

	it('reports an unknown folder as a 404', async () => {
		const result = await runBox(sandbox, {
			resource: 'file',
			operation: 'uploadFromUrl',
			folderId: locator(UNKNOWN_ID),
			url: 'https://artwork.example.com/a.pdf',
			name: 'a.pdf',
			copies: 1,
		});
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.message).toBe('Folder not found');
	});

	it('refuses an empty file name or zero copies before sending anything', async () => {
		const base = { resource: 'file', operation: 'uploadFromUrl', folderId: locator(folderId), url: 'https://artwork.example.com/a.pdf' };
		const noName = await runBox(sandbox, { ...base, name: '={{ "" }}', copies: 1 });
		expect(noName.error?.message).toBe('The "File Name" parameter is empty [item 0]');
		const noCopies = await runBox(sandbox, { ...base, name: 'a.pdf', copies: 0 });
		expect(noCopies.error?.message).toBe('The "Copies" parameter must be a whole number of at least 1, not 0 [item 0]');
		expect(boxCalls(sandbox)).toHaveLength(0);
	});
});

describe('File: Get', () => {
	it('gets a file by ID and by link', async () => {
		const file = await makeFile(sandbox, folderId, 'get-me.jpg');
		const byId = await fileRun('get', file._id as string);
		expect(byId.error).toBeUndefined();
		expect(byId.items[0].json).toMatchObject({ _id: file._id, name: 'get-me.jpg', folderId });
		const byLink = await runBox(sandbox, {
			resource: 'file',
			operation: 'get',
			fileId: locator(`https://www.printos.com/box/#/file/${String(file._id)}`, 'url'),
		});
		expect(byLink.items[0].json._id).toBe(file._id);
		expect(callLines(sandbox).slice(1)).toEqual(Array(2).fill(`GET /box/api/partner/file/${String(file._id)} 200`));
	});

	it('reports an unknown file as a 404', async () => {
		const result = await fileRun('get', UNKNOWN_ID);
		expect(result.error?.httpCode).toBe('404');
		expect(result.error?.message).toBe('File not found');
	});
});

describe('File: Update', () => {
	it('changes name and print instructions', async () => {
		const file = await makeFile(sandbox, folderId, 'old.jpg');
		const result = await fileRun('update', file._id as string, {
			updateFields: { name: 'new.jpg', copies: 4, notes: 'two-sided', substrate: 'Gloss Text', flow: '59371e914459ca12008e8ca7' },
		});
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			name: 'new.jpg',
			printInstructions: { copies: 4, notes: 'two-sided' },
			substrate: 'Gloss Text',
			flow: 'impose_only',
		});
		expect(callLines(sandbox).at(-1)).toBe(`PUT /box/api/partner/file/${String(file._id)} 200`);
	});

	it('refuses an update without fields before sending anything', async () => {
		const result = await fileRun('update', UNKNOWN_ID, { updateFields: { notes: '  ' } });
		expect(result.error?.message).toBe('No update fields given [item 0]');
		expect(boxCalls(sandbox)).toHaveLength(0);
	});
});

describe('File: Delete', () => {
	it('deletes a file, which then is gone', async () => {
		const file = await makeFile(sandbox, folderId, 'bye.jpg');
		const result = await fileRun('delete', file._id as string);
		expect(result.items[0].json).toMatchObject({ deleted: true, fileId: file._id });
		const after = await fileRun('get', file._id as string);
		expect(after.error?.httpCode).toBe('404');
	});
});

describe('File: Request Preflight', () => {
	it('runs a preflight and returns the file with its result', async () => {
		const file = await makeFile(sandbox, folderId, 'check.jpg');
		const result = await fileRun('preflight', file._id as string);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ _id: file._id, lastAction: 'Preflight passed' });
		expect((result.items[0].json.currentVersion as IDataObject).preflight).toMatchObject({ status: 'ok' });
		expect(callLines(sandbox).at(-1)).toBe(`POST /box/api/partner/file/${String(file._id)}/preflight 200`);
	});
});

describe('File: Convert Image to PDF, Revert to Original Image, Revert to a Previous Version', () => {
	it('converts, reverts to the original and back to the converted version', async () => {
		const file = await makeFile(sandbox, folderId, 'scan.jpg');
		const fileId = file._id as string;

		const converted = await fileRun('convertToPdf', fileId);
		expect(converted.error).toBeUndefined();
		expect(converted.items[0].json).toMatchObject({ name: 'scan.pdf', currentRevision: 3 });
		const pdfVersionId = converted.items[0].json.currentVersionId as string;

		const original = await fileRun('revertToOriginal', fileId);
		expect(original.items[0].json).toMatchObject({ name: 'scan.jpg', currentRevision: 1 });

		const back = await fileRun('revertToVersion', fileId, { versionId: pdfVersionId });
		expect(back.items[0].json).toMatchObject({ name: 'scan.pdf', currentVersionId: pdfVersionId });

		expect(callLines(sandbox).slice(1)).toEqual([
			`POST /box/api/partner/file/${fileId}/convert 200`,
			`POST /box/api/partner/file/${fileId}/revert 200`,
			`POST /box/api/partner/file/${fileId}/version/${pdfVersionId}/revert 200`,
		]);
	});

	it('reports an unknown version as a 404 and refuses an empty one before sending', async () => {
		const file = await makeFile(sandbox, folderId, 'v.jpg');
		const unknown = await fileRun('revertToVersion', file._id as string, { versionId: UNKNOWN_ID });
		expect(unknown.error?.httpCode).toBe('404');
		sandbox.clearRequests();
		const empty = await fileRun('revertToVersion', file._id as string, { versionId: '={{ "" }}' });
		expect(empty.error?.message).toBe('The "Version ID" parameter is empty [item 0]');
		expect(boxCalls(sandbox)).toHaveLength(0);
	});
});

describe('File: Send to Device', () => {
	it('sends a file to a device', async () => {
		const file = await makeFile(sandbox, folderId, 'press.jpg');
		const result = await fileRun('sendToDevice', file._id as string, { deviceId: 'indigo-7900-01' });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ success: true, fileId: file._id, deviceId: 'indigo-7900-01', status: 'sent' });
		expect(callLines(sandbox).at(-1)).toBe(`POST /box/api/partner/file/${String(file._id)}/send 200`);
	});
});

describe('inferred operations', () => {
	it('say in the node which paths are inferred, and confirmed ones do not', () => {
		const { properties } = boxNode.description;
		const fileOperations = properties.find(
			(property) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes('file'),
		);
		const byValue = Object.fromEntries(
			((fileOperations?.options ?? []) as unknown as IDataObject[]).map((option) => [option.value, String(option.description)]),
		);
		expect(byValue.preflight).toContain('Uses POST /api/partner/file/{fileId}/preflight, inferred');
		expect(byValue.get).not.toContain('inferred');
		const noticeOperations = properties
			.filter((property) => property.type === 'notice')
			.map((notice) => `${String(notice.displayOptions?.show?.resource)}:${String(notice.displayOptions?.show?.operation)}`);
		expect(noticeOperations.sort()).toEqual(
			[
				'contact:create', 'contact:delete', 'contact:getMany', 'dashboard:get', 'file:convertToPdf', 'file:delete',
				'file:download', 'file:preflight', 'file:revertToOriginal', 'file:revertToVersion', 'file:sendToDevice', 'file:update', 'folder:delete',
			].sort(),
		);
	});
});
