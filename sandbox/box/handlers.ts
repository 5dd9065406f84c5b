/**
 * Box endpoints (docs/printos-api.md#box). The published ones follow the samples; the named-only ones
 * (docs/printos-api.md#box-named-only) live at
 * the inferred paths of BOX_ENDPOINTS with believable behaviour, so a node built on them can be tried.
 */
import { BOX_UPLOAD_URL_FIELDS, type BoxEndpointName } from '../../nodes/PrintOs/Box/endpoints';
import type { ApiContext, Handler } from '../context';
import { HttpError, isObject } from '../http';
import { objectId } from '../ids';
import type { Json } from '../types';
import {
	checkFileInput,
	checkPrintSettings,
	copiesOf,
	createFile,
	fileOf,
	filesIn,
	fileView,
	folderOf,
	folderView,
	refreshFolder,
	sourceAvailable,
} from './model';
import { boxDownloadHandlers } from './downloads';

function body(context: ApiContext): Json {
	if (context.body === undefined) return {};
	if (!isObject(context.body)) throw new HttpError(400, 'The body must be a JSON object');
	return context.body;
}

function createFolder(context: ApiContext) {
	const input = body(context);
	if (typeof input.name !== 'string' || !input.name.trim()) throw new HttpError(400, 'name is required');
	if (input.files !== undefined && !Array.isArray(input.files)) throw new HttpError(400, 'files must be a list');
	const files = ((input.files ?? []) as unknown[]).map((entry, index) => checkFileInput(context.core, entry, `files[${index}].`));
	const now = context.core.clock.iso();
	const folder: Json = {
		__v: 0,
		_id: objectId(),
		created: now,
		createdAt: now,
		updatedAt: now,
		modified: now,
		createdFrom: 'box',
		fileCount: 0,
		from: input.from ?? null,
		to: input.to ?? null,
		name: input.name,
		lname: input.name.toLowerCase(),
		organizationId: context.account._id,
		preflightStatus: 'ok',
		status: 'ready',
		tags: Array.isArray(input.tags) ? input.tags : [],
		totalSize: 0,
		unread: false,
	};
	context.core.store.folders.set(folder._id, folder);
	for (const file of files) createFile(context, folder, file);
	context.core.changed();
	return { status: 200, body: folderView(context.core, folder) };
}

function addFile(context: ApiContext) {
	const input = body(context);
	const missing = ['url', 'folderId'].filter((field) => typeof input[field] !== 'string' || !input[field]);
	if (missing.length) throw new HttpError(400, `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} required`);
	const folder = folderOf(context, input.folderId);
	const file = createFile(context, folder, checkFileInput(context.core, input));
	return { status: 200, body: fileView(file) };
}

function updateFile(context: ApiContext) {
	const file = fileOf(context, context.params.fileId);
	const input = body(context);
	const settings = checkPrintSettings(context.core, input, '');
	if (typeof input.name === 'string' && input.name) file.name = input.name;
	if ('copies' in input) file.printInstructions.copies = copiesOf(input.copies, 'copies');
	if ('notes' in input) file.printInstructions.notes = String(input.notes ?? '');
	Object.assign(file, settings);
	file.modified = file.updatedAt = context.core.clock.iso();
	file.__v++;
	context.core.changed();
	return { status: 200, body: fileView(file) };
}

function deleteFile(context: ApiContext) {
	const file = fileOf(context, context.params.fileId);
	context.core.store.boxFiles.delete(file._id);
	refreshFolder(context.core, file.folderId);
	return { status: 200, body: { success: true, _id: file._id } };
}

function deleteFolder(context: ApiContext) {
	const folder = folderOf(context, context.params.folderId);
	for (const file of filesIn(context.core, folder._id)) context.core.store.boxFiles.delete(file._id);
	context.core.store.folders.delete(folder._id);
	context.core.changed();
	return { status: 200, body: { success: true, _id: folder._id } };
}

function current(file: Json): Json {
	return fileView(file).currentVersion as Json;
}

function touch(context: ApiContext, file: Json, action: string): void {
	file.lastAction = action;
	file.modified = file.updatedAt = context.core.clock.iso();
	refreshFolder(context.core, file.folderId);
}

function preflight(context: ApiContext) {
	const file = fileOf(context, context.params.fileId);
	const version = current(file);
	const ok = sourceAvailable(context.core, file);
	version.preflight = {
		status: ok ? 'ok' : 'failed',
		checkedAt: context.core.clock.iso(),
		fixups: [],
		errors: ok ? [] : [{ code: 'FETCH_FAILED', message: `Could not fetch ${file.sourceUrl}` }],
	};
	version.status = ok ? 'ready' : 'error';
	touch(context, file, ok ? 'Preflight passed' : 'Preflight failed');
	return { status: 200, body: fileView(file) };
}

function addVersion(context: ApiContext, file: Json, changes: Json): Json {
	const now = context.core.clock.iso();
	const base = current(file);
	const revision = Math.max(...(file.versions as Json[]).map((version) => Number(version.revision))) + 1;
	const version = { ...structuredClone(base), ...changes, _id: objectId(), created: now, revision };
	file.versions.push(version);
	file.currentVersionId = version._id;
	file.currentRevision = revision;
	return version;
}

