import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationTable } from '../../shared/node/operation';
import { routeOperation } from '../../shared/node/router';
import * as contact from './contact';
import * as dashboard from './dashboard';
import * as file from './file';
import * as flow from './flow';
import * as folder from './folder';
import * as substrate from './substrate';
import * as uploadUrl from './uploadUrl';

export const BOX_OPERATIONS: OperationTable = {
	contact: contact.operations,
	dashboard: dashboard.operations,
	file: file.operations,
	flow: flow.operations,
	folder: folder.operations,
	substrate: substrate.operations,
	uploadUrl: uploadUrl.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation(this, BOX_OPERATIONS, 'printOsApi');
}
