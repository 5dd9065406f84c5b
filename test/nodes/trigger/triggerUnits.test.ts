/**
 * The trigger's pure pieces: secret comparison, basic-auth decoding, event filter, payload paths.
 */
import { eventFilterFor, findEventByName, isEventWanted } from '../../../nodes/PrintOs/SiteFlowTrigger/events';
import { valueAtPath, xmlElementText } from '../../../nodes/PrintOs/SiteFlowTrigger/payload';
import {
	credentialProblem,
	decodeBasicAuth,
	secretMatches,
	verifyPostback,
} from '../../../nodes/PrintOs/SiteFlowTrigger/verify';

describe('secretMatches', () => {
	it('is true only for the identical, non-empty secret', () => {
		expect(secretMatches('abc123', 'abc123')).toBe(true);
		expect(secretMatches('abc124', 'abc123')).toBe(false);
		expect(secretMatches('abc1234', 'abc123')).toBe(false);
		expect(secretMatches('ABC123', 'abc123')).toBe(false);
	});

	it('never matches an absent value or an empty expected secret', () => {
		expect(secretMatches(undefined, 'abc')).toBe(false);
		expect(secretMatches(undefined, '')).toBe(false);
		expect(secretMatches('', '')).toBe(false);
	});
});

describe('decodeBasicAuth', () => {
	it('decodes any case of the scheme and refuses other schemes', () => {
		const encoded = Buffer.from('user:pa:ss').toString('base64');
		expect(decodeBasicAuth(`Basic ${encoded}`)).toBe('user:pa:ss');
		expect(decodeBasicAuth(`BASIC ${encoded}`)).toBe('user:pa:ss');
		expect(decodeBasicAuth(`Bearer ${encoded}`)).toBeUndefined();
		expect(decodeBasicAuth('Basic')).toBeUndefined();
		expect(decodeBasicAuth(undefined)).toBeUndefined();
	});
});

describe('verifyPostback', () => {
	it('looks the token header up case-insensitively (Node lower-cases request headers)', () => {
		const credential = { headerName: 'X-Token', token: 'secret-value' };
		expect(verifyPostback('headerToken', credential, { 'x-token': 'secret-value' })).toBe('ok');
		expect(verifyPostback('headerToken', credential, { 'x-token': ['secret-value', 'other'] })).toBe('ok');
		expect(verifyPostback('headerToken', credential, { 'x-other': 'secret-value' })).toBe('unauthorized');
	});

	it('reports an incomplete credential instead of comparing against nothing', () => {
		expect(verifyPostback('headerToken', { headerName: 'X-Token', token: '' }, { 'x-token': '' })).toBe('misconfigured');
		expect(verifyPostback('basicAuth', { user: 'u', password: '' }, {})).toBe('misconfigured');
		expect(verifyPostback('basicAuth', undefined, {})).toBe('misconfigured');
		expect(credentialProblem('headerToken', { headerName: 'X Token', token: 't' })).toMatch(/not a valid HTTP header name/);
	});
});

describe('event filter', () => {
	it('is computed once per selection and lets only the selected events through', () => {
		const filter = eventFilterFor(['orderReceived', 'shipmentShipped']);
		expect(eventFilterFor(['orderReceived', 'shipmentShipped'])).toBe(filter);
		expect(isEventWanted(filter, findEventByName('Order Received'))).toBe(true);
		expect(isEventWanted(filter, findEventByName('Shipment Dispatched'))).toBe(true);
		expect(isEventWanted(filter, findEventByName('Order Cancelled'))).toBe(false);
		expect(isEventWanted(filter, undefined)).toBe(false);
	});

	it('lets everything through, unknown names included, with All Events or nothing selected', () => {
		expect(isEventWanted(eventFilterFor(['*']), undefined)).toBe(true);
		expect(isEventWanted(eventFilterFor(['*', 'orderReceived']), findEventByName('Stock Alert'))).toBe(true);
		expect(isEventWanted(eventFilterFor([]), undefined)).toBe(true);
	});
});

describe('payload paths', () => {
	it('reads dot paths, array indexes included', () => {
		const fields = { data: { items: [{ status: 'printed' }] }, event: 'x' };
		expect(valueAtPath(fields, 'event')).toBe('x');
		expect(valueAtPath(fields, 'data.items.0.status')).toBe('printed');
		expect(valueAtPath(fields, 'data.missing.status')).toBeUndefined();
	});

	it('reads XML element text, entities and CDATA decoded, attributes allowed', () => {
		const xml = '<a><event type="x">Order &amp; Co &#38; &lt;1&gt;</event><id><![CDATA[<b>]]></id><empty></empty></a>';
		expect(xmlElementText(xml, 'event')).toBe('Order & Co & <1>');
		expect(xmlElementText(xml, 'data.id')).toBe('<b>');
		expect(xmlElementText(xml, 'empty')).toBeUndefined();
		expect(xmlElementText(xml, 'missing')).toBeUndefined();
		expect(xmlElementText('no markup', 'event')).toBeUndefined();
	});
});
