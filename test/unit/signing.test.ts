import { createHmac } from 'crypto';

import {
	gatewayServicePath,
	resolveRequestUrl,
	serializeQuery,
	signGateway,
	signSiteFlow,
	wirePathname,
} from '../../credentials/common/signing';

/** Spec §1.4 worked vectors, byte for byte. */
const DATE_MS = '2024-01-15T10:30:00.000Z';

describe('scheme A vectors (spec §1.4)', () => {
	const key = 'demoKey123';
	const secret = 'demoSecret456';
	it.each([
		['A1', 'GET', '/api/partner/folder/58f63d6b72e1311000f612b5', DATE_MS, 'SHA256', '01640a350485812537b1061efb11ad2587689aac4a8c703c8c286778b6ac310b'],
		['A2', 'POST', '/api/order/validate', '2024-01-15T10:30:00Z', 'SHA256', 'a25120310aed6c4f9ba83556c82fd3de6536c025a2947822c02ba2e71ac0e48f'],
		['A3', 'GET', '/api/partner/file/uploadurls', DATE_MS, 'SHA256', '863c39a9866383af206d088046bacd52d1a1fa2c449aea62c9ca891bf3f91b0c'],
		['A4', 'PUT', '/api/order/hp.acme/ORD-1001/cancel', DATE_MS, 'SHA256', 'a80875d6ecd997f488cd774830d4558076e18749fdd94e6af67205de400c7470'],
		['A5', 'GET', '/api/partner/substrate', '2017-06-06T21:44:25.647Z', 'SHA1', '735a8498056b6a9d3ea1ab3545a0255402cdd4ae'],
	] as const)('%s', (_name, method, servicePath, date, algorithm, signature) => {
		const headers = signGateway({ key, secret, method, servicePath, date, algorithm });
		expect(headers).toEqual({
			'x-hp-hmac-authentication': `${key}:${signature}`,
			'x-hp-hmac-date': date,
			'x-hp-hmac-algorithm': algorithm,
		});
	});
});

describe('scheme B vectors (spec §1.4)', () => {
	it('B1 (third-party doctest, SHA1, query ignored)', () => {
		const pathname = wirePathname(resolveRequestUrl({ url: '/url', qs: { foo: 'bar' } }, 'https://endpoint/api'));
		const headers = signSiteFlow({
			token: 'token',
			secret: 'secret',
			method: 'GET',
			pathname,
			date: '498601557',
			algorithm: 'SHA1',
		});
		expect(headers['x-oneflow-authorization']).toBe('token:6f88d384bd48daed9bf03efad5d5b5bdf89f3063');
		expect(headers['x-oneflow-algorithm']).toBe('SHA1');
	});

	it.each([
		['B2', 'POST', 'https://pro-api.oneflowcloud.com/api/order/validate', DATE_MS, '995aeee1ccc3d782f28f174ff177271ddfa48ae8b1f4014e3d9bf5d9660812f1'],
		['B3', 'GET', 'https://pro-api.oneflowcloud.com/api/order/bysourceid/ORDER%2001?foo=1', DATE_MS, '0ea38be9afff7bccaf8ad7b11cd6aa6a0390f2d1d096f58b36273868881c6279'],
		['B4', 'GET', 'https://pro-api.oneflowcloud.com/api/order?page=2&pagesize=50', DATE_MS, '5b23ff220569904747a72c4c266377a5762d7b354f3175e68888c8dd6450edce'],
		['B5', 'POST', 'https://orders.oneflow.io/api/order', DATE_MS, 'd0bea93221c4763635494fc18c3177eb10f4699bb8653b50c4f53df060245ff8'],
		['B6', 'PUT', 'https://pro-api.oneflowcloud.com/api/order/hp.acme/ORD-1001/cancel', '1705314600', '4827329363bc85cda359642de578769120b4ff0329305c59975e740a5f2f1651'],
	] as const)('%s', (_name, method, url, date, signature) => {
		const headers = signSiteFlow({
			token: 'demoToken',
			secret: 'demoSecret',
			method,
			pathname: wirePathname(url),
			date,
		});
		expect(headers).toEqual({
			'x-oneflow-authorization': `demoToken:${signature}`,
			'x-oneflow-date': date,
			'x-oneflow-algorithm': 'SHA256',
		});
	});

	it('adds x-oneflow-account only for a service user', () => {
		const base = { token: 't', secret: 's', method: 'GET', pathname: '/api/account', date: DATE_MS };
		expect(signSiteFlow(base)).not.toHaveProperty('x-oneflow-account');
		expect(signSiteFlow({ ...base, accountId: 'acc-42' })['x-oneflow-account']).toBe('acc-42');
	});

	it('signs an undefined method as GET', () => {
		const base = { token: 't', secret: 's', pathname: '/api/account', date: DATE_MS };
		expect(signSiteFlow(base)).toEqual(signSiteFlow({ ...base, method: 'get' }));
	});
});

