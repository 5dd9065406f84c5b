/**
 * The credentials `npm start` and the e2e suite import, with fixed ids: the example workflows in
 * examples/ reference these ids, so they work as soon as they are imported. Against real
 * PrintOS a user only edits these credentials (or creates their own and picks them in the nodes).
 */
import type { CredentialImport } from './n8nCli';
import { sandboxCredentialData } from './sandbox';

export const CREDENTIAL_REFS = {
	gateway: { id: 'printosSandboxGw', name: 'PrintOS Sandbox (gateway)', type: 'printOsApi' },
	siteFlow: { id: 'siteFlowSandbox1', name: 'Site Flow Sandbox', type: 'siteFlowApi' },
	postback: { id: 'sfPostbackAuth01', name: 'Site Flow Postback Auth (sandbox)', type: 'siteFlowPostbackAuthApi' },
	smtp: { id: 'localMailSink001', name: 'Local mail sink (SMTP)', type: 'smtp' },
} as const;

/** The header and token the sandbox's postback trigger sends, and the trigger workflow checks. */
export const POSTBACK_HEADER = 'X-SiteFlow-Token';

export interface CredentialSettings {
	sandboxUrl: string;
	/** The sandbox's order service, on its own port. */
	orderServiceUrl: string;
	postbackToken: string;
	smtpPort: number;
}

export function sandboxCredentials(settings: CredentialSettings): CredentialImport[] {
	const data = sandboxCredentialData(settings.sandboxUrl, settings.orderServiceUrl);
	return [
		{ ...CREDENTIAL_REFS.gateway, data: data.printOsApi },
		{ ...CREDENTIAL_REFS.siteFlow, data: data.siteFlowApi },
		{ ...CREDENTIAL_REFS.postback, data: { headerName: POSTBACK_HEADER, token: settings.postbackToken, user: '', password: '' } },
		{
			...CREDENTIAL_REFS.smtp,
			// n8n's own SMTP credential (Send Email node), pointed at the local mail sink.
			data: { user: '', password: '', host: '127.0.0.1', port: settings.smtpPort, secure: false, disableStartTls: true },
		},
	];
}

/** A workflow node's `credentials` entry for one of the refs. */
export function credentialRef(ref: { id: string; name: string; type: string }) {
	return { [ref.type]: { id: ref.id, name: ref.name } };
}
