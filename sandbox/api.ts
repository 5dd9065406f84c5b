/**
 * One API request, start to finish: read it (or drop it there, when asked to), authenticate by the
 * path's scheme, count it against the rate limit, apply injected faults, run the handler, persist
 * what must be persisted, then answer (after any injected latency, on a timer so other requests keep
 * flowing) or drop the connection.
 */
import type { IncomingMessage, ServerResponse } from 'http';

import { verify } from './auth';
import type { ApiContext } from './context';
import type { SandboxCore } from './core';
import { DROPPED_BEFORE_PROCESSING, faultMessage } from './faults';
import { errorBody, HttpError, parseJson, queryObject, readBody, requestOrigin, sendJson } from './http';
import { loggableHeaders, type RequestEntry } from './requestLog';
import type { FamilyDefinition, Router } from './router';
import type { ApiResult, Json } from './types';

export async function handleApi(core: SandboxCore, router: Router, family: FamilyDefinition, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
	const started = performance.now();
	const method = (req.method ?? 'GET').toUpperCase();
	const pathname = url.pathname;
	const entry: RequestEntry = {
		time: new Date().toISOString(),
		method,
		path: pathname,
		query: queryObject(url.searchParams),
		status: 0,
		scheme: family.scheme,
		family: family.family,
		credential: null,
		durationMs: 0,
		headers: loggableHeaders(req.headers),
	};
	let headers: Record<string, string> = {};
	let drop = false;

	const answer = async (result: ApiResult) => {
		entry.delayMs = core.faults.state.latencyMs + core.faults.takeSlow(method, pathname, 'api', family.family);
		await core.requests.delayAnswer(entry.delayMs);
		entry.status = result.status;
		entry.durationMs = Math.round((performance.now() - started) * 10) / 10;
		if (drop) entry.dropped = true;
		core.requests.record(entry);
		if (drop) {
			req.socket.destroy();
			return;
		}
		sendJson(res, result.status, result.body, { ...headers, ...(result.headers ?? {}) });
	};

	let raw: Buffer;
	try {
		raw = await readBody(req, core.config.bodyLimitBytes);
	} catch (error) {
		const failure = error instanceof HttpError ? error : new HttpError(400, (error as Error).message);
		entry.error = failure.message;
		return answer({ status: failure.status, body: failure.body });
	}

	if (core.faults.takeDropBefore(method, pathname, 'api', family.family)) {
		core.requests.faultInjected();
		entry.dropped = true;
		entry.error = DROPPED_BEFORE_PROCESSING;
		entry.durationMs = Math.round((performance.now() - started) * 10) / 10;
		core.requests.record(entry);
		req.socket.destroy();
		return;
	}

	const auth = verify(family.scheme, method, pathname, req.headers, core.catalogue, {
		maxSkewSeconds: core.config.maxSkewSeconds,
		allowGatewaySha1: core.config.allowGatewaySha1,
	});
	if (!auth.ok) {
		entry.credential = auth.credentialId;
		entry.error = String((auth.body as Json).error?.message ?? (auth.body as Json).message);
		return answer({ status: auth.status, body: auth.body });
	}
	const credential = auth.credential;
	entry.credential = credential.id;

	const rate = core.faults.rate(credential.id);
	headers = rate.headers;
	if (rate.limited) return answer({ status: 429, body: errorBody(429, 'Too Many Requests') });

	const injected = core.faults.takeFailNext(method, pathname, 'api', family.family);
	if (injected) {
		core.requests.faultInjected();
		return answer({ status: injected.status, body: errorBody(injected.status, faultMessage(injected.status)), headers: injected.headers });
	}

	let result: ApiResult;
	try {
		const route = router.match(family.family, method, pathname);
		if (!route) throw new HttpError(404, `Cannot ${method} ${pathname}`);
		if ('methodNotAllowed' in route) throw new HttpError(405, `${method} is not allowed on ${pathname} (allowed: ${route.methodNotAllowed.join(', ')})`);
		const account = core.catalogue.accounts.get(auth.actingAs);
		if (!account) throw new HttpError(500, `Credential ${credential.id} has no account ${auth.actingAs}`);
		const context: ApiContext = {
			core,
			family: family.family,
			scheme: family.scheme,
			method,
			pathname,
			params: route.params,
			query: url.searchParams,
			body: method === 'GET' ? undefined : parseJson(raw),
			account,
			credentialId: credential.id,
			origin: requestOrigin(req, core.baseUrl),
		};
		result = await route.handler(context);
		if (result.persist === 'now') await core.flushNow();
	} catch (error) {
		if (error instanceof HttpError) {
			result = { status: error.status, body: error.body };
			entry.error = error.message;
		} else {
			result = { status: 500, body: errorBody(500, `Sandbox error: ${(error as Error).message}`) };
			entry.error = (error as Error).stack ?? String(error);
		}
	}
	if (core.faults.takeDrop(method, pathname, 'api', family.family)) {
		core.requests.faultInjected();
		drop = true;
	}
	return answer(result);
}
