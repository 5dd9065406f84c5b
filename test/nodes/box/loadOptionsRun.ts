/**
 * Calls the Box node's loadOptions / listSearch methods inside n8n-core's real LoadOptionsContext,
 * with the request going through n8n's `httpRequestWithAuthentication` and the credential's real
 * `authenticate`, as the editor does when a picker opens. (The shared harness runs executions only.)
 */
import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';
import { LoadOptionsContext } from 'n8n-core';

import { CREDENTIAL_TYPES } from '../../harness/n8nRun';
import { boxNode } from './boxKit';

class StoreCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly credentials: ICredentialDataDecryptedObject) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, requestOptions: IHttpRequestOptions) {
		const authenticate = CREDENTIAL_TYPES[typeName].authenticate as (
			credentials: ICredentialDataDecryptedObject,
			requestOptions: IHttpRequestOptions,
		) => Promise<IHttpRequestOptions>;
		return await authenticate(credentials, requestOptions);
	}

	async preAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used');
	}

	async getDecrypted() {
		return { ...this.credentials };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties() {
		return CREDENTIAL_TYPES.printOsApi.properties;
	}
}

export function loadOptionsContext(printOsApi: ICredentialDataDecryptedObject): ILoadOptionsFunctions {
	const node: INode = {
		id: 'box',
		name: 'HP PrintOS Box',
		type: 'printOsBox',
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'file', operation: 'uploadFromUrl' },
		credentials: { printOsApi: { id: 'printOsApi-id', name: 'PrintOS test' } },
	};
	const workflow = new Workflow({
		id: 'load-options',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => boxNode,
			getByNameAndVersion: (_type: string, version?: number) => NodeHelpers.getVersionedNodeType(boxNode, version),
			getKnownTypes: () => ({}),
		},
	});
	const additionalData = {
		credentialsHelper: new StoreCredentialsHelper(printOsApi),
		currentNodeParameters: node.parameters,
	} as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, node, additionalData, 'parameters.additionalFields');
}
