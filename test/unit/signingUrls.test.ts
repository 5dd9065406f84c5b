/**
 * Where a request really goes and which path is signed: the URL rules of `credentials/common/signing.ts`
 * one by one (docs/printos-api.md#signing-urls). The signatures themselves are pinned by signing.test.ts.
 */
import { createHmac } from 'crypto';

import {
	gatewayServicePath,
	joinUrl,
	resolveRequestUrl,
	serializeQuery,
	signGateway,
	toHmacAlgorithm,
	wirePathname,
} from '../../credentials/common/signing';

describe('serializeQuery', () => {
	it('leaves out undefined and null values, also inside lists', () => {
		expect(serializeQuery({ a: undefined, b: null, c: 1 })).toBe('c=1');
		expect(serializeQuery({ id: ['x', null, undefined, 'y'] })).toBe('id=x&id=y');
	});

	it('writes objects as JSON', () => {
		expect(serializeQuery({ filter: { status: 'live' } })).toBe(`filter=${encodeURIComponent('{"status":"live"}')}`);
	});

	it('is empty without a query', () => {
		expect(serializeQuery(undefined)).toBe('');
		expect(serializeQuery({})).toBe('');
	});
});

describe('joinUrl', () => {
	it('appends a path to the base, keeping the base path, with exactly one slash between', () => {
		expect(joinUrl('https://h/api', '/order')).toBe('https://h/api/order');
		expect(joinUrl('https://h/api/', '/order')).toBe('https://h/api/order');
		expect(joinUrl('https://h/api', 'order')).toBe('https://h/api/order');
		expect(joinUrl('https://h/api/', 'order')).toBe('https://h/api/order');
	});

	it('returns the base for an empty path, and an absolute http(s) path as it is', () => {
		expect(joinUrl('https://h/api', '')).toBe('https://h/api');
		expect(joinUrl('https://h/api', 'http://other/x')).toBe('http://other/x');
		expect(joinUrl('https://h/api', 'HTTPS://other/x')).toBe('HTTPS://other/x');
	});

	it('treats a path that merely contains a URL as relative', () => {
		expect(joinUrl('https://h/api', '/redirect?to=http://other/x')).toBe('https://h/api/redirect?to=http://other/x');
	});
});

describe('resolveRequestUrl', () => {
	it('takes an absolute legacy uri first, then an absolute url, then base + path', () => {
		expect(resolveRequestUrl({ uri: 'https://a/x', url: 'https://b/y' }, 'https://fallback')).toBe('https://a/x');
		expect(resolveRequestUrl({ url: 'https://b/y', baseURL: 'https://c' }, 'https://fallback')).toBe('https://b/y');
		expect(resolveRequestUrl({ uri: '/account' }, 'https://fallback/api')).toBe('https://fallback/api/account');
		expect(resolveRequestUrl({}, 'https://fallback/api')).toBe('https://fallback/api');
		expect(resolveRequestUrl({ url: '/account', baseURL: 'https://base/api' }, 'https://fallback')).toBe('https://base/api/account');
	});

	it("writes lists in the HTTP Request node's array format, repeated keys otherwise", () => {
		const qs = { id: ['a', 'b'] };
		expect(resolveRequestUrl({ url: 'https://h/x', qs, qsStringifyOptions: { arrayFormat: 'brackets' } }, '')).toBe('https://h/x?id%5B%5D=a&id%5B%5D=b');
		expect(resolveRequestUrl({ url: 'https://h/x', qs, qsStringifyOptions: { arrayFormat: 'indices' } }, '')).toBe('https://h/x?id%5B0%5D=a&id%5B1%5D=b');
		expect(resolveRequestUrl({ url: 'https://h/x', qs, qsStringifyOptions: { arrayFormat: 'comma' } }, '')).toBe('https://h/x?id=a&id=b');
	});

	it('puts the query before a fragment, which is not sent', () => {
		expect(resolveRequestUrl({ url: 'https://h/x#part', qs: { a: 1 } }, '')).toBe('https://h/x?a=1');
		expect(resolveRequestUrl({ url: 'https://h/x?b=2#part', qs: { a: 1 } }, '')).toBe('https://h/x?b=2&a=1');
		expect(resolveRequestUrl({ url: 'https://h/x#part' }, '')).toBe('https://h/x#part');
	});
});

describe('wirePathname', () => {
	it('is "/" for a URL without a path', () => {
		expect(wirePathname('https://h')).toBe('/');
		expect(wirePathname('https://h?x=1')).toBe('/');
	});

	it('ends at a fragment as at a query', () => {
		expect(wirePathname('https://h/a/b#frag')).toBe('/a/b');
		expect(wirePathname('https://h/a/b#frag?x=1')).toBe('/a/b');
		expect(wirePathname('https://h:8080/a')).toBe('/a');
	});
});

describe('gatewayServicePath', () => {
	it('removes the root path (trailing slashes ignored) and the service segment', () => {
		expect(gatewayServicePath('/printos/box/api/partner/folder', '/printos/')).toBe('/api/partner/folder');
		expect(gatewayServicePath('/printos/box/api/partner/folder', '/printos//')).toBe('/api/partner/folder');
		expect(gatewayServicePath('/box/api/partner/folder')).toBe('/api/partner/folder');
	});

	it('is "/" for the root or a service without a path', () => {
		expect(gatewayServicePath('/printos', '/printos')).toBe('/');
		expect(gatewayServicePath('/hp/printos', '/hp/printos')).toBe('/');
		expect(gatewayServicePath('/box')).toBe('/');
	});

	it('leaves a path outside the root whole, but for its first segment', () => {
		expect(gatewayServicePath('/other/box/api/x', '/printos')).toBe('/box/api/x');
	});
});

describe('algorithm', () => {
	it('signs SHA1 only when the credential says exactly SHA1, SHA256 otherwise', () => {
		expect(toHmacAlgorithm('SHA1')).toBe('SHA1');
		for (const value of ['SHA256', 'sha1', '', undefined, null, 1]) expect(toHmacAlgorithm(value)).toBe('SHA256');
	});

	it('signs a gateway request without a method as GET', () => {
		const date = '2024-01-15T10:30:00.000Z';
		const expected = createHmac('sha256', 's').update(`GET /api/partner/flow${date}`).digest('hex');
		expect(signGateway({ key: 'k', secret: 's', servicePath: '/api/partner/flow', date })['x-hp-hmac-authentication']).toBe(`k:${expected}`);
	});
});
