/**
 * Which of a submitted order's files need their bytes uploaded (docs/printos-api.md#order-artwork: every file with
 * `!fetch && !localFile` has a presigned `url`), and which input binary holds each one. A file is
 * matched by name (the component's `path` against the binary's file name or field name); when one
 * file and one binary remain, they belong together. Pure, so the rules are unit-tested.
 */
import type { IBinaryData, IDataObject } from 'n8n-workflow';

export interface OrderFile {
	fileId?: string;
	componentId?: string;
	path: string;
	uploadUrl?: string;
}

export interface FileMatch {
	file: OrderFile;
	binaryProperty: string;
}

export interface MatchResult {
	matches: FileMatch[];
	/** Files needing an upload that no binary matched. */
	unmatched: OrderFile[];
}

function isTrue(value: unknown): boolean {
	return value === true || value === 'true';
}

function baseName(path: string): string {
	// indexOf, not a `[?#].*$` pattern: that one backtracks on many "?" before a line break
	const cut = path.search(/[?#]/);
	return (cut === -1 ? path : path.slice(0, cut)).split(/[\\/]/).pop() ?? path;
}

export function filesToUpload(order: IDataObject): OrderFile[] {
	const files = Array.isArray(order.files) ? (order.files as IDataObject[]) : [];
	return files
		.filter((file) => file && !isTrue(file.fetch) && !isTrue(file.localFile))
		.map((file) => ({
			fileId: file._id === undefined ? undefined : String(file._id),
			componentId: file.componentId === undefined ? undefined : String(file.componentId),
			path: String(file.path ?? ''),
			uploadUrl: typeof file.url === 'string' && file.url ? file.url : undefined,
		}));
}

export function matchFilesToBinaries(files: OrderFile[], binaries: Record<string, IBinaryData>): MatchResult {
	const free = new Set(Object.keys(binaries));
	const matches: FileMatch[] = [];
	const unmatched: OrderFile[] = [];
	for (const file of files) {
		const wanted = baseName(file.path).toLowerCase();
		const property = [...free].find(
			(name) => name.toLowerCase() === wanted || (binaries[name].fileName ?? '').toLowerCase() === wanted,
		);
		if (property) {
			free.delete(property);
			matches.push({ file, binaryProperty: property });
		} else {
			unmatched.push(file);
		}
	}
	if (unmatched.length === 1 && free.size === 1) {
		matches.push({ file: unmatched[0], binaryProperty: [...free][0] });
		unmatched.length = 0;
	}
	return { matches, unmatched };
}
