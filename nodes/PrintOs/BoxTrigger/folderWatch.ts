/**
 * What changed in one Box folder since the last poll. Box has no list paging for a folder's files:
 * `GET folder` answers with all of them (docs/printos-api.md#box-facts [INFER] that it lists its files), so the state is
 * one short fingerprint per file in the folder, revision and preflight result, dropped when the file
 * leaves. Every file is compared on every poll, so nothing is missed, and a change is announced only
 * when its fingerprint moves, so nothing is announced twice.
 */
import type { IDataObject } from 'n8n-workflow';

export type BoxEvent = 'newFile' | 'revisionChanged' | 'preflightChanged';

export interface FileMark {
	revision: string;
	preflight: string;
}

export interface FolderState {
	files: Record<string, FileMark>;
}

export interface FileChange {
	event: BoxEvent;
	file: IDataObject;
	previous?: FileMark;
	current: FileMark;
}

function currentVersion(file: IDataObject): IDataObject {
	const versions = Array.isArray(file.versions) ? (file.versions as IDataObject[]) : [];
	return (file.currentVersion as IDataObject | undefined) ?? versions.find((version) => version._id === file.currentVersionId) ?? {};
}

export function markOf(file: IDataObject): FileMark {
	const version = currentVersion(file);
	const preflight = (version.preflight as IDataObject | undefined)?.status ?? file.preflightStatus ?? '';
	return { revision: String(file.currentRevision ?? version.revision ?? ''), preflight: String(preflight) };
}

/** The folder's files; undefined when the answer has no file list (then nothing may be compared). */
export function filesOf(folder: unknown): IDataObject[] | undefined {
	const files = (folder as IDataObject | undefined)?.files;
	return Array.isArray(files) ? (files as IDataObject[]) : undefined;
}

/** The changes of the wanted kinds, oldest file first, and the state to keep (covering every file). */
export function compareFolder(files: IDataObject[], previous: FolderState | undefined, wanted: BoxEvent[]): { changes: FileChange[]; state: FolderState } {
	const state: FolderState = { files: {} };
	const changes: FileChange[] = [];
	const ordered = [...files].sort((a, b) => Date.parse(String(a.createdAt ?? a.created ?? '')) - Date.parse(String(b.createdAt ?? b.created ?? '')));
	for (const file of ordered) {
		const id = String(file._id ?? file.id);
		const current = markOf(file);
		state.files[id] = current;
		if (!previous) continue;
		const before = previous.files[id];
		if (!before) {
			if (wanted.includes('newFile')) changes.push({ event: 'newFile', file, current });
			continue;
		}
		if (wanted.includes('revisionChanged') && before.revision !== current.revision) changes.push({ event: 'revisionChanged', file, previous: before, current });
		if (wanted.includes('preflightChanged') && before.preflight !== current.preflight && current.preflight !== '') {
			changes.push({ event: 'preflightChanged', file, previous: before, current });
		}
	}
	return { changes, state };
}
