import { createHash } from 'crypto';
import { mkdtempSync, readdirSync, rmSync } from 'fs';
import { request } from 'http';
import { tmpdir } from 'os';
import { join } from 'path';
import { Readable } from 'stream';

import { startSandbox, type Sandbox } from '../../sandbox';
import { gateway, siteFlow, validOrder } from './client';

let sandbox: Sandbox;
let base: string;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, rateLimitPerMinute: 0 });
	base = sandbox.url;
});
afterAll(() => sandbox.close());

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');
const idOf = (url: string) => new URL(url).pathname.split('/').pop() as string;

async function put(url: string, body: string | Uint8Array, contentType = 'application/pdf') {
	return fetch(url, { method: 'PUT', body, headers: { 'content-type': contentType } });
}

describe('pre-signed uploads', () => {
	it('takes a PUT without HMAC, records size and sha256, serves the bytes at the fetch URL', async () => {
		const urls = (await gateway(base, 'GET', '/box/api/partner/file/uploadurls?mimeType=application/pdf')).body;
		const bytes = '%PDF-1.4 sandbox artwork';
		const response = await put(urls.uploadUrl, bytes);
		expect(response.status).toBe(200);
		const info = sandbox.upload(idOf(urls.fetchUrl));
		expect(info).toMatchObject({ size: bytes.length, sha256: sha256(bytes), mimeType: 'application/pdf', complete: true });
		const fetched = await fetch(urls.fetchUrl);
		expect(fetched.headers.get('content-type')).toBe('application/pdf');
		expect(await fetched.text()).toBe(bytes);
		const listed = await fetch(`${base}/_sandbox/uploads/${info.id}`);
		expect(await listed.json()).toMatchObject({ id: info.id, size: bytes.length, sha256: sha256(bytes), mimeType: 'application/pdf', complete: true });
		const all = (await (await fetch(`${base}/_sandbox/uploads`)).json()) as { uploads: Array<{ id: string }> };
		expect(all.uploads.some((entry) => entry.id === info.id)).toBe(true);
	});

	it('refuses a PUT with a wrong or missing signature (403), unknown ids (404), fetch before upload (404)', async () => {
		const urls = (await gateway(base, 'GET', '/box/api/partner/file/uploadurls?mimeType=application/pdf')).body;
		expect((await put(urls.uploadUrl.replace(/signature=\w+/, 'signature=forged'), 'x')).status).toBe(403);
		expect((await put(urls.fetchUrl, 'x')).status).toBe(403);
		expect((await fetch(urls.fetchUrl)).status).toBe(404);
		expect((await put(`${base}/_uploads/000000000000000000000000?signature=x`, 'x')).status).toBe(404);
		expect(sandbox.upload(idOf(urls.fetchUrl)).complete).toBe(false);
	});

	it('lets a Box file reference an upload by its fetch URL', async () => {
		const urls = (await gateway(base, 'GET', '/box/api/partner/file/uploadurls?mimeType=application/pdf')).body;
		await put(urls.uploadUrl, 'twelve bytes');
		const folder = (await gateway(base, 'POST', '/box/api/partner/folder', { body: { name: 'uploads' } })).body;
		const file = (await gateway(base, 'POST', '/box/api/partner/file', { body: { url: urls.fetchUrl, folderId: folder._id, name: 'a.pdf' } })).body;
		expect(file.size).toBe(12);
		expect(file.currentVersion.sha256).toBe(sha256('twelve bytes'));
		expect((await gateway(base, 'GET', `/box/api/partner/folder/${folder._id}`)).body.totalSize).toBe(12);
	});

	it('updates a Box file made before its upload finished', async () => {
		const urls = (await gateway(base, 'GET', '/box/api/partner/file/uploadurls?mimeType=application/pdf')).body;
		const folder = (await gateway(base, 'POST', '/box/api/partner/folder', { body: { name: 'early' } })).body;
		const file = (await gateway(base, 'POST', '/box/api/partner/file', { body: { url: urls.fetchUrl, folderId: folder._id } })).body;
		expect(file.size).toBe(0);
		expect((await gateway(base, 'POST', `/box/api/partner/file/${file._id}/preflight`)).body.currentVersion.preflight.status).toBe('failed');
		await put(urls.uploadUrl, 'late bytes');
		const after = (await gateway(base, 'GET', `/box/api/partner/file/${file._id}`)).body;
		expect(after.size).toBe(10);
		expect(after.versions[0].sha256).toBe(sha256('late bytes'));
		expect((await gateway(base, 'POST', `/box/api/partner/file/${file._id}/preflight`)).body.currentVersion.preflight.status).toBe('ok');
	});
});

