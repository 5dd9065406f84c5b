/**
 * Contact, Dashboard, Substrate, Flow and Upload URL operations, and the pickers the editor fills
 * from the account (substrates, flows, contacts).
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox';
import { loadOptionsContext } from '../../harness/loadOptionsRun';
import { boxCalls, boxNode, callLines, freshSandbox, locator, makeFile, makeFolder, runBox } from './boxKit';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await freshSandbox();
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.clearRequests());

const SEEDED_SUBSTRATES = 7;

describe('Substrate: Get Many', () => {
	it('returns every substrate as an item with Return All', async () => {
		const result = await runBox(sandbox, { resource: 'substrate', operation: 'getMany', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(SEEDED_SUBSTRATES);
		expect(result.items[0].json).toEqual({ name: 'Gloss Text' });
		expect(result.items.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(callLines(sandbox)).toEqual(['GET /box/api/partner/substrate 200']);
	});

	it('applies the limit', async () => {
		const result = await runBox(sandbox, { resource: 'substrate', operation: 'getMany', returnAll: false, limit: 3 });
		expect(result.items.map((item) => item.json.name)).toEqual(['Gloss Text', 'Silk 150gsm', 'Silk 350gsm']);
	});

	it('reports a wrong secret as a 401', async () => {
		const result = await runBox(sandbox, { resource: 'substrate', operation: 'getMany', returnAll: true }, { secret: 'nope' });
		expect(result.error?.httpCode).toBe('401');
	});
});

describe('Flow: Get Many', () => {
	it('returns the flows of the account, limited', async () => {
		const all = await runBox(sandbox, { resource: 'flow', operation: 'getMany', returnAll: true });
		expect(all.items.map((item) => item.json.name)).toEqual(['impose_only', 'print_only', 'preflight_impose_print']);
		expect(all.items[0].json).toMatchObject({ _id: '59371e914459ca12008e8ca7' });
		const one = await runBox(sandbox, { resource: 'flow', operation: 'getMany', returnAll: false, limit: 1 });
		expect(one.items).toHaveLength(1);
		expect(callLines(sandbox)).toEqual(Array(2).fill('GET /box/api/partner/flow 200'));
	});
});

describe('Contact', () => {
	it('creates, lists and deletes a contact', async () => {
		const created = await runBox(sandbox, {
			resource: 'contact',
			operation: 'create',
			email: 'ops@customer.example',
			name: 'Customer Ops',
			additionalFields: { company: 'Customer Ltd', phone: '+44 117 000 0000' },
		});
		expect(created.error).toBeUndefined();
		const contact = created.items[0].json;
		expect(contact).toMatchObject({ email: 'ops@customer.example', name: 'Customer Ops', company: 'Customer Ltd', phone: '+44 117 000 0000' });

		const listed = await runBox(sandbox, { resource: 'contact', operation: 'getMany', returnAll: true });
		expect(listed.items.map((item) => item.json.email)).toContain('ops@customer.example');
		const limited = await runBox(sandbox, { resource: 'contact', operation: 'getMany', returnAll: false, limit: 2 });
		expect(limited.items).toHaveLength(2);

		const deleted = await runBox(sandbox, { resource: 'contact', operation: 'delete', contactId: locator(String(contact._id)) });
		expect(deleted.items[0].json).toMatchObject({ deleted: true, contactId: contact._id });
		const again = await runBox(sandbox, { resource: 'contact', operation: 'delete', contactId: locator(String(contact._id)) });
		expect(again.error?.httpCode).toBe('404');

		expect(callLines(sandbox)).toEqual([
			'POST /box/api/partner/contact 200',
			'GET /box/api/partner/contact 200',
			'GET /box/api/partner/contact 200',
			`DELETE /box/api/partner/contact/${String(contact._id)} 200`,
			`DELETE /box/api/partner/contact/${String(contact._id)} 404`,
		]);
	});

	it('refuses an empty e-mail before sending anything, and reports PrintOS refusing a bad one', async () => {
		const empty = await runBox(sandbox, { resource: 'contact', operation: 'create', email: '={{ "" }}' });
		expect(empty.error?.message).toBe('The "Email" parameter is empty [item 0]');
		expect(boxCalls(sandbox)).toHaveLength(0);
		const bad = await runBox(sandbox, { resource: 'contact', operation: 'create', email: 'not-an-address' });
		expect(bad.error?.httpCode).toBe('400');
		expect(bad.error?.message).toContain('email is required');
	});
});

describe('Dashboard: Get', () => {
	it('returns the widget data, counting the account’s folders and files', async () => {
		const folderId = await makeFolder(sandbox, 'Dashboard folder');
		await makeFile(sandbox, folderId, 'd.jpg');
		const result = await runBox(sandbox, { resource: 'dashboard', operation: 'get' });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const dashboard = result.items[0].json as { folders: { total: number }; files: { total: number }; recentFolders: Array<{ _id: string }> };
		expect(dashboard.folders.total).toBeGreaterThanOrEqual(1);
		expect(dashboard.files.total).toBeGreaterThanOrEqual(1);
		expect(dashboard.recentFolders[0]._id).toBe(folderId);
		expect(callLines(sandbox).at(-1)).toBe('GET /box/api/partner/dashboard 200');
	});
});

describe('Upload URL: Get', () => {
	it('returns the upload and fetch URLs for the MIME type', async () => {
		const result = await runBox(sandbox, { resource: 'uploadUrl', operation: 'get', mimeType: 'image/jpeg' });
		expect(result.error).toBeUndefined();
		const answer = result.items[0].json;
		expect(answer.mimeType).toBe('image/jpeg');
		expect(answer.uploadUrl).toMatch(new RegExp(`^${sandbox.url}/_uploads/[0-9a-f]{24}\\?signature=`));
		expect(answer.fetchUrl).toBe(String(answer.uploadUrl).replace(/\?.*$/, ''));
		expect(boxCalls(sandbox)[0]).toMatchObject({ method: 'GET', path: '/box/api/partner/file/uploadurls', query: { mimeType: 'image/jpeg' } });
	});
});

/** The Box node with File > Upload From URL open, as when its Substrate and Flow pickers open. */
function boxPicker(printOsApi: ICredentialDataDecryptedObject) {
	return loadOptionsContext({
		nodeType: boxNode,
		credentials: { printOsApi },
		parameters: { resource: 'file', operation: 'uploadFromUrl' },
		path: 'parameters.additionalFields',
	});
}

