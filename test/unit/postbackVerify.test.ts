/**
 * The Site Flow Trigger's postback check, its rules one by one (docs/printos-api.md#postback-auth):
 * which header carries the secret, how Basic Auth is read, when a credential cannot check anything,
 * and what activation says about it. The first checks of each are in
 * test/nodes/trigger/triggerUnits.test.ts; the trigger itself is tested through n8n in
 * test/nodes/trigger/.
 */
import {
	activationProblem,
	credentialProblem,
	decodeBasicAuth,
	isValidHeaderName,
	requestHeader,
	secretHeaderName,
	verifyPostback,
} from '../../nodes/PrintOs/SiteFlowTrigger/verify';

const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

describe('secretHeaderName', () => {
	it('is the lower-cased, trimmed header name for Header Token', () => {
		expect(secretHeaderName('headerToken', { headerName: '  X-Printos-Token ' })).toBe('x-printos-token');
	});

	it('is Authorization for Basic Auth and nothing for None', () => {
		expect(secretHeaderName('basicAuth', { headerName: 'X-Token' })).toBe('authorization');
		expect(secretHeaderName('none', { headerName: 'X-Token' })).toBeUndefined();
	});

	it('is nothing when the credential names no header', () => {
		expect(secretHeaderName('headerToken', { headerName: '   ' })).toBeUndefined();
		expect(secretHeaderName('headerToken', undefined)).toBeUndefined();
	});
});

describe('isValidHeaderName', () => {
	it.each(['X-Token', 'x_token', "a!#$%&'*+-.^_`|~9"])('accepts the token %s', (name) => {
		expect(isValidHeaderName(name)).toBe(true);
	});

	it.each(['X Token', 'X-Token:', 'X-Töken', '', 'X-Token\n'])('refuses %j', (name) => {
		expect(isValidHeaderName(name)).toBe(false);
	});
});

describe('requestHeader', () => {
	it('reads a header, the first of repeated ones', () => {
		expect(requestHeader({ 'x-token': 'one' }, 'x-token')).toBe('one');
		expect(requestHeader({ 'x-token': ['first', 'second'] }, 'x-token')).toBe('first');
	});

	it('never takes an inherited property for a header', () => {
		expect(requestHeader({}, 'constructor')).toBeUndefined();
		expect(requestHeader({}, 'tostring')).toBeUndefined();
	});
});

describe('decodeBasicAuth', () => {
	it('needs the scheme, one space and something after it', () => {
		expect(decodeBasicAuth('Basic ')).toBeUndefined();
		expect(decodeBasicAuth(`Basic:${Buffer.from('u:p').toString('base64')}`)).toBeUndefined();
		expect(decodeBasicAuth(`Basically ${Buffer.from('u:p').toString('base64')}`)).toBeUndefined();
		expect(decodeBasicAuth('Basic dTpw')).toBe('u:p');
		// another five-letter scheme is not Basic
		expect(decodeBasicAuth('Token dTpw')).toBeUndefined();
	});

	it('ignores white space around the encoded part', () => {
		expect(decodeBasicAuth(`Basic   ${Buffer.from('user:pw').toString('base64')}  `)).toBe('user:pw');
	});
});

describe('credentialProblem', () => {
	it.each([
		['headerToken', { token: 't' }, 'Header Token authentication needs a header name in the credential'],
		['headerToken', { headerName: '  ', token: 't' }, 'Header Token authentication needs a header name in the credential'],
		['headerToken', { headerName: 'X:Token', token: 't' }, '"X:Token" is not a valid HTTP header name'],
		['headerToken', { headerName: 'X-Token' }, 'Header Token authentication needs a token in the credential'],
		['headerToken', undefined, 'Header Token authentication needs a header name in the credential'],
		['basicAuth', { password: 'p' }, 'Basic Auth needs a user in the credential'],
		['basicAuth', { user: 'a:b', password: 'p' }, 'A Basic Auth user cannot contain ":"'],
		['basicAuth', { user: 'u' }, 'Basic Auth needs a password in the credential'],
	] as const)('%s with %j: %s', (authentication, credential, problem) => {
		expect(credentialProblem(authentication, credential)).toBe(problem);
	});

	it('finds nothing wrong with a complete credential, or with None', () => {
		expect(credentialProblem('headerToken', { headerName: ' X-Token ', token: 't' })).toBeUndefined();
		expect(credentialProblem('basicAuth', { user: 'u', password: 'p' })).toBeUndefined();
		expect(credentialProblem('none', undefined)).toBeUndefined();
	});
});

