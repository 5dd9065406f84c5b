import { BOX_UPLOAD_URL_FIELDS } from '../../nodes/PrintOs/Box/endpoints';
import { startSandbox, type Sandbox } from '../../sandbox';
import { gateway } from './client';

let sandbox: Sandbox;
let base: string;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0 });
	base = sandbox.url;
});
afterAll(() => sandbox.close());

const box = (method: string, path: string, body?: unknown) => gateway(base, method, `/box/api/partner${path}`, { body });

async function folderWithFile(url = 'https://www.example.com/html/pic_mountain.jpg') {
	const folder = (await box('POST', '/folder', { name: 'Jobs', from: 'sender@acme.com', to: 'recipient@psp.com' })).body;
	const file = (await box('POST', '/file', { url, folderId: folder._id, name: 'mountain.jpg', copies: '10', notes: 'n', substrate: 'Gloss Text', flow: 'impose_only' })).body;
	return { folder, file };
}

describe('folders', () => {
	it('creates a folder with the documented fields', async () => {
		const reply = await box('POST', '/folder', { name: 'Folder Name', from: 'Sender', to: 'Receiver' });
		expect(reply.status).toBe(200);
		expect(reply.body).toMatchObject({
			__v: 0,
			createdFrom: 'box',
			fileCount: 0,
			from: 'Sender',
			to: 'Receiver',
			name: 'Folder Name',
			lname: 'folder name',
			preflightStatus: 'ok',
			status: 'ready',
			tags: [],
			totalSize: 0,
			unread: false,
		});
		for (const field of ['_id', 'created', 'createdAt', 'updatedAt', 'modified', 'organizationId']) expect(reply.body[field]).toEqual(expect.any(String));
		const read = await box('GET', `/folder/${reply.body._id}`);
		expect(read.status).toBe(200);
		expect(read.body).toMatchObject({ _id: reply.body._id, name: 'Folder Name', files: [] });
	});

	it('creates a folder with files', async () => {
		const reply = await box('POST', '/folder', {
			name: 'With files',
			files: [{ name: 'File name', copies: 1, notes: 'This is a file', url: 'https://files.example.com/a.pdf' }, { url: 'https://files.example.com/b.pdf' }],
		});
		expect(reply.body.fileCount).toBe(2);
		expect(reply.body.files.map((file: { name: string }) => file.name)).toEqual(['File name', 'b.pdf']);
		const missing = await box('POST', '/folder', { name: 'x', files: [{ name: 'no url' }] });
		expect(missing.status).toBe(400);
		expect(missing.body.error.message).toContain('files[0].url');
	});

	it('requires a name; 404 for unknown folders; deletes', async () => {
		expect((await box('POST', '/folder', {})).status).toBe(400);
		const unknown = await box('GET', '/folder/000000000000000000000000');
		expect(unknown.status).toBe(404);
		expect(unknown.body.error.message).toBe('Folder not found');
		const { folder, file } = await folderWithFile();
		const deleted = await box('DELETE', `/folder/${folder._id}`);
		expect(deleted.body).toEqual({ success: true, _id: folder._id });
		expect((await box('GET', `/folder/${folder._id}`)).status).toBe(404);
		expect((await box('GET', `/file/${file._id}`)).status).toBe(404);
	});
});

