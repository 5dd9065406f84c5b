/**
 * The control surface under /_sandbox/ (JSON in and out, loopback only) and the same operations
 * as methods, which the programmatic API calls directly.
 */
import type { IncomingMessage, ServerResponse } from 'http';

import type { SandboxCore } from './core';
import { errorBody, HttpError, isLoopbackAddress, isObject, parseJson, readBody, sendJson } from './http';
import { createOrder } from './orders/submit';
import { uploadView } from './uploads';
import type { Json } from './types';

const MAX_GENERATE = 50_000;

function number(value: unknown, name: string, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
	const parsed = Number(value);
	if (value === undefined || value === null || value === '' || !Number.isFinite(parsed) || parsed < min || parsed > max) {
		throw new HttpError(400, `${name} must be a number from ${min} to ${max}`);
	}
	return parsed;
}

function generatedOrder(core: SandboxCore, index: number): Json {
	const sku = core.catalogue.skuByCode.get('Business Cards') ?? core.catalogue.skus[0];
	const product = core.catalogue.productByKey.get(String(sku.productId)) as Json;
	return {
		destination: { name: core.catalogue.destination },
		orderData: {
			sourceOrderId: `GEN-${String(index).padStart(6, '0')}`,
			customerName: `Generated Customer ${index}`,
			items: [
				{
					sourceItemId: `GEN-${index}-1`,
					sku: sku.code,
					quantity: 1 + (index % 5) * 50,
					components: (product.components as Json[]).map((component) => ({
						code: component.code,
						fetch: true,
						path: `https://artwork.sandbox.example/generated/${index}/${component.code}.pdf`,
					})),
				},
			],
			shipments: [
				{
					shipTo: { name: `Customer ${index}`, address1: `${index} Sandbox Street`, town: 'Bristol', postcode: 'BS1 4DJ', isoCountry: 'GB' },
					carrier: { code: 'royalmail', service: 'firstclass' },
				},
			],
		},
	};
}

export class AdminApi {
	constructor(private readonly core: SandboxCore) {}

	reset(input: Json = {}) {
		this.core.reset(input.keepTriggers === true);
		return { success: true, state: this.core.counts() };
	}

	state() {
		return this.core.counts();
	}

	/** Where each service answers; the order service has a port of its own. */
	urls() {
		return this.core.urls();
	}

	clock() {
		const core = this.core;
		const next = core.scheduler.peek();
		return {
			now: core.clock.iso(),
			epochMs: core.clock.now(),
			realtime: core.clock.realtime,
			speed: core.clock.speed,
			delays: { ...core.config.delays },
			pendingTasks: core.scheduler.size,
			nextDue: next ? new Date(next.due).toISOString() : null,
		};
	}

	async advance(seconds: unknown) {
		const result = await this.core.advance(number(seconds, 'seconds', { max: 10 * 365 * 86_400 }));
		return { ...this.clock(), ran: result.ran };
	}

	realtime(input: Json) {
		const enabled = input.enabled === undefined ? true : input.enabled === true;
		const speed = input.speed === undefined ? this.core.clock.speed : number(input.speed, 'speed', { min: 0.001, max: 1_000_000 });
		this.core.setRealtime(enabled, speed);
		return this.clock();
	}

	addTrigger(input: unknown) {
		return this.core.postbacks.add(input);
	}

	triggers() {
		return { count: this.core.store.triggers.length, triggers: this.core.store.triggers };
	}

	removeTrigger(id: string) {
		if (!this.core.postbacks.remove(id)) throw new HttpError(404, 'Trigger not found');
		return { success: true, id };
	}

	postbacks(limit?: unknown) {
		const log = this.core.postbacks.log;
		const count = limit === undefined || limit === null ? log.length : number(limit, 'limit');
		return { count: log.length, postbacks: count ? log.slice(-count) : [] };
	}

	async forceEvent(orderId: string, input: Json) {
		const order = this.core.store.order(orderId);
		if (!order) throw new HttpError(404, 'Order not found');
		if (typeof input.event !== 'string') throw new HttpError(400, 'event is required, e.g. "Order Errored"');
		const before = this.core.postbacks.log.length;
		this.core.lifecycle.force(order, input.event, input);
		await this.core.postbacks.idle();
		return { success: true, order, deliveries: this.core.postbacks.log.slice(before) };
	}

	requests(limit?: unknown) {
		const wanted = limit === undefined || limit === null ? 100 : number(limit, 'limit');
		return { count: this.core.requests.size, requests: this.core.requests.list(wanted) };
	}

	clearRequests() {
		this.core.requests.clear();
		return { success: true };
	}

	stats() {
		return this.core.requests.stats();
	}

	orders(filter: { status?: string | null; sourceOrderId?: string | null; limit?: unknown; offset?: unknown } = {}) {
		let list = this.core.store.orders;
		if (filter.status) list = list.filter((order) => order.orderData.status === filter.status);
		if (filter.sourceOrderId) list = list.filter((order) => order.orderData.sourceOrderId === filter.sourceOrderId);
		const offset = filter.offset === undefined || filter.offset === null ? 0 : number(filter.offset, 'offset');
		const limit = filter.limit === undefined || filter.limit === null ? list.length : number(filter.limit, 'limit');
		return { count: list.length, orders: list.slice(offset, offset + limit) };
	}

	submissionErrors() {
		return { count: this.core.store.submissionErrors.length, submissionErrors: this.core.store.submissionErrors };
	}

