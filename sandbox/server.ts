/**
 * One HTTP port for everything: the gateway (`/box`, `/siteflow`), Site Flow (`/api`), the order
 * service (`/orders/api`), upload URLs (`/_uploads`), stored order-service payloads
 * (`/_submissions`) and the admin API (`/_sandbox`).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';

import { AdminApi, handleAdmin } from './admin';
import { handleApi } from './api';
import type { SandboxCore } from './core';
import { errorBody, sendJson } from './http';
import { Router } from './router';
import { uploadIdFromPath } from './uploads';

export interface RunningServer {
	server: Server;
	url: string;
	port: number;
	admin: AdminApi;
	close(): Promise<void>;
}

async function dispatch(core: SandboxCore, router: Router, admin: AdminApi, req: IncomingMessage, res: ServerResponse): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://sandbox.local');
	const pathname = url.pathname;
	const method = (req.method ?? 'GET').toUpperCase();
	if (pathname === '/_sandbox' || pathname.startsWith('/_sandbox/')) return handleAdmin(admin, req, res, url);
	if (await core.downloads.handle(req, res, url)) return;
	const uploadId = uploadIdFromPath(pathname);
	if (uploadId) {
		if (method === 'PUT') return core.uploads.handlePut(req, res, uploadId, url);
		if (method === 'GET') return core.uploads.handleGet(res, uploadId);
		req.resume();
		return sendJson(res, 405, errorBody(405, 'Upload URLs take PUT (upload) and GET (fetch)'));
	}
	const submission = /^\/_submissions\/([0-9a-f]{24})$/.exec(pathname);
	if (submission && method === 'GET') {
		const payload = core.store.submissions.get(submission[1]);
		return payload === undefined ? sendJson(res, 404, errorBody(404, 'Submission not found')) : sendJson(res, 200, payload);
	}
	const family = router.familyOf(pathname);
	if (family) return handleApi(core, router, family, req, res, url);
	req.resume();
	if (pathname === '/' && method === 'GET') {
		return sendJson(res, 200, {
			name: 'PrintOS sandbox',
			gateway: { box: `${core.baseUrl}/box/api`, siteFlow: `${core.baseUrl}/siteflow/api` },
			siteFlow: { api: `${core.baseUrl}/api`, orderService: `${core.baseUrl}/orders/api` },
			admin: `${core.baseUrl}/_sandbox/state`,
		});
	}
	return sendJson(res, 404, errorBody(404, `Cannot ${method} ${pathname}`));
}

export async function listen(core: SandboxCore): Promise<RunningServer> {
	const router = new Router();
	const admin = new AdminApi(core);
	const server = createServer((req, res) => {
		dispatch(core, router, admin, req, res).catch((error: Error) => {
			if (!res.headersSent) sendJson(res, 500, errorBody(500, `Sandbox error: ${error.message}`));
			else res.destroy();
		});
	});
	// Large streamed uploads may take longer than Node's default five minutes
	server.requestTimeout = 0;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(core.config.port, core.config.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	const host = core.config.host === '0.0.0.0' || core.config.host === '::' ? '127.0.0.1' : core.config.host;
	const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
	core.baseUrl = url;
	let closing: Promise<void> | undefined;
	return {
		server,
		url,
		port,
		admin,
		close() {
			closing ??= (async () => {
				await new Promise<void>((resolve) => {
					server.close(() => resolve());
					server.closeAllConnections();
				});
				await core.close();
			})();
			return closing;
		},
	};
}
