/**
 * Two HTTP ports. The main one serves the gateway (`/box`, `/siteflow`), Site Flow (`/api`), upload
 * URLs (`/_uploads`), stored order-service payloads (`/_submissions`) and the admin API
 * (`/_sandbox`). The order service has a port of its own, because orders.oneflow.io serves and signs
 * `/api/order`, the very path the Site Flow API uses for synchronous submission (docs/printos-api.md#signing-site-flow).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';

import { AdminApi, handleAdmin } from './admin';
import { handleApi } from './api';
import type { SandboxCore } from './core';
import { errorBody, sendJson } from './http';
import { Router, type SandboxServer } from './router';
import { uploadIdFromPath } from './uploads';

export interface RunningServer {
	server: Server;
	url: string;
	port: number;
	/** The order service's base, e.g. `http://127.0.0.1:4011/api` (as `https://orders.oneflow.io/api`). */
	orderServiceUrl: string;
	orderServicePort: number;
	admin: AdminApi;
	close(): Promise<void>;
}

function serveSubmission(core: SandboxCore, pathname: string, method: string, res: ServerResponse): boolean {
	const submission = /^\/_submissions\/([0-9a-f]{24})$/.exec(pathname);
	if (!submission || method !== 'GET') return false;
	const payload = core.store.submissions.get(submission[1]);
	if (payload === undefined) sendJson(res, 404, errorBody(404, 'Submission not found'));
	else sendJson(res, 200, payload);
	return true;
}

/** The order service's port: `/api/order` and the payloads it stored, nothing else. */
async function dispatchOrderService(core: SandboxCore, router: Router, req: IncomingMessage, res: ServerResponse): Promise<void> {
	const url = new URL(req.url ?? '/', 'http://sandbox.local');
	const method = (req.method ?? 'GET').toUpperCase();
	const family = router.familyOf(url.pathname, 'orderService');
	if (family) return handleApi(core, router, family, req, res, url);
	req.resume();
	if (serveSubmission(core, url.pathname, method, res)) return;
	return sendJson(res, 404, errorBody(404, `Cannot ${method} ${url.pathname}`));
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
	const family = router.familyOf(pathname, 'main');
	if (family) return handleApi(core, router, family, req, res, url);
	req.resume();
	if (serveSubmission(core, pathname, method, res)) return;
	if (pathname === '/' && method === 'GET') return sendJson(res, 200, { name: 'PrintOS sandbox', ...core.urls() });
	return sendJson(res, 404, errorBody(404, `Cannot ${method} ${pathname}`));
}

type Dispatcher = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

async function startServer(dispatcher: Dispatcher, port: number, host: string): Promise<{ server: Server; port: number; url: string }> {
	const server = createServer((req, res) => {
		dispatcher(req, res).catch((error: Error) => {
			if (!res.headersSent) sendJson(res, 500, errorBody(500, `Sandbox error: ${error.message}`));
			else res.destroy();
		});
	});
	// Large streamed uploads may take longer than Node's default five minutes
	server.requestTimeout = 0;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const bound = (server.address() as AddressInfo).port;
	const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
	return { server, port: bound, url: `http://${shown.includes(':') ? `[${shown}]` : shown}:${bound}` };
}

function stop(server: Server): Promise<void> {
	return new Promise<void>((resolve) => {
		server.close(() => resolve());
		server.closeAllConnections();
	});
}

export async function listen(core: SandboxCore): Promise<RunningServer> {
	const router = new Router();
	const admin = new AdminApi(core);
	const servers: Record<SandboxServer, Dispatcher> = {
		main: (req, res) => dispatch(core, router, admin, req, res),
		orderService: (req, res) => dispatchOrderService(core, router, req, res),
	};
	const main = await startServer(servers.main, core.config.port, core.config.host);
	let orderService: Awaited<ReturnType<typeof startServer>>;
	try {
		orderService = await startServer(servers.orderService, core.config.orderServicePort ?? (core.config.port === 0 ? 0 : main.port + 1), core.config.host);
	} catch (error) {
		await stop(main.server);
		throw error;
	}
	core.baseUrl = main.url;
	core.orderServiceUrl = `${orderService.url}/api`;
	let closing: Promise<void> | undefined;
	return {
		server: main.server,
		url: main.url,
		port: main.port,
		orderServiceUrl: core.orderServiceUrl,
		orderServicePort: orderService.port,
		admin,
		close() {
			closing ??= (async () => {
				await Promise.all([stop(main.server), stop(orderService.server)]);
				await core.close();
			})();
			return closing;
		},
	};
}
