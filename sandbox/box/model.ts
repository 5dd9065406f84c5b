/**
 * Box folders and files as the samples show them (docs/printos-api.md#box-facts): a file keeps every version, and
 * `currentVersion` is derived from `currentVersionId` so it can never disagree with `versions`.
 */
import type { ApiContext } from '../context';
import type { SandboxCore } from '../core';
import { HttpError, isObject } from '../http';
import { objectId } from '../ids';
import { parseGeneratedUrl } from '../downloads';
import { isUnfetchableUrl } from '../lifecycle';
import type { Json } from '../types';

export function folderOf(context: ApiContext, id: string): Json {
	const folder = context.core.store.folders.get(id);
	if (!folder || folder.organizationId !== context.account._id) throw new HttpError(404, 'Folder not found');
	return folder;
}

export function fileOf(context: ApiContext, id: string): Json {
	const file = context.core.store.boxFiles.get(id);
	if (!file || file.organizationId !== context.account._id) throw new HttpError(404, 'File not found');
	return file;
}

export function fileView(file: Json): Json {
	return { ...file, currentVersion: (file.versions as Json[]).find((version) => version._id === file.currentVersionId) ?? null };
}

export function filesIn(core: SandboxCore, folderId: string): Json[] {
	return [...core.store.boxFiles.values()].filter((file) => file.folderId === folderId);
}

export function folderView(core: SandboxCore, folder: Json): Json {
	return { ...folder, files: filesIn(core, folder._id).map(fileView) };
}

export function refreshFolder(core: SandboxCore, folderId: string): void {
	const folder = core.store.folders.get(folderId);
	if (!folder) return;
	const files = filesIn(core, folderId);
	folder.fileCount = files.length;
	folder.totalSize = files.reduce((sum, file) => sum + Number(file.size ?? 0), 0);
	const preflight = files.map((file) => fileView(file).currentVersion?.preflight?.status);
	folder.preflightStatus = preflight.includes('failed') ? 'failed' : 'ok';
	folder.modified = folder.updatedAt = core.clock.iso();
	core.changed();
}

function copiesOf(value: unknown, path: string): number {
	if (value === undefined || value === null || value === '') return 1;
	const number = Number(value);
	if (!Number.isInteger(number) || number < 1) throw new HttpError(400, `${path} must be a positive whole number`);
	return number;
}

function checkPrintSettings(core: SandboxCore, input: Json, path: string): Json {
	const out: Json = {};
	if (input.substrate !== undefined && input.substrate !== null && input.substrate !== '') {
		if (!core.catalogue.substrates.includes(String(input.substrate))) throw new HttpError(400, `${path}substrate "${input.substrate}" is not a known substrate`);
		out.substrate = String(input.substrate);
	}
	if (input.flow !== undefined && input.flow !== null && input.flow !== '') {
		const key = String(input.flow);
		const flow = core.catalogue.flows.find((entry) => entry._id === key || entry.name === key || entry.easySubmitName === key);
		if (!flow) throw new HttpError(400, `${path}flow "${key}" is not a known flow (name, easy submit name or _id)`);
		out.flow = flow.name;
		out.flowId = flow._id;
	}
	return out;
}

function nameFromUrl(url: string): string {
	try {
		const last = new URL(url).pathname.split('/').filter(Boolean).pop();
		return last ? decodeURIComponent(last) : 'file';
	} catch {
		return 'file';
	}
}

/** Checks one file entry (of `POST /file` or a folder's `files`) without storing anything. */
export function checkFileInput(core: SandboxCore, input: unknown, path = ''): Json {
	if (!isObject(input)) throw new HttpError(400, `${path || 'body'} must be a JSON object`);
	if (typeof input.url !== 'string' || !/^https?:\/\/\S+$/i.test(input.url)) throw new HttpError(400, `${path}url is required: a fetchable http(s) URL`);
	return {
		url: input.url,
		name: typeof input.name === 'string' && input.name ? input.name : nameFromUrl(input.url),
		copies: copiesOf(input.copies, `${path}copies`),
		notes: input.notes === undefined ? '' : String(input.notes),
		...checkPrintSettings(core, input, path),
	};
}

export function createFile(context: ApiContext, folder: Json, checked: Json): Json {
	const core = context.core;
	const now = core.clock.iso();
	const upload = core.uploads.byFetchUrl(checked.url);
	const _id = objectId();
	const versionId = objectId();
	const size = upload?.complete ? upload.size : (parseGeneratedUrl(checked.url)?.size ?? 0);
	const original: Json = {
		_id: objectId(),
		created: now,
		name: checked.name,
		pageConfigs: [],
		pageCount: 0,
		pages: [],
		preflight: { fixups: [] },
		revision: 1,
		size,
		sha256: upload?.sha256 ?? null,
		status: 'pending',
	};
	const file: Json = {
		_id,
		id: _id,
		__v: 1,
		created: now,
		createdAt: now,
		modified: now,
		updatedAt: now,
		folderId: folder._id,
		organizationId: folder.organizationId,
		name: checked.name,
		size,
		sourceUrl: checked.url,
		lastAction: 'Preflighting',
		lastPrinted: null,
		lastSent: null,
		printInstructions: { copies: checked.copies, notes: checked.notes },
		substrate: checked.substrate ?? null,
		flow: checked.flow ?? null,
		flowId: checked.flowId ?? null,
		uploadId: upload?.id ?? null,
		// HP's sample output (docs/printos-api.md#box-facts, upload_file_output.txt): an added file has two versions, the
		// original (revision 1) and its "standard" preflight profile (revision 2), which is current
		currentRevision: 2,
		currentVersionId: versionId,
		versions: [original, { ...original, _id: versionId, profile: 'standard', revision: 2 }],
	};
	core.store.boxFiles.set(_id, file);
	refreshFolder(core, folder._id);
	return file;
}

/** An upload finished after Box files pointed at it: they now know its size and hash. */
export function uploadArrived(core: SandboxCore, upload: { id: string; size: number; sha256: string | null }): void {
	const touched = new Set<string>();
	for (const file of core.store.boxFiles.values()) {
		if (file.uploadId !== upload.id) continue;
		file.size = upload.size;
		// the original and its preflight profile are the same bytes
		for (const version of file.versions as Json[]) {
			if (version.revision <= 2) Object.assign(version, { size: upload.size, sha256: upload.sha256 });
		}
		touched.add(file.folderId);
	}
	for (const folderId of touched) refreshFolder(core, folderId);
}

/** Whether the file's source could be fetched right now (sandbox uploads must be complete). */
export function sourceAvailable(core: SandboxCore, file: Json): boolean {
	const upload = core.uploads.byFetchUrl(file.sourceUrl);
	if (upload) return upload.complete;
	return !isUnfetchableUrl(file.sourceUrl);
}

export { checkPrintSettings, copiesOf };
