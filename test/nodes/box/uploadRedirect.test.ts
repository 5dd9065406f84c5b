/**
 * The shared presigned PUT (`nodes/PrintOs/shared/upload/presignedPut.ts`) must not follow a
 * redirect: n8n's redirect-following transport keeps a copy of every byte written so it could replay
 * them, which would hold the whole file in memory, and an upload URL has no business redirecting.
 * Run through both nodes that upload, against a scripted server whose upload URL answers 307 and
 * whose redirect target would accept the file: if the redirect were followed, the upload would
 * "succeed" there and this test would fail.
 */
import type { INodeType } from 'n8n-workflow';

import { PrintOsSiteFlow } from '../../../nodes/PrintOs/SiteFlow/PrintOsSiteFlow.node';
import { resetPacers } from '../../../nodes/PrintOs/transport/pacer';
import { runNode, type RunNodeResult } from '../../harness/n8nRun';
import { startScriptedServer, type ScriptedServer } from '../../helpers/scriptedServer';
import { binaryItem, boxNode, pdfBytes } from './boxKit';

let server: ScriptedServer;
beforeEach(async () => {
	resetPacers();
	server = await startScriptedServer();
	server.fallback = (request) => {
		if (request.method === 'GET' && request.url.startsWith('/box/api/partner/file/uploadurls')) {
			return { body: { uploadUrl: `${server.url}/bucket/artwork.pdf?X-Amz-Signature=s3cr3t`, fetchUrl: `${server.url}/bucket/artwork.pdf` } };
		}
		if (request.method === 'PUT' && request.url.startsWith('/bucket/')) {
			return { status: 307, body: '', headers: { location: `${server.url}/elsewhere/artwork.pdf?X-Amz-Signature=s3cr3t` } };
		}
		// the redirect target would take the file
		return { status: 200, body: '' };
	};
});
afterEach(async () => await server.close());

const FAST = { pacePerMinute: 0, retryBaseMs: 5 };

async function viaBox(): Promise<RunNodeResult> {
	return await runNode({
		nodeType: boxNode,
		parameters: {
			resource: 'file',
			operation: 'uploadBinary',
			folderId: { __rl: true, mode: 'id', value: '0123456789abcdef01234567' },
			binaryPropertyName: 'data',
			copies: 1,
			requestOptions: FAST,
		},
		credentials: { printOsApi: { key: 'k', secret: 's', environment: 'custom', baseUrl: server.url, algorithm: 'SHA256' } },
		items: [binaryItem(pdfBytes(2_000), 'application/pdf', 'artwork.pdf')],
	});
}

async function viaSiteFlow(): Promise<RunNodeResult> {
	const order = {
		_id: '0123456789abcdef01234567',
		orderData: { sourceOrderId: 'REDIRECT-1' },
		files: [{ _id: 'f1', componentId: 'c1', path: 'artwork.pdf', fetch: false, localFile: false, url: `${server.url}/bucket/artwork.pdf?X-Amz-Signature=s3cr3t` }],
	};
	return await runNode({
		nodeType: new PrintOsSiteFlow() as INodeType,
		parameters: { authentication: 'siteFlowApi', resource: 'orderArtwork', operation: 'uploadOrderFiles', orderSource: 'inputItem', requestOptions: FAST },
		credentials: { siteFlowApi: { token: 't', secret: 's', environment: 'custom', baseUrl: `${server.url}/api`, orderServiceUrl: `${server.url}/orders/api` } },
		items: [{ ...binaryItem(pdfBytes(2_000), 'application/pdf', 'artwork.pdf'), json: order }],
	});
}

describe.each([
	['Box: File > Upload Binary', viaBox],
	['Site Flow: Order Artwork > Upload Order Files', viaSiteFlow],
])('%s does not follow a redirect of the upload URL', (_name, run) => {
	it('fails naming the redirect, without sending the file again or leaking a signature', async () => {
		const result = await run();
		expect(result.error?.httpCode).toBe('307');
		expect(result.error?.message).toBe(
			`The upload URL refused the file (HTTP 307): it redirects to ${server.url}/elsewhere/artwork.pdf, which an upload URL should not do`,
		);
		expect(`${result.error?.message} ${result.error?.description}`).not.toContain('s3cr3t');
		const puts = server.requests.filter((request) => request.method === 'PUT');
		expect(puts.map((request) => request.url)).toEqual(['/bucket/artwork.pdf?X-Amz-Signature=s3cr3t']);
		expect(puts[0].headers['content-length']).toBe('2000');
	});
});