function convert(context: ApiContext) {
	const file = fileOf(context, context.params.fileId);
	const base = current(file);
	if (/\.pdf$/i.test(String(base.name))) throw new HttpError(400, 'File is already a PDF');
	const name = `${String(base.name).replace(/\.[^./]+$/, '')}.pdf`;
	addVersion(context, file, { name, mimeType: 'application/pdf', convertedFromVersionId: base._id, status: 'ready', preflight: { fixups: [] } });
	file.name = name;
	touch(context, file, 'Converted to PDF');
	return { status: 200, body: fileView(file) };
}

function makeCurrent(context: ApiContext, file: Json, version: Json, action: string) {
	file.currentVersionId = version._id;
	file.currentRevision = version.revision;
	file.name = version.name;
	touch(context, file, action);
	return { status: 200, body: fileView(file) };
}

function revert(context: ApiContext) {
	const file = fileOf(context, context.params.fileId);
	return makeCurrent(context, file, file.versions[0], 'Reverted to original');
}

function revertToVersion(context: ApiContext) {
	const file = fileOf(context, context.params.fileId);
	const version = (file.versions as Json[]).find((entry) => entry._id === context.params.versionId);
	if (!version) throw new HttpError(404, 'Version not found');
	return makeCurrent(context, file, version, `Reverted to revision ${version.revision}`);
}

function sendToDevice(context: ApiContext) {
	const file = fileOf(context, context.params.fileId);
	const input = body(context);
	if (typeof input.deviceId !== 'string' || !input.deviceId) throw new HttpError(400, 'deviceId is required');
	const sentAt = context.core.clock.iso();
	file.lastSent = sentAt;
	touch(context, file, `Sent to device ${input.deviceId}`);
	return { status: 200, body: { success: true, fileId: file._id, deviceId: input.deviceId, jobId: objectId(), status: 'sent', sentAt } };
}

function createContact(context: ApiContext) {
	const input = body(context);
	if (typeof input.email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(input.email)) throw new HttpError(400, 'email is required: an e-mail address');
	const contact = {
		_id: objectId(),
		name: String(input.name ?? input.email),
		email: input.email,
		company: input.company ?? null,
		phone: input.phone ?? null,
		createdAt: context.core.clock.iso(),
	};
	context.core.store.contacts.set(contact._id, contact);
	context.core.changed();
	return { status: 200, body: contact };
}

function deleteContact(context: ApiContext) {
	if (!context.core.store.contacts.delete(context.params.contactId)) throw new HttpError(404, 'Contact not found');
	context.core.changed();
	return { status: 200, body: { success: true, _id: context.params.contactId } };
}

function countBy(list: Json[], key: (entry: Json) => string): Record<string, number> {
	const out: Record<string, number> = {};
	for (const entry of list) out[key(entry)] = (out[key(entry)] ?? 0) + 1;
	return out;
}

function dashboard(context: ApiContext) {
	const organization = context.account._id;
	const folders = [...context.core.store.folders.values()].filter((folder) => folder.organizationId === organization);
	const files = [...context.core.store.boxFiles.values()].filter((file) => file.organizationId === organization);
	return {
		status: 200,
		body: {
			folders: { total: folders.length, byStatus: countBy(folders, (folder) => folder.status), unread: folders.filter((folder) => folder.unread).length },
			files: { total: files.length, byStatus: countBy(files, (file) => current(file)?.status ?? 'unknown') },
			totalSize: files.reduce((sum, file) => sum + Number(file.size ?? 0), 0),
			recentFolders: folders.slice(-5).reverse().map((folder) => ({ _id: folder._id, name: folder.name, fileCount: folder.fileCount, status: folder.status })),
		},
	};
}

export const boxHandlers: Record<BoxEndpointName, Handler> = {
	folderCreate: createFolder,
	folderGet: (context) => ({ status: 200, body: folderView(context.core, folderOf(context, context.params.folderId)) }),
	folderDelete: deleteFolder,
	fileAddByUrl: addFile,
	uploadUrls: (context) => {
		const upload = context.core.uploads.create('box', context.query.get('mimeType') ?? '', context.origin);
		return { status: 200, body: { [BOX_UPLOAD_URL_FIELDS.upload[0]]: upload.uploadUrl, [BOX_UPLOAD_URL_FIELDS.fetch[0]]: upload.fetchUrl } };
	},
	fileGet: (context) => ({ status: 200, body: fileView(fileOf(context, context.params.fileId)) }),
	...boxDownloadHandlers,
	fileUpdate: updateFile,
	fileDelete: deleteFile,
	filePreflight: preflight,
	fileConvertToPdf: convert,
	fileRevertToOriginal: revert,
	fileRevertToVersion: revertToVersion,
	fileSendToDevice: sendToDevice,
	contactList: (context) => {
		const items = [...context.core.store.contacts.values()];
		return { status: 200, body: { items, count: items.length } };
	},
	contactCreate: createContact,
	contactDelete: deleteContact,
	dashboardGet: dashboard,
	substrateList: (context) => ({ status: 200, body: [...context.core.catalogue.substrates] }),
	flowList: (context) => ({ status: 200, body: { items: context.core.catalogue.flows } }),
};
