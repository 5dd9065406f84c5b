/** Bad input for every operation of the Box node. */
import fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import type { Auth } from '../world';
import { binaryArb, binaryProblem, itemWithBinary } from './binaries';
import { requestOptionsArb } from './requestOptions';
import { byId, listing } from './shapes';
import type { FuzzSpec } from './types';
import { anyValue, countValue, invalidBecause, isBlank, isWholeAtLeastOne, json, locator } from './values';

const COPIES_NOT_WHOLE = 'copies that are not a whole number of at least 1';

/** Both Box uploads put a file into a folder given by ID, with a number of copies, both read from the item. */
const FOLDER_AND_COPIES = { folderId: locator('id', '={{ $json.folderId }}'), copies: '={{ $json.copies }}' };

/** Why an upload cannot be valid: its folder, what lies `between` (the file), its copies. */
function uploadReasons(pick: { folderId: unknown; copies: unknown }, ...between: Array<string | undefined>): Array<string | undefined> {
	return [isBlank(pick.folderId) ? 'an empty folder ID' : undefined, ...between, isWholeAtLeastOne(pick.copies) ? undefined : COPIES_NOT_WHOLE];
}

/** A file command that needs a second ID besides the file's (a version, a device), both from the item. */
function fileCommandWith(operation: string, field: string, what: string): FuzzSpec {
	return {
		id: `box.file.${operation}`,
		node: 'box',
		arbitrary: fc.record({ fileId: anyValue, second: anyValue, requestOptions: requestOptionsArb }).map((pick) => ({
			auth: 'printOsApi',
			parameters: { resource: 'file', operation, fileId: locator('id', '={{ $json.fileId }}'), [field]: `={{ $json.${field} }}` },
			items: [{ json: { fileId: pick.fileId, [field]: pick.second } as IDataObject }],
			requestOptions: pick.requestOptions,
			invalid: isBlank(pick.fileId) || isBlank(pick.second) ? `an empty file or ${what} ID` : undefined,
		})),
	};
}

