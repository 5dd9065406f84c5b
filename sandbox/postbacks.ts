/**
 * Site Flow-style triggers (docs/printos-api.md#postbacks): a URL, a method, static headers, a set of events and a
 * template. Deliveries to one trigger go out one after another, in event order, the way a receiver
 * would see a real order progress; each is logged with its response status and duration.
 */
import { request as httpRequest } from 'http';
import { request as httpsRequest } from 'https';

import { findEventByName, SITE_FLOW_EVENTS } from '../nodes/PrintOs/SiteFlowTrigger/events';
import type { SandboxCore } from './core';
import { HttpError, isObject } from './http';
import { objectId } from './ids';
import type { SubmissionError } from './store';
import type { Json, Trigger, TriggerInput } from './types';

export interface EventSubject {
	order?: Json;
	submissionError?: SubmissionError;
	fields?: Json;
}

export interface Delivery {
	id: string;
	triggerId: string;
	event: string;
	orderId: string | null;
	sourceOrderId: string | null;
	method: string;
	url: string;
	requestHeaders: Record<string, string>;
	body: string | null;
	status: number | null;
	ok: boolean;
	error?: string;
	durationMs: number | null;
	queuedAt: string;
	sandboxTime: string;
}

const LOG_LIMIT = 2000;
const BODY_LOG_LIMIT = 64 * 1024;

export function normaliseTrigger(input: unknown, existingId?: string): Trigger {
	if (!isObject(input)) throw new HttpError(400, 'A trigger is a JSON object: {url, method, headers, events, template, active}');
	const url = String(input.url ?? '');
	if (!/^https?:\/\/[^\s]+$/i.test(url)) throw new HttpError(400, 'url must be an absolute http(s) URL');
	const method = String(input.method ?? 'POST').toUpperCase();
	if (method !== 'POST' && method !== 'PUT' && method !== 'GET') throw new HttpError(400, 'method must be POST, PUT or GET');
	const rawEvents = input.events === undefined || input.events === null ? [] : input.events;
	if (!Array.isArray(rawEvents)) throw new HttpError(400, 'events must be a list of event names (empty means all)');
	const events = rawEvents.map((name: unknown) => {
		const event = findEventByName(name);
		if (!event) {
			throw new HttpError(400, `Unknown event "${String(name)}"; expected one of: ${SITE_FLOW_EVENTS.map((entry) => entry.name).join(', ')}`);
		}
		return event.name;
	});
	const templateName = String(input.template ?? 'default').toLowerCase();
	if (templateName !== 'default' && templateName !== 'prettyjson') throw new HttpError(400, 'template must be "default" or "prettyJson"');
	const headers: Record<string, string> = {};
	if (input.headers !== undefined && !isObject(input.headers)) throw new HttpError(400, 'headers must be an object of name: value');
	for (const [name, value] of Object.entries(input.headers ?? {})) headers[name] = String(value);
	return {
		id: existingId ?? objectId(),
		name: String(input.name ?? `Trigger ${url}`),
		url,
		method,
		headers,
		events: [...new Set(events)],
		template: templateName === 'default' ? 'default' : 'prettyJson',
		active: input.active === undefined ? true : input.active === true || input.active === 'true',
		createdAt: new Date().toISOString(),
	};
}

/** `--trigger url[,Event Name,Event Name]`. */
export function parseTriggerFlag(value: string): TriggerInput {
	const [url, ...events] = value.split(',').map((part) => part.trim());
	return { url, events: events.filter(Boolean) };
}