describe('URL resolution', () => {
	it('joins base and path by concatenation, keeping the base path', () => {
		expect(resolveRequestUrl({ baseURL: 'https://printos.api.hp.com/siteflow', url: '/api/order' }, 'x')).toBe(
			'https://printos.api.hp.com/siteflow/api/order',
		);
	});

	it('uses the legacy uri shape and the fallback base for relative requests', () => {
		expect(resolveRequestUrl({ uri: 'https://h/box/api/partner/flow' }, 'https://ignored')).toBe(
			'https://h/box/api/partner/flow',
		);
		expect(resolveRequestUrl({ url: '/account', baseURL: '={{$credentials.baseUrl}}' }, 'https://pro/api')).toBe(
			'https://pro/api/account',
		);
	});

	it('folds qs into the URL with repeated keys and encoded characters', () => {
		const url = resolveRequestUrl(
			{ url: 'https://h/api/order/details/1?x=1', qs: { 'includes[]': ['shipments', 'items'], q: 'a b+c&d' } },
			'',
		);
		expect(url).toBe('https://h/api/order/details/1?x=1&includes%5B%5D=shipments&includes%5B%5D=items&q=a%20b%2Bc%26d');
	});

	it('honours the HTTP Request node array formats', () => {
		expect(serializeQuery({ id: ['a', 'b'] }, 'brackets')).toBe('id%5B%5D=a&id%5B%5D=b');
		expect(serializeQuery({ id: ['a', 'b'] }, 'indices')).toBe('id%5B0%5D=a&id%5B1%5D=b');
		expect(serializeQuery({ skip: undefined, n: 0, t: true })).toBe('n=0&t=true');
	});

	it('finds the gateway service path under a root with a path prefix', () => {
		expect(gatewayServicePath('/printos/box/api/partner/folder', '/printos')).toBe('/api/partner/folder');
		expect(gatewayServicePath('/siteflow/api/order', '')).toBe('/api/order');
		expect(gatewayServicePath('/printbeat/externalApi/jobs')).toBe('/externalApi/jobs');
	});

	it('keeps percent-encoding on the wire for both schemes; only scheme B decodes before signing', () => {
		const pathname = wirePathname('https://h/api/order/bysourceid/A%2FB%20C?x=1#frag');
		expect(pathname).toBe('/api/order/bysourceid/A%2FB%20C');
		const expected = createHmac('sha256', 's').update(`GET /api/order/bysourceid/A/B C ${DATE_MS}`).digest('hex');
		expect(signSiteFlow({ token: 't', secret: 's', method: 'GET', pathname, date: DATE_MS })['x-oneflow-authorization']).toBe(
			`t:${expected}`,
		);
		const gatewayExpected = createHmac('sha256', 's')
			.update(`GET /api/partner/folder/A%2FB${DATE_MS}`)
			.digest('hex');
		expect(
			signGateway({ key: 'k', secret: 's', method: 'GET', servicePath: '/api/partner/folder/A%2FB', date: DATE_MS })[
				'x-hp-hmac-authentication'
			],
		).toBe(`k:${gatewayExpected}`);
	});
});
