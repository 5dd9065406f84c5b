/**
 * A test-only node that uploads one file per item through the shared presigned upload, the way the
 * Box and Site Flow nodes do: ask PrintOS (signed, through the client) for an upload target and PUT
 * the bytes there unsigned — or, like Site Flow's "Upload Order Files", PUT to a URL the item already
 * holds. Runs inside n8n's real execution context, so the PUT goes through n8n's own `httpRequest`.
 */
import { Readable } from 'stream';

import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { BOX_UPLOAD_URL_FIELDS } from '../../nodes/PrintOs/Box/endpoints';
import { SITE_FLOW_ENDPOINTS, SITE_FLOW_UPLOAD_URL_FIELDS } from '../../nodes/PrintOs/SiteFlow/endpoints';
import { readRequestOptions, requestOptionsProperty } from '../../nodes/PrintOs/shared/requestOptions';
import type { BinaryStream, UploadBody } from '../../nodes/PrintOs/shared/upload/presignedPut';
import { putFile, requestUploadTarget, type UploadUrlNames } from '../../nodes/PrintOs/shared/upload/presignedUpload';
import { PrintOsClient } from '../../nodes/PrintOs/transport/client';
import { runItems } from '../../nodes/PrintOs/transport/items';
import type { RetrySettings } from '../../nodes/PrintOs/transport/retryPolicy';

/** Every body the probe opened, in order, so a test can see that none is left open. */
export const openedBodies: Array<Readable | Buffer> = [];

const NAMES: Record<string, UploadUrlNames> = {
	box: { upload: BOX_UPLOAD_URL_FIELDS.upload, reference: BOX_UPLOAD_URL_FIELDS.fetch },
	siteFlow: { upload: SITE_FLOW_UPLOAD_URL_FIELDS.upload, reference: SITE_FLOW_UPLOAD_URL_FIELDS.path },
};

/** The bytes in 16 KiB chunks, made as they are read, the way a file stream delivers them. */
function* chunks(bytes: Buffer) {
	for (let start = 0; start < bytes.length; start += 16 * 1024) yield bytes.subarray(start, start + 16 * 1024);
}

function json<T>(raw: unknown, fallback: T): T {
	if (typeof raw === 'string') return raw ? (JSON.parse(raw) as T) : fallback;
	return (raw as T) ?? fallback;
}

export class UploadProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Upload Probe',
		name: 'uploadProbe',
		group: ['transform'],
		version: 1,
		description: 'Uploads through the shared presigned upload',
		defaults: { name: 'Upload Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'siteFlowApi', required: true }],
		properties: [
			{ displayName: 'Upload URL', name: 'uploadUrl', type: 'string', default: '', description: 'Set: PUT here without asking PrintOS' },
			{ displayName: 'Names', name: 'names', type: 'string', default: 'siteFlow' },
			{ displayName: 'Required Reference', name: 'requiredReference', type: 'string', default: '' },
			{ displayName: 'MIME Type', name: 'mimeType', type: 'string', default: 'application/pdf' },
			{ displayName: 'Content (Base64)', name: 'content', type: 'string', default: '' },
			{ displayName: 'Stream', name: 'stream', type: 'boolean', default: false },
			{ displayName: 'Operation', name: 'operation', type: 'string', default: 'File: Upload' },
			{ displayName: 'Retry Settings', name: 'retrySettings', type: 'json', default: '' },
			requestOptionsProperty,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const settings = readRequestOptions(this);
		const client = await PrintOsClient.create(this, 'siteFlowApi', {
			...settings.client,
			retry: { ...settings.client.retry, ...json<Partial<RetrySettings>>(this.getNodeParameter('retrySettings', 0, ''), {}) } as RetrySettings,
		});
		const results = await runItems(
			this,
			client,
			async (itemIndex) => {
				const parameter = <T>(name: string) => this.getNodeParameter(name, itemIndex) as T;
				const bytes = Buffer.from(parameter<string>('content'), 'base64');
				const operation = parameter<string>('operation');
				const body: UploadBody = {
					contentType: parameter<string>('mimeType'),
					contentLength: bytes.length,
					open: async () => {
						const opened = parameter<boolean>('stream') ? Readable.from(chunks(bytes)) : Buffer.from(bytes);
						openedBodies.push(opened);
						return opened as BinaryStream | Buffer;
					},
				};
				let uploadUrl = parameter<string>('uploadUrl');
				let target: IDataObject = {};
				if (!uploadUrl) {
					const answer = await requestUploadTarget(this, client, {
						service: 'siteFlow',
						endpoint: SITE_FLOW_ENDPOINTS.fileUploadUrl,
						names: NAMES[parameter<string>('names')],
						requiredReference: parameter<string>('requiredReference') || undefined,
						mimeType: body.contentType,
						itemIndex,
						operation,
					});
					uploadUrl = answer.uploadUrl;
					target = { uploadUrl: answer.uploadUrl, reference: answer.reference ?? null, answer: answer.answer };
				}
				const put = await putFile(this, client, uploadUrl, body, itemIndex, operation);
				return { ...target, status: put.status, attempts: put.attempts, etag: put.headers.etag ?? null };
			},
			settings.concurrency,
		);
		return [results];
	}
}