describe('upload PUTs in the request log', () => {
	it('records status, content-length, content-type, signing headers and the path without the signature', async () => {
		const urls = (await gateway(base, 'GET', '/box/api/partner/file/uploadurls?mimeType=application/pdf')).body;
		const signature = new URL(urls.uploadUrl).searchParams.get('signature') as string;
		sandbox.clearRequests();
		expect((await put(urls.uploadUrl, '%PDF-1.4 logged')).status).toBe(200);
		// a client that signed the PUT anyway (storage ignores or refuses such headers)
		const signed = await fetch(urls.uploadUrl, {
			method: 'PUT',
			body: 'again',
			headers: { 'content-type': 'image/png', 'x-hp-hmac-authentication': 'sandbox-key:abc', 'x-hp-hmac-date': new Date().toISOString() },
		});
		expect(signed.status).toBe(200);
		expect((await put(urls.uploadUrl.replace(/signature=\w+/, 'signature=forged'), 'x')).status).toBe(403);

		const [plain, withHmac, forged] = sandbox.requests(3);
		const path = `/_uploads/${idOf(urls.fetchUrl)}`;
		expect(plain).toMatchObject({
			method: 'PUT',
			path,
			query: {},
			status: 200,
			family: null,
			credential: null,
			upload: { contentLength: 15, contentType: 'application/pdf', hmacHeaders: false, bytesReceived: 15 },
		});
		expect(withHmac).toMatchObject({ path, status: 200, upload: { contentLength: 5, contentType: 'image/png', hmacHeaders: true } });
		expect(withHmac.headers['x-hp-hmac-authentication']).toBeUndefined();
		expect(forged).toMatchObject({ path, status: 403, error: expect.stringMatching(/^Signature does not match/) });
		expect(JSON.stringify(sandbox.requests(3))).not.toContain(signature);
		// also over the admin API
		const logged = (await fetch(`${base}/_sandbox/requests?limit=3`).then((response) => response.json())) as { requests: Array<{ path: string }> };
		expect(logged.requests.map((entry) => entry.path)).toEqual([path, path, path]);
		// the totals count what the log recorded
		expect(sandbox.stats()).toMatchObject({ requests: 3, byStatus: { 200: 2, 403: 1 } });
	});
});

describe('Content-Length', () => {
	it('refuses a chunked PUT (no Content-Length) with 411, as S3 presigned URLs do', async () => {
		const urls = (await gateway(base, 'GET', '/box/api/partner/file/uploadurls?mimeType=application/pdf')).body;
		const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
			const req = request(new URL(urls.uploadUrl), { method: 'PUT', headers: { 'content-type': 'application/pdf' } }, (res) => {
				let body = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (body += chunk));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
			});
			req.on('error', reject);
			// written without a length, Node sends the body chunked
			req.write('%PDF-1.4 ');
			req.end('chunked');
		});
		expect(answer.status).toBe(411);
		expect(JSON.parse(answer.body)).toMatchObject({ success: false, error: { code: 411, name: 'LengthRequired' } });
		expect(sandbox.upload(idOf(urls.fetchUrl)).complete).toBe(false);
		expect(sandbox.requests(1)[0]).toMatchObject({ status: 411, upload: { contentLength: null, bytesReceived: 16 } });
		// with a length, the same bytes are taken
		expect((await put(urls.uploadUrl, '%PDF-1.4 chunked')).status).toBe(200);
	});
});

