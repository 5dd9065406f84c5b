/**
 * The Test button of the postback credential: nothing to call (Site Flow sends postbacks, it is not
 * asked), so it checks that the credential is complete and says when its secret is short.
 */
import type { ICredentialsDecrypted, INodeCredentialTestResult } from 'n8n-workflow';

import { credentialProblem, type PostbackAuthCredential } from './verify';

export function checkPostbackCredential(credential: ICredentialsDecrypted): INodeCredentialTestResult {
	const data = (credential.data ?? {}) as PostbackAuthCredential;
	const hasToken = Boolean(data.headerName || data.token);
	const hasBasic = Boolean(data.user || data.password);
	if (!hasToken && !hasBasic) {
		return {
			status: 'Error',
			message: 'Fill in a header name and token, or a user and password',
		};
	}
	const problem =
		(hasToken ? credentialProblem('headerToken', data) : undefined) ??
		(hasBasic ? credentialProblem('basicAuth', data) : undefined);
	if (problem) return { status: 'Error', message: problem };
	const short =
		(hasToken && (data.token ?? '').length < 16) || (hasBasic && (data.password ?? '').length < 12);
	return {
		status: 'OK',
		message: short
			? 'Usable, but short: a random secret of 32 characters or more is recommended'
			: 'The credential is complete; Site Flow must send the same values',
	};
}
