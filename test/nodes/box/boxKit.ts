/**
 * What the Box node tests share: a sandbox, a way to run the node against it through n8n-core and
 * the real credential, and readers of the sandbox's request log.
 */
import { createHash, randomBytes } from 'crypto';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { PrintOsBox } from '../../../nodes/PrintOs/Box/PrintOsBox.node';
import { resetPacers } from '../../../nodes/PrintOs/transport/pacer';
import { startSandbox, type RequestEntry, type Sandbox } from '../../../sandbox';
import { runNode, type RunNodeOptions, type RunNodeResult } from '../../harness/n8nRun';

export const boxNode = new PrintOsBox();

/** Pacing off (tests are not about rates) and short backoffs; the retry rules stay the same. */
export const FAST_REQUEST_OPTIONS = { pacePerMinute: 0, retryBaseMs: 5 };

export interface RunOptions {
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
	/** n8n's Settings → On Error. */
	onError?: RunNodeOptions['onError'];
	secret?: string;
	/** Replaces the whole credential data (e.g. one saved without an algorithm). */
	credentials?: IDataObject;
}

export async function runBox(
	sandbox: Sandbox,
	parameters: IDataObject,
	options: RunOptions = {},
): Promise<RunNodeResult> {
	const printOsApi = { ...(options.credentials ?? sandbox.credentialData().printOsApi) };
	if (options.secret !== undefined) printOsApi.secret = options.secret;
	return await runNode({
		nodeType: boxNode,
		parameters: {
			...parameters,
			requestOptions: { ...FAST_REQUEST_OPTIONS, ...((parameters.requestOptions as IDataObject) ?? {}) },
		},
		credentials: { printOsApi },
		items: options.items,
		continueOnFail: options.continueOnFail,
		onError: options.onError,
	});
}

export async function freshSandbox(): Promise<Sandbox> {
	resetPacers();
	return await startSandbox({ port: 0 });
}

/** Box API calls the sandbox received (upload PUTs are logged too, but are not API calls). */
export function boxCalls(sandbox: Sandbox): RequestEntry[] {
	return sandbox.requests(1000).filter((entry) => entry.path.startsWith('/box/'));
}

/** The unsigned upload PUTs the sandbox received, as its request log records them. */
export function uploadPuts(sandbox: Sandbox): RequestEntry[] {
	return sandbox.requests(1000).filter((entry) => entry.upload);
}

/** Fault knobs reach upload URLs only through a `match.path` under `/_uploads/`. */
export const UPLOAD_PUTS = { method: 'PUT', path: '/_uploads/' };

export function callLines(sandbox: Sandbox): string[] {
	return boxCalls(sandbox).map((entry) => `${entry.method} ${entry.path} ${entry.status}`);
}

/** Creates a folder through the node itself and returns its `_id`. */
export async function makeFolder(sandbox: Sandbox, name = 'Test folder', files: IDataObject[] = []): Promise<string> {
	const result = await runBox(sandbox, {
		resource: 'folder',
		operation: 'create',
		name,
		...(files.length ? { files: { file: files } } : {}),
	});
	if (result.error) throw result.error;
	return result.items[0].json._id as string;
}

/** Adds a file by URL through the node and returns the file object. */
export async function makeFile(sandbox: Sandbox, folderId: string, name = 'photo.jpg'): Promise<IDataObject> {
	const result = await runBox(sandbox, {
		resource: 'file',
		operation: 'uploadFromUrl',
		folderId: { __rl: true, mode: 'id', value: folderId },
		url: `https://artwork.example.com/${name}`,
		name,
		copies: 1,
	});
	if (result.error) throw result.error;
	return result.items[0].json;
}

export function locator(value: string, mode: 'id' | 'url' | 'list' = 'id') {
	return { __rl: true, mode, value };
}

/**
 * The SHA-256 of some bytes, given in one piece or several. (Buffers go through a plain Uint8Array
 * view: @types/node 20.9 and TypeScript 5.9 disagree about Buffer's ArrayBuffer type.)
 */
export function sha256(...parts: Buffer[]): string {
	const hash = createHash('sha256');
	for (const part of parts) hash.update(new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
	return hash.digest('hex');
}

/** Bytes that start like a PDF, with random content so each test's upload is unique. */
export function pdfBytes(size: number): Buffer {
	const bytes = randomBytes(size);
	bytes.write('%PDF-1.7\n', 0, 'latin1');
	return bytes;
}

export function binaryItem(
	bytes: Buffer,
	mimeType: string,
	fileName: string,
	property = 'data',
	json: IDataObject = {},
): INodeExecutionData {
	return {
		json,
		binary: {
			[property]: {
				data: bytes.toString('base64'),
				mimeType,
				fileName,
				fileSize: String(bytes.length),
			},
		},
	};
}