describe('pickers', () => {
	it('lists substrates and flows from the account, by name', async () => {
		const context = boxPicker(sandbox.credentialData().printOsApi);
		const substrates = await boxNode.methods.loadOptions.getSubstrates.call(context);
		expect(substrates).toHaveLength(SEEDED_SUBSTRATES);
		expect(substrates[0]).toEqual({ name: 'Gloss Text', value: 'Gloss Text' });
		const flows = await boxNode.methods.loadOptions.getFlows.call(context);
		expect(flows).toContainEqual({ name: 'impose_only', value: 'impose_only', description: 'ID 59371e914459ca12008e8ca7' });
		expect(callLines(sandbox)).toEqual(['GET /box/api/partner/substrate 200', 'GET /box/api/partner/flow 200']);
	});

	it('searches contacts by name or e-mail', async () => {
		const context = boxPicker(sandbox.credentialData().printOsApi);
		const all = await boxNode.methods.listSearch.searchContacts.call(context);
		expect(all.results.length).toBeGreaterThanOrEqual(2);
		const found = await boxNode.methods.listSearch.searchContacts.call(context, 'psp');
		expect(found.results).toEqual([{ name: 'PSP Desk <desk@sandbox-psp.example>', value: expect.stringMatching(/^[0-9a-f]{24}$/) }]);
	});

	it('surfaces PrintOS refusing the credential', async () => {
		const context = boxPicker({ ...sandbox.credentialData().printOsApi, secret: 'wrong' });
		await expect(boxNode.methods.loadOptions.getFlows.call(context)).rejects.toMatchObject({ httpCode: '401' });
	});
});