describe('files', () => {
	it('adds a file by URL with the sample output\'s fields', async () => {
		const { folder, file } = await folderWithFile();
		expect(file).toMatchObject({
			id: file._id,
			folderId: folder._id,
			name: 'mountain.jpg',
			sourceUrl: 'https://www.example.com/html/pic_mountain.jpg',
			lastAction: 'Preflighting',
			printInstructions: { copies: 10, notes: 'n' },
			substrate: 'Gloss Text',
			flow: 'impose_only',
			flowId: '59371e914459ca12008e8ca7',
			currentRevision: 2,
			currentVersion: { profile: 'standard', revision: 2, status: 'pending', preflight: { fixups: [] } },
		});
		expect(file.versions.map((version: { revision: number }) => version.revision)).toEqual([1, 2]);
		expect(file.currentVersionId).toBe(file.versions[1]._id);
		expect((await box('GET', `/file/${file._id}`)).body._id).toBe(file._id);
		expect((await box('GET', `/folder/${folder._id}`)).body.fileCount).toBe(1);
	});

	it('requires url and folderId, and a known folder, substrate and flow', async () => {
		const both = await box('POST', '/file', {});
		expect(both.status).toBe(400);
		expect(both.body.error.message).toBe('url and folderId are required');
		expect((await box('POST', '/file', { url: 'https://x.example/a.pdf' })).body.error.message).toBe('folderId is required');
		const unknown = await box('POST', '/file', { url: 'https://x.example/a.pdf', folderId: '000000000000000000000000' });
		expect(unknown.status).toBe(404);
		const { folder } = await folderWithFile();
		expect((await box('POST', '/file', { url: 'https://x.example/a.pdf', folderId: folder._id, substrate: 'Cardboard' })).status).toBe(400);
		expect((await box('POST', '/file', { url: 'https://x.example/a.pdf', folderId: folder._id, flow: 'nope' })).status).toBe(400);
		expect((await box('POST', '/file', { url: 'https://x.example/a.pdf', folderId: folder._id, copies: 'many' })).status).toBe(400);
	});

	it('updates and deletes a file', async () => {
		const { folder, file } = await folderWithFile();
		const updated = await box('PUT', `/file/${file._id}`, { name: 'renamed.jpg', copies: 3, notes: 'new' });
		expect(updated.body).toMatchObject({ name: 'renamed.jpg', printInstructions: { copies: 3, notes: 'new' } });
		const deleted = await box('DELETE', `/file/${file._id}`);
		expect(deleted.body).toEqual({ success: true, _id: file._id });
		expect((await box('GET', `/folder/${folder._id}`)).body.fileCount).toBe(0);
		expect((await box('DELETE', `/file/${file._id}`)).status).toBe(404);
	});

	it('preflights: ok for a fetchable URL, failed for an unreachable one', async () => {
		const { file } = await folderWithFile();
		const ok = await box('POST', `/file/${file._id}/preflight`);
		expect(ok.body.currentVersion).toMatchObject({ status: 'ready', preflight: { status: 'ok' } });
		const broken = await folderWithFile('https://artwork.unreachable.example/a.pdf');
		const failed = await box('POST', `/file/${broken.file._id}/preflight`);
		expect(failed.body.currentVersion).toMatchObject({ status: 'error', preflight: { status: 'failed' } });
		expect((await box('GET', `/folder/${broken.folder._id}`)).body.preflightStatus).toBe('failed');
	});

	it('converts to PDF, reverts to the original and to a chosen version', async () => {
		const { file } = await folderWithFile();
		const converted = await box('POST', `/file/${file._id}/convert`);
		expect(converted.body.versions).toHaveLength(3);
		expect(converted.body.currentVersion).toMatchObject({ name: 'mountain.pdf', revision: 3, mimeType: 'application/pdf' });
		expect(converted.body.currentRevision).toBe(3);
		expect((await box('POST', `/file/${file._id}/convert`)).status).toBe(400);
		const reverted = await box('POST', `/file/${file._id}/revert`);
		expect(reverted.body.currentVersion).toMatchObject({ name: 'mountain.jpg', revision: 1 });
		const pdfVersion = converted.body.currentVersion._id;
		const chosen = await box('POST', `/file/${file._id}/version/${pdfVersion}/revert`);
		expect(chosen.body.currentVersionId).toBe(pdfVersion);
		expect(chosen.body.currentVersion.revision).toBe(3);
		expect((await box('POST', `/file/${file._id}/version/000000000000000000000000/revert`)).status).toBe(404);
	});

	it('sends to a device only with a deviceId', async () => {
		const { file } = await folderWithFile();
		const refused = await box('POST', `/file/${file._id}/send`, {});
		expect(refused.status).toBe(400);
		expect(refused.body.error.message).toBe('deviceId is required');
		const sent = await box('POST', `/file/${file._id}/send`, { deviceId: 'indigo-7900' });
		expect(sent.body).toMatchObject({ success: true, fileId: file._id, deviceId: 'indigo-7900', status: 'sent' });
		expect((await box('GET', `/file/${file._id}`)).body.lastSent).toBe(sent.body.sentAt);
	});

	it('hands out upload URLs under the first property names the node reads', async () => {
		const reply = await box('GET', '/file/uploadurls?mimeType=application/pdf');
		expect(Object.keys(reply.body).sort()).toEqual([BOX_UPLOAD_URL_FIELDS.upload[0], BOX_UPLOAD_URL_FIELDS.fetch[0]].sort());
	});
});

describe('contacts, dashboard, substrates, flows', () => {
	it('lists, creates and deletes contacts', async () => {
		const before = await box('GET', '/contact');
		expect(before.body.items.length).toBe(before.body.count);
		expect((await box('POST', '/contact', { name: 'No mail' })).status).toBe(400);
		const created = await box('POST', '/contact', { name: 'Ann', email: 'ann@example.com', company: 'Acme' });
		expect(created.body).toMatchObject({ name: 'Ann', email: 'ann@example.com', company: 'Acme' });
		expect((await box('GET', '/contact')).body.count).toBe(before.body.count + 1);
		expect((await box('DELETE', `/contact/${created.body._id}`)).body.success).toBe(true);
		expect((await box('DELETE', `/contact/${created.body._id}`)).status).toBe(404);
	});

	it('counts folders and files by status on the dashboard', async () => {
		const { file } = await folderWithFile();
		await box('POST', `/file/${file._id}/preflight`);
		const reply = await box('GET', '/dashboard');
		expect(reply.body.folders.total).toBeGreaterThan(0);
		expect(reply.body.folders.byStatus.ready).toBe(reply.body.folders.total);
		expect(reply.body.files.byStatus.ready).toBeGreaterThanOrEqual(1);
		expect(reply.body.files.total).toBe(Object.values(reply.body.files.byStatus as Record<string, number>).reduce((a, b) => a + b, 0));
	});

	it('lists substrates as strings and flows as {items:[{_id,name}]}', async () => {
		const substrates = await box('GET', '/substrate');
		expect(substrates.body).toContain('Gloss Text');
		expect(substrates.body.every((entry: unknown) => typeof entry === 'string')).toBe(true);
		const flows = await box('GET', '/flow');
		expect(flows.body.items[0]).toMatchObject({ _id: '59371e914459ca12008e8ca7', name: 'impose_only' });
	});

	it('keeps organisations apart', async () => {
		const other = await startSandbox({ port: 0, keys: [{ key: 'k2', secret: 's2', account: 'other-brand' }] });
		try {
			const folder = (await gateway(other.url, 'POST', '/box/api/partner/folder', { body: { name: 'mine' } })).body;
			expect((await gateway(other.url, 'GET', `/box/api/partner/folder/${folder._id}`, { id: 'k2', secret: 's2' })).status).toBe(404);
		} finally {
			await other.close();
		}
	});
});
