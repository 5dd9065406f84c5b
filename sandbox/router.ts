/**
 * Routes are built by walking the shared endpoint tables, so a path corrected in a table moves the
 * node and the sandbox together. Each family is a front door with its own auth scheme and mount.
 */
import { BOX_ENDPOINTS } from '../nodes/PrintOs/Box/endpoints';
import { ORDER_SERVICE_ENDPOINTS, SITE_FLOW_ENDPOINTS } from '../nodes/PrintOs/SiteFlow/endpoints';
import type { Endpoint } from '../nodes/PrintOs/transport/endpoint';
import { boxHandlers } from './box/handlers';
import type { Handler } from './context';
import { orderServiceHandlers, siteFlowHandlers } from './siteflow';
import type { Family, Scheme } from './types';

export interface FamilyDefinition {
	family: Family;
	scheme: Scheme;
	/** Requests under this prefix belong to the family (and are authenticated by its scheme). */
	prefix: string;
	/** Which port serves it: the main one, or the order service's own (its paths are those of orders.oneflow.io). */
	server: SandboxServer;
	/** What the table's paths are relative to. */
	mount: string;
	table: Record<string, Endpoint>;
	handlers: Record<string, Handler>;
}

export type SandboxServer = 'main' | 'orderService';

export const FAMILIES: FamilyDefinition[] = [
	{ family: 'box', scheme: 'A', server: 'main', prefix: '/box', mount: '/box', table: BOX_ENDPOINTS, handlers: boxHandlers },
	{ family: 'gatewaySiteFlow', scheme: 'A', server: 'main', prefix: '/siteflow', mount: '/siteflow/api', table: SITE_FLOW_ENDPOINTS, handlers: siteFlowHandlers },
	{ family: 'siteFlow', scheme: 'B', server: 'main', prefix: '/api', mount: '/api', table: SITE_FLOW_ENDPOINTS, handlers: siteFlowHandlers },
	// orders.oneflow.io signs and serves `/api/order` (docs/printos-api.md#signing-site-flow), so it gets a port of its own
	{ family: 'orderService', scheme: 'B', server: 'orderService', prefix: '/api', mount: '/api', table: ORDER_SERVICE_ENDPOINTS, handlers: orderServiceHandlers },
];

interface Route {
	name: string;
	method: string;
	segments: Array<{ literal: string } | { param: string }>;
	literalCount: number;
	handler: Handler;
}

export interface RouteMatch {
	name: string;
	handler: Handler;
	params: Record<string, string>;
}

function compile(name: string, endpoint: Endpoint, mount: string, handler: Handler): Route {
	const segments = `${mount}${endpoint.path}`
		.split('/')
		.filter(Boolean)
		.map((segment) => {
			const param = /^\{(\w+)\}$/.exec(segment);
			return param ? { param: param[1] } : { literal: segment };
		});
	return { name, method: endpoint.method, segments, literalCount: segments.filter((segment) => 'literal' in segment).length, handler };
}

function decode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

export class Router {
	private routes = new Map<Family, Route[]>();

	constructor(families: FamilyDefinition[] = FAMILIES) {
		for (const definition of families) {
			const routes = Object.entries(definition.table).map(([name, endpoint]) => {
				const handler = definition.handlers[name];
				if (!handler) throw new Error(`No sandbox handler for ${definition.family} endpoint ${name}`);
				return compile(name, endpoint, definition.mount, handler);
			});
			// A literal segment beats a parameter: /file/getpreupload before /file/{fileId}
			routes.sort((a, b) => b.literalCount - a.literalCount);
			this.routes.set(definition.family, routes);
		}
	}

	familyOf(pathname: string, server: SandboxServer = 'main'): FamilyDefinition | undefined {
		return FAMILIES.find(
			(definition) => definition.server === server && (pathname === definition.prefix || pathname.startsWith(`${definition.prefix}/`)),
		);
	}

	/** `undefined` when nothing matches; `methodNotAllowed` when the path exists for other methods. */
	match(family: Family, method: string, pathname: string): RouteMatch | { methodNotAllowed: string[] } | undefined {
		const parts = pathname.split('/').filter(Boolean);
		const allowed: string[] = [];
		for (const route of this.routes.get(family) ?? []) {
			if (route.segments.length !== parts.length) continue;
			const params: Record<string, string> = {};
			const fits = route.segments.every((segment, index) => {
				if ('literal' in segment) return segment.literal === parts[index];
				params[segment.param] = decode(parts[index]);
				return params[segment.param] !== '';
			});
			if (!fits) continue;
			if (route.method === method) return { name: route.name, handler: route.handler, params };
			allowed.push(route.method);
		}
		return allowed.length ? { methodNotAllowed: allowed } : undefined;
	}
}
