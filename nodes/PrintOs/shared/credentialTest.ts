/**
 * The credentials' Test button. A declarative `test` request on the credential class only lets n8n
 * say "Unauthorized" or an error code, after n8n's own long default wait; so the nodes carry this
 * test instead (`testedBy`, which n8n runs when the credential class has no `test`). It signs one
 * read with the credential's own signing code, gives it a short timeout, and turns what happened
 * into what to change: the secret, the key or token, the environment or Base URL, or nothing (the
 * host is down). It names the host, never a secret.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IHttpRequestOptions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { signGatewayRequest, signSiteFlowRequest } from '../../../credentials/common/authenticate';
import { describeEnvironment, gatewayServiceBase, siteFlowApiBase } from '../../../credentials/common/environments';
import { parsePrintOsError } from '../transport/apiError';

/** One attempt, short enough that the Test button always answers within 15 s. */
export const CREDENTIAL_TEST_TIMEOUT_MS = 10_000;

interface TestTarget {
	url: string;
	/** "key" or "token", as the credential's form names it. */
	keyWord: string;
	api: string;
	sign: (credentials: ICredentialDataDecryptedObject, request: IHttpRequestOptions) => IHttpRequestOptions;
}

const TARGETS: Record<'printOsApi' | 'siteFlowApi', (credentials: ICredentialDataDecryptedObject) => TestTarget> = {
	printOsApi: (credentials) => ({
		url: `${gatewayServiceBase(credentials, 'box')}/api/partner/substrate`,
		keyWord: 'key',
		api: 'PrintOS gateway',
		sign: signGatewayRequest,
	}),
	siteFlowApi: (credentials) => ({
		url: `${siteFlowApiBase(credentials)}/account`,
		keyWord: 'token',
		api: 'Site Flow API',
		sign: signSiteFlowRequest,
	}),
};

interface LegacyResponse {
	statusCode: number;
	body: unknown;
}

function failure(message: string): INodeCredentialTestResult {
	return { status: 'Error', message };
}

function quote(text: string, secret: string): string {
	const clean = secret ? text.split(secret).join('***') : text;
	return `PrintOS said: "${clean}"`;
}

/** Words of a refused date; a signature mismatch also names the date header, so "date" alone is not one. */
const CLOCK_WORDS = /\b(clock|skew|expired|too far|too old|in the future)\b/i;

function fromAnswer(response: LegacyResponse, target: TestTarget, host: string, credentials: ICredentialDataDecryptedObject): INodeCredentialTestResult {
	const status = response.statusCode;
	const environment = describeEnvironment(credentials);
	const secret = typeof credentials.secret === 'string' ? credentials.secret.trim() : '';
	const parsed = parsePrintOsError(response.body, status);
	if (status >= 200 && status < 300) {
		const looksLikeJson = response.body !== null && typeof response.body === 'object';
		if (looksLikeJson) return { status: 'OK', message: `Connection successful: ${host} accepted this ${target.keyWord}` };
		return failure(`${host} answered, but not like the ${target.api}: check the Environment and the Base URL`);
	}
	const said = quote(parsed.message, secret);
	if (status === 401 || status === 403 || /not authori[sz]ed/i.test(parsed.message)) {
		if (CLOCK_WORDS.test(parsed.message)) {
			return failure(`${host} refused the request's date: set this machine's clock right (PrintOS refuses signatures dated more than a few minutes off). ${said}`);
		}
		if (/signature/i.test(parsed.message)) {
			return failure(`${host} knows this ${target.keyWord}, but the signature does not match: the Secret is wrong, or belongs to another ${target.keyWord}. ${said}`);
		}
		if (/unknown|not found|no such|invalid (api )?(key|token)/i.test(parsed.message)) {
			return failure(`${host} (environment: ${environment}) does not know this ${target.keyWord}: check the ${target.keyWord}, and that it was issued for this environment. ${said}`);
		}
		if (status === 400) {
			return failure(`${host} refused the signature (HTTP 400): choose the SHA256 Algorithm. ${said}`);
		}
		return failure(`${host} refused this ${target.keyWord} (HTTP ${status}): check the ${target.keyWord}, the Secret and the Environment. ${said}`);
	}
	if (status === 404 || status === 405) {
		return failure(`${host} answered HTTP ${status}: it is not the ${target.api} at this address; check the Environment and the Base URL`);
	}
	if (status >= 500) {
		return failure(`${host} answered HTTP ${status}: PrintOS is not available right now; try again later. ${said}`);
	}
	return failure(`${host} answered HTTP ${status}. ${said}`);
}

function errorCode(error: unknown): { code?: string; message: string } {
	const candidates = [error, (error as { cause?: unknown })?.cause, (error as { error?: unknown })?.error];
	for (const candidate of candidates) {
		const code = (candidate as { code?: unknown })?.code;
		if (typeof code === 'string') return { code, message: String((candidate as Error).message ?? code) };
	}
	return { message: String((error as Error)?.message ?? error) };
}

function fromNetworkError(error: unknown, host: string): INodeCredentialTestResult {
	const { code, message } = errorCode(error);
	const seconds = CREDENTIAL_TEST_TIMEOUT_MS / 1000;
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /time(d)? ?out/i.test(message)) {
		return failure(`${host} did not answer within ${seconds} s: check the Base URL, and any proxy or firewall between n8n and PrintOS, or try again later`);
	}
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
		return failure(`The host ${host} was not found (DNS): check the Environment and the Base URL`);
	}
	if (code === 'ECONNREFUSED') {
		return failure(`Nothing answers at ${host} (connection refused): check the Base URL and its port`);
	}
	if (code && /CERT|SSL|TLS/i.test(code)) {
		return failure(`The TLS certificate of ${host} was not accepted (${code}): check the Base URL`);
	}
	return failure(`Could not reach ${host}${code ? ` (${code})` : ''}: ${message}`);
}

async function testConnection(
	context: ICredentialTestFunctions,
	credentialType: 'printOsApi' | 'siteFlowApi',
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const credentials = (credential.data ?? {}) as ICredentialDataDecryptedObject;
	let target: TestTarget;
	let signed: IHttpRequestOptions;
	try {
		target = TARGETS[credentialType](credentials);
		signed = target.sign(credentials, { method: 'GET', url: target.url, headers: {} });
	} catch (error) {
		return failure((error as Error).message);
	}
	const host = new URL(target.url).host;
	let response: LegacyResponse;
	try {
		response = (await context.helpers.request({
			method: 'GET',
			uri: target.url,
			headers: signed.headers,
			json: true,
			timeout: CREDENTIAL_TEST_TIMEOUT_MS,
			resolveWithFullResponse: true,
			simple: false,
			followRedirect: false,
		})) as LegacyResponse;
	} catch (error) {
		return fromNetworkError(error, host);
	}
	return fromAnswer(response, target, host, credentials);
}

/** `methods.credentialTest` of the nodes that use the PrintOS credentials. */
export const credentialTest = {
	async printOsApiConnectionTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted) {
		return await testConnection(this, 'printOsApi', credential);
	},
	async siteFlowApiConnectionTest(this: ICredentialTestFunctions, credential: ICredentialsDecrypted) {
		return await testConnection(this, 'siteFlowApi', credential);
	},
};