	/** Valid orders straight into the store, without their production steps: for listing benchmarks. */
	async generateOrders(input: Json) {
		const core = this.core;
		const count = number(input.count, 'count', { min: 1, max: MAX_GENERATE });
		const account = core.catalogue.accounts.get(String(input.account ?? core.catalogue.sourceAccount));
		if (!account) throw new HttpError(400, `Unknown account "${input.account}"`);
		const statuses: string[] = Array.isArray(input.status) ? input.status.map(String) : input.status ? [String(input.status)] : [];
		const first = core.store.orders.length;
		for (let index = 0; index < count; index++) {
			const serial = ++core.store.generatedCount;
			let body = generatedOrder(core, serial);
			// A serial can collide with a client's own GEN- ids; skip ahead rather than duplicate
			for (let attempt = 0; attempt < 1000 && core.store.orderBySource(account.name, body.orderData.sourceOrderId); attempt++) {
				body = generatedOrder(core, ++core.store.generatedCount);
			}
			createOrder(core, body, account, core.baseUrl, { lifecycle: false, status: statuses.length ? statuses[index % statuses.length] : undefined });
		}
		await core.flushNow();
		const created = core.store.orders.slice(first);
		return { created: created.length, count: core.store.orders.length, firstId: created[0]?._id ?? null, lastId: created.at(-1)?._id ?? null };
	}

	uploads() {
		const uploads = [...this.core.store.uploads.values()].map(uploadView);
		return { count: uploads.length, uploads };
	}

	upload(id: string) {
		const record = this.core.store.uploads.get(id);
		if (!record) throw new HttpError(404, 'Upload not found');
		return uploadView(record);
	}

	faults() {
		return this.core.faults.state;
	}

	setFaults(input: unknown) {
		return this.core.faults.merge(input);
	}

	clearFaults() {
		return this.core.faults.clear();
	}
}

type AdminRoute = [method: string, pattern: RegExp, run: (admin: AdminApi, match: RegExpExecArray, body: Json, query: URLSearchParams) => unknown];

const ROUTES: AdminRoute[] = [
	['POST', /^\/reset$/, (admin, _m, body) => admin.reset(body)],
	['GET', /^\/state$/, (admin) => admin.state()],
	['GET', /^\/urls$/, (admin) => admin.urls()],
	['GET', /^\/clock$/, (admin) => admin.clock()],
	['POST', /^\/clock\/advance$/, (admin, _m, body) => admin.advance(body.seconds)],
	['POST', /^\/clock\/realtime$/, (admin, _m, body) => admin.realtime(body)],
	['POST', /^\/triggers$/, (admin, _m, body) => admin.addTrigger(body)],
	['GET', /^\/triggers$/, (admin) => admin.triggers()],
	['DELETE', /^\/triggers\/([^/]+)$/, (admin, match) => admin.removeTrigger(match[1])],
	['GET', /^\/postbacks$/, (admin, _m, _b, query) => admin.postbacks(query.get('limit'))],
	['POST', /^\/orders\/generate$/, (admin, _m, body) => admin.generateOrders(body)],
	['POST', /^\/orders\/([^/]+)\/events$/, (admin, match, body) => admin.forceEvent(match[1], body)],
	['GET', /^\/orders$/, (admin, _m, _b, query) =>
		admin.orders({ status: query.get('status'), sourceOrderId: query.get('sourceOrderId'), limit: query.get('limit'), offset: query.get('offset') })],
	['GET', /^\/submission-errors$/, (admin) => admin.submissionErrors()],
	['GET', /^\/requests$/, (admin, _m, _b, query) => admin.requests(query.get('limit'))],
	['DELETE', /^\/requests$/, (admin) => admin.clearRequests()],
	['GET', /^\/stats$/, (admin) => admin.stats()],
	['GET', /^\/uploads$/, (admin) => admin.uploads()],
	['GET', /^\/uploads\/([^/]+)$/, (admin, match) => admin.upload(match[1])],
	['GET', /^\/faults$/, (admin) => admin.faults()],
	['POST', /^\/faults$/, (admin, _m, body) => admin.setFaults(body)],
	['DELETE', /^\/faults$/, (admin) => admin.clearFaults()],
];

export async function handleAdmin(admin: AdminApi, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
	if (!isLoopbackAddress(req.socket.remoteAddress)) {
		req.resume();
		return sendJson(res, 403, errorBody(403, 'The sandbox admin API only answers loopback clients'));
	}
	try {
		const raw = await readBody(req, 1024 * 1024);
		const parsed = parseJson(raw);
		if (parsed !== undefined && !isObject(parsed)) throw new HttpError(400, 'The body must be a JSON object');
		const body = (parsed ?? {}) as Json;
		const path = url.pathname.slice('/_sandbox'.length) || '/';
		const method = (req.method ?? 'GET').toUpperCase();
		for (const [routeMethod, pattern, run] of ROUTES) {
			const match = pattern.exec(path);
			if (!match || routeMethod !== method) continue;
			const result = await run(admin, match, body, url.searchParams);
			return sendJson(res, method === 'POST' && /^\/triggers$/.test(path) ? 201 : 200, result);
		}
		throw new HttpError(404, `No admin route ${method} ${url.pathname}`);
	} catch (error) {
		if (error instanceof HttpError) return sendJson(res, error.status, error.body);
		return sendJson(res, 500, errorBody(500, (error as Error).message));
	}
}