describe('verifyPostback', () => {
	const user = { user: 'printos', password: 's3cret:pw' };

	it('lets a Basic Auth postback through only with the exact user and password', () => {
		expect(verifyPostback('basicAuth', user, { authorization: basic('printos:s3cret:pw') })).toBe('ok');
		expect(verifyPostback('basicAuth', user, { authorization: basic('printos:s3cret') })).toBe('unauthorized');
		expect(verifyPostback('basicAuth', user, { authorization: basic('other:s3cret:pw') })).toBe('unauthorized');
		expect(verifyPostback('basicAuth', user, {})).toBe('unauthorized');
	});

	it('does not accept the Basic Auth password as a header token, nor the token as Basic Auth', () => {
		const credential = { headerName: 'X-Token', token: 'tok', ...user };
		expect(verifyPostback('headerToken', credential, { authorization: basic('printos:s3cret:pw') })).toBe('unauthorized');
		expect(verifyPostback('basicAuth', credential, { 'x-token': 'tok' })).toBe('unauthorized');
	});

	it('checks nothing with None', () => {
		expect(verifyPostback('none', undefined, {})).toBe('ok');
	});

	it('refuses a wrong header token', () => {
		expect(verifyPostback('headerToken', { headerName: 'X-Token', token: 'tok' }, { 'x-token': 'tok2' })).toBe('unauthorized');
	});
});

describe('activationProblem', () => {
	it('has nothing to say for None or a complete credential', () => {
		expect(activationProblem('none', undefined)).toBeUndefined();
		expect(activationProblem('headerToken', { headerName: 'X-Token', token: 't' })).toBeUndefined();
		expect(activationProblem('basicAuth', { user: 'u', password: 'p' })).toBeUndefined();
	});

	it('asks for a credential when none is selected', () => {
		expect(activationProblem('basicAuth', undefined)).toBe(
			'Authentication is Basic Auth, but no Site Flow postback credential is selected: select one in the trigger, or change Authentication',
		);
	});

	it('points at the other authentication when the credential is complete for it instead', () => {
		expect(activationProblem('headerToken', { user: 'u', password: 'p' })).toBe(
			'Authentication is Header Token, but the postback credential holds a user and password instead: set Authentication to Basic Auth, or fill in Header Name and Token in the credential',
		);
		expect(activationProblem('basicAuth', { headerName: 'X-Token', token: 't' })).toBe(
			'Authentication is Basic Auth, but the postback credential holds a header name and token instead: set Authentication to Header Token, or fill in User and Password in the credential',
		);
	});

	it('names what is missing when the credential has fields of the chosen kind', () => {
		expect(activationProblem('basicAuth', { user: 'u', headerName: 'X-Token', token: 't' })).toBe(
			'Authentication is Basic Auth, but the postback credential is not usable for it: Basic Auth needs a password in the credential. Complete the credential, or change Authentication',
		);
		expect(activationProblem('basicAuth', { password: 'p', headerName: 'X-Token', token: 't' })).toBe(
			'Authentication is Basic Auth, but the postback credential is not usable for it: Basic Auth needs a user in the credential. Complete the credential, or change Authentication',
		);
		expect(activationProblem('headerToken', { token: 't', user: 'u', password: 'p' })).toBe(
			'Authentication is Header Token, but the postback credential is not usable for it: Header Token authentication needs a header name in the credential. Complete the credential, or change Authentication',
		);
	});

	it('names what is missing when the credential is complete for neither', () => {
		expect(activationProblem('headerToken', { headerName: 'X-Token' })).toBe(
			'Authentication is Header Token, but the postback credential is not usable for it: Header Token authentication needs a token in the credential. Complete the credential, or change Authentication',
		);
	});
});
