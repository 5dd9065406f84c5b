import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { PrintOsClient } from '../../transport/client';
import type { PrintOsCredentialType } from '../../transport/connection';

/** A client for the credential the node's Authentication parameter selects. */
export async function clientForLoadOptions(context: ILoadOptionsFunctions): Promise<PrintOsClient> {
	const credentialType = context.getNodeParameter('authentication', 'siteFlowApi') as PrintOsCredentialType;
	return await PrintOsClient.create(context, credentialType);
}