export const BOX_FUZZ_SPECS: FuzzSpec[] = [
	{
		id: 'box.contact.create',
		node: 'box',
		arbitrary: fc.record({ email: anyValue, name: anyValue, company: fc.string({ maxLength: 10 }), requestOptions: requestOptionsArb }).map((pick) => ({
			auth: 'printOsApi',
			parameters: { resource: 'contact', operation: 'create', email: '={{ $json.email }}', name: '={{ $json.name }}', additionalFields: { company: pick.company } },
			items: [{ json: { email: pick.email, name: pick.name } as IDataObject }],
			requestOptions: pick.requestOptions,
			invalid: isBlank(pick.email) ? 'an empty e-mail' : undefined,
		})),
	},
	byId('box.contact.delete', 'box', { resource: 'contact', operation: 'delete' }, 'contactId', { boxLocator: false, siteFlowLocator: true }),
	listing('box.contact.getMany', 'box', { resource: 'contact', operation: 'getMany' }),
	{
		id: 'box.dashboard.get',
		node: 'box',
		arbitrary: requestOptionsArb.map((requestOptions) => ({ auth: 'printOsApi', parameters: { resource: 'dashboard', operation: 'get' }, items: [{ json: {} }], requestOptions, mustSend: true })),
	},
	...['convertToPdf', 'delete', 'get', 'preflight', 'revertToOriginal'].map((operation) =>
		byId(`box.file.${operation}`, 'box', { resource: 'file', operation }, 'fileId', { boxLocator: true }),
	),
	fileCommandWith('revertToVersion', 'versionId', 'version'),
	fileCommandWith('sendToDevice', 'deviceId', 'device'),
	{
		id: 'box.file.update',
		node: 'box',
		arbitrary: fc
			.record({
				fileId: anyValue,
				fields: fc.record({ name: fc.string({ maxLength: 10 }), copies: countValue, notes: fc.string({ maxLength: 10 }) }, { requiredKeys: [] }),
				requestOptions: requestOptionsArb,
			})
			.map((pick) => {
				const { copies, ...texts } = pick.fields;
				const hasText = Object.values(texts).some((value) => typeof value === 'string' && value.trim() !== '');
				const reasons = [
					isBlank(pick.fileId) ? 'an empty file ID' : '',
					'copies' in pick.fields && !isWholeAtLeastOne(copies) ? COPIES_NOT_WHOLE : '',
					!hasText && !('copies' in pick.fields) ? 'nothing to update' : '',
				];
				return {
					auth: 'printOsApi' as Auth,
					parameters: {
						resource: 'file',
						operation: 'update',
						fileId: locator('id', '={{ $json.fileId }}'),
						updateFields: { ...texts, ...('copies' in pick.fields ? { copies: '={{ $json.copies }}' } : {}) },
					},
					items: [{ json: { fileId: pick.fileId, copies } as IDataObject }],
					requestOptions: pick.requestOptions,
					invalid: invalidBecause(reasons),
				};
			}),
	},
	{
		id: 'box.file.uploadBinary',
		node: 'box',
		arbitrary: fc.record({ folderId: anyValue, binary: binaryArb, name: fc.oneof(fc.constant(''), fc.string({ maxLength: 10 })), copies: countValue, requestOptions: requestOptionsArb }).map((pick) => ({
			auth: 'printOsApi' as Auth,
			parameters: { resource: 'file', operation: 'uploadBinary', ...FOLDER_AND_COPIES, binaryPropertyName: '={{ $json.binaryName }}', name: pick.name },
			items: [itemWithBinary(pick.binary, { folderId: pick.folderId, copies: pick.copies, binaryName: pick.binary.requested } as IDataObject)],
			requestOptions: pick.requestOptions,
			invalid: invalidBecause(uploadReasons(pick, binaryProblem(pick.binary))),
		})),
	},
	{
		id: 'box.file.uploadFromUrl',
		node: 'box',
		arbitrary: fc.record({ folderId: anyValue, url: anyValue, name: anyValue, copies: countValue, notes: fc.string({ maxLength: 10 }), requestOptions: requestOptionsArb }).map((pick) => ({
			auth: 'printOsApi' as Auth,
			parameters: { resource: 'file', operation: 'uploadFromUrl', ...FOLDER_AND_COPIES, url: '={{ $json.url }}', name: '={{ $json.name }}', additionalFields: { notes: pick.notes } },
			items: [{ json: { folderId: pick.folderId, url: pick.url, name: pick.name, copies: pick.copies } as IDataObject }],
			requestOptions: pick.requestOptions,
			invalid: invalidBecause(uploadReasons(pick, isBlank(pick.url) ? 'an empty URL' : undefined, isBlank(pick.name) ? 'an empty name' : undefined)),
		})),
	},
	listing('box.flow.getMany', 'box', { resource: 'flow', operation: 'getMany' }),
	{
		id: 'box.folder.create',
		node: 'box',
		arbitrary: fc
			.record({
				name: anyValue,
				from: fc.string({ maxLength: 10 }),
				files: fc.array(fc.record({ url: fc.oneof(fc.constant('https://example.com/a.pdf'), fc.constantFrom('', ' ')), name: fc.string({ maxLength: 8 }), copies: countValue }), { maxLength: 3 }),
				requestOptions: requestOptionsArb,
			})
			.map((pick) => {
				const reasons = [
					isBlank(pick.name) ? 'an empty name' : '',
					pick.files.some((file) => isBlank(file.url)) ? 'a file without a URL' : '',
					// an empty Copies field of a file means 1
					pick.files.some((file) => file.copies !== null && !isWholeAtLeastOne(file.copies)) ? 'a file whose copies are not a whole number of at least 1' : '',
				];
				return {
					auth: 'printOsApi' as Auth,
					parameters: { resource: 'folder', operation: 'create', name: '={{ $json.name }}', from: pick.from, files: { file: pick.files as unknown as IDataObject[] } },
					items: [{ json: { name: pick.name } as IDataObject }],
					requestOptions: pick.requestOptions,
					invalid: invalidBecause(reasons),
				};
			}),
	},
	byId('box.folder.delete', 'box', { resource: 'folder', operation: 'delete' }, 'folderId', { boxLocator: true }),
	byId('box.folder.get', 'box', { resource: 'folder', operation: 'get' }, 'folderId', { boxLocator: true }),
	listing('box.substrate.getMany', 'box', { resource: 'substrate', operation: 'getMany' }),
	{
		id: 'box.uploadUrl.get',
		node: 'box',
		arbitrary: fc.record({ mimeType: anyValue, requestOptions: requestOptionsArb }).map((pick) => ({
			auth: 'printOsApi' as Auth,
			parameters: { resource: 'uploadUrl', operation: 'get', mimeType: '={{ $json.value }}' },
			items: [{ json: json(pick.mimeType) }],
			requestOptions: pick.requestOptions,
		})),
	},
];