describe('Site Flow artwork uploads', () => {
	it('a PUT to an order file\'s url marks it received and lets the order become print-ready', async () => {
		const order = (await siteFlow(base, 'POST', '/api/order', { body: validOrder({ fetch: false, path: 'cards.pdf' }) })).body.order;
		await sandbox.advance(60);
		expect(sandbox.order(order._id)?.orderData.status).toBe('dataready');
		expect((await put(order.files[0].url, '%PDF artwork')).status).toBe(200);
		const after = sandbox.order(order._id);
		expect(after?.files[0].status).toBe('received');
		expect(after?.files[0].versions[0]).toMatchObject({ status: 'received', fileSize: 12, sha256: sha256('%PDF artwork') });
		expect(after?.files[0].fileSize).toBe(12);
		expect(after?.orderData.status).toBe('printready');
	});

	it('a component whose path is a getpreupload fetch URL waits for that upload', async () => {
		const urls = (await siteFlow(base, 'GET', '/api/file/getpreupload?mimeType=application/pdf')).body;
		const order = (await siteFlow(base, 'POST', '/api/order', { body: validOrder({ fetch: true, path: urls.path }) })).body.order;
		await sandbox.advance(31);
		expect(sandbox.order(order._id)?.orderData.status).toBe('dataready');
		await put(urls.url, 'bytes');
		expect(sandbox.order(order._id)?.orderData.status).toBe('printready');
	});

	it('an upload finished before the print-ready check is picked up by the check', async () => {
		const order = (await siteFlow(base, 'POST', '/api/order', { body: validOrder({ fetch: false, path: 'early.pdf' }) })).body.order;
		await put(order.files[0].url, 'early');
		expect(sandbox.order(order._id)?.orderData.status).toBe('dataready');
		await sandbox.advance(30);
		expect(sandbox.order(order._id)?.orderData.status).toBe('printready');
	});
});

describe('large uploads', () => {
	it('only hashes bodies above the kept-bytes limit, or spills them to uploadDir', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'sandbox-uploads-'));
		const small = await startSandbox({ port: 0, keepBytesLimit: 1024 });
		const spilling = await startSandbox({ port: 0, keepBytesLimit: 1024, uploadDir: dir });
		try {
			const data = new Uint8Array(5000).fill(7);
			for (const [instance, kept] of [[small, false], [spilling, true]] as const) {
				const urls = (await gateway(instance.url, 'GET', '/box/api/partner/file/uploadurls?mimeType=application/octet-stream')).body;
				expect((await put(urls.uploadUrl, data, 'application/octet-stream')).status).toBe(200);
				expect(instance.upload(idOf(urls.fetchUrl))).toMatchObject({ size: 5000, sha256: sha256(data), kept });
				const fetched = await fetch(urls.fetchUrl);
				if (kept) expect(sha256(new Uint8Array(await fetched.arrayBuffer()))).toBe(sha256(data));
				else expect(fetched.status).toBe(410);
			}
			expect(readdirSync(dir)).toHaveLength(1);
		} finally {
			await small.close();
			await spilling.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('streams a 1 GiB upload with bounded memory', async () => {
		const urls = (await gateway(base, 'GET', '/box/api/partner/file/uploadurls?mimeType=application/octet-stream')).body;
		const chunk = Buffer.alloc(1024 * 1024, 0x5a);
		const chunks = 1024;
		const expected = createHash('sha256');
		let sent = 0;
		const source = new Readable({
			read() {
				if (sent === chunks) return void this.push(null);
				sent++;
				expected.update(chunk as unknown as Uint8Array);
				this.push(chunk);
			},
		});
		const baseline = process.memoryUsage().rss;
		let peak = baseline;
		const sampler = setInterval(() => {
			peak = Math.max(peak, process.memoryUsage().rss);
		}, 20);
		try {
			const status = await new Promise<number>((resolve, reject) => {
				const target = new URL(urls.uploadUrl);
				const req = request(target, { method: 'PUT', headers: { 'content-length': chunks * chunk.length, 'content-type': 'application/octet-stream' } }, (res) => {
					res.resume();
					res.on('end', () => resolve(res.statusCode ?? 0));
				});
				req.on('error', reject);
				source.pipe(req);
			});
			expect(status).toBe(200);
		} finally {
			clearInterval(sampler);
		}
		const info = sandbox.upload(idOf(urls.fetchUrl));
		expect(info).toMatchObject({ size: 1024 ** 3, complete: true, kept: false, sha256: expected.digest('hex') });
		expect(peak - baseline).toBeLessThan(256 * 1024 * 1024);
	}, 60_000);
});