function queryValue(value: unknown): string {
	return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

export class Postbacks {
	log: Delivery[] = [];
	private chains = new Map<string, Promise<void>>();
	private inflight = new Set<Promise<void>>();

	constructor(private readonly core: SandboxCore) {}

	add(input: unknown): Trigger {
		const trigger = normaliseTrigger(input);
		this.core.store.triggers.push(trigger);
		this.core.changed();
		return trigger;
	}

	remove(id: string): boolean {
		const before = this.core.store.triggers.length;
		this.core.store.triggers = this.core.store.triggers.filter((trigger) => trigger.id !== id);
		this.core.changed();
		return this.core.store.triggers.length !== before;
	}

	emit(event: string, subject: EventSubject): void {
		const timestamp = this.core.clock.iso();
		for (const trigger of this.core.store.triggers) {
			if (!trigger.active || (trigger.events.length > 0 && !trigger.events.includes(event))) continue;
			this.enqueue(trigger, event, this.payload(trigger, event, timestamp, subject));
		}
	}

	/** Resolves once every delivery queued so far has been attempted. */
	async idle(): Promise<void> {
		for (let round = 0; round < 1000 && this.inflight.size > 0; round++) await Promise.allSettled([...this.inflight]);
	}

	clearLog(): void {
		this.log = [];
	}

	private payload(trigger: Trigger, event: string, timestamp: string, subject: EventSubject): Json {
		const order = subject.order;
		const failure = subject.submissionError;
		const fields = subject.fields ?? {};
		if (trigger.template === 'prettyJson') {
			// A snapshot: later changes to the order must not leak into an earlier event's payload
			const document = order ? structuredClone(order) : { ...failure, data: { body: failure?._id, errorList: failure?.errorList } };
			return { ...document, ...fields, event, timestamp };
		}
		return {
			event,
			timestamp,
			sourceOrderId: order?.orderData?.sourceOrderId ?? failure?.sourceOrderId ?? null,
			orderId: order?._id ?? failure?._id ?? null,
			status: order?.orderData?.status ?? failure?.status ?? null,
			...(failure ? { errorList: failure.errorList } : {}),
			...fields,
		};
	}

	private enqueue(trigger: Trigger, event: string, payload: Json): void {
		const headers: Record<string, string> = { ...trigger.headers };
		let url = trigger.url;
		let body: string | null = null;
		if (trigger.method === 'GET') {
			const target = new URL(trigger.url);
			for (const [name, value] of Object.entries(payload)) if (value !== undefined && value !== null) target.searchParams.append(name, queryValue(value));
			url = target.toString();
		} else {
			body = JSON.stringify(payload);
			if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
		}
		const delivery: Delivery = {
			id: objectId(),
			triggerId: trigger.id,
			event,
			orderId: payload.orderId ?? payload._id ?? null,
			sourceOrderId: payload.sourceOrderId ?? payload.orderData?.sourceOrderId ?? null,
			method: trigger.method,
			url,
			requestHeaders: headers,
			body: body && body.length > BODY_LOG_LIMIT ? `${body.slice(0, BODY_LOG_LIMIT)}…` : body,
			status: null,
			ok: false,
			durationMs: null,
			queuedAt: new Date().toISOString(),
			sandboxTime: String(payload.timestamp),
		};
		this.log.push(delivery);
		if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
		const previous = this.chains.get(trigger.id) ?? Promise.resolve();
		const next = previous.then(() => this.send(delivery, body));
		this.chains.set(trigger.id, next);
		this.inflight.add(next);
		void next.finally(() => {
			this.inflight.delete(next);
			if (this.chains.get(trigger.id) === next) this.chains.delete(trigger.id);
		});
	}

	private send(delivery: Delivery, body: string | null): Promise<void> {
		const started = performance.now();
		const target = new URL(delivery.url);
		const requester = target.protocol === 'https:' ? httpsRequest : httpRequest;
		const headers: Record<string, string | number> = { ...delivery.requestHeaders };
		if (body !== null) headers['content-length'] = Buffer.byteLength(body);
		return new Promise<void>((resolve) => {
			let settled = false;
			const finish = (status: number | null, error?: string) => {
				if (settled) return;
				settled = true;
				delivery.status = status;
				delivery.ok = status !== null && status >= 200 && status < 300;
				if (error) delivery.error = error;
				delivery.durationMs = Math.round((performance.now() - started) * 10) / 10;
				resolve();
			};
			const request = requester(target, { method: delivery.method, headers, timeout: this.core.config.postbackTimeoutMs }, (response) => {
				response.resume();
				response.on('end', () => finish(response.statusCode ?? null));
				response.on('error', (error) => finish(response.statusCode ?? null, error.message));
			});
			request.on('timeout', () => request.destroy(new Error(`timed out after ${this.core.config.postbackTimeoutMs} ms`)));
			request.on('error', (error) => finish(null, error.message));
			request.end(body ?? undefined);
		});
	}
}
