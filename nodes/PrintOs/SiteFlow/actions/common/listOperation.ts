/**
 * "Get Many" over a paged Site Flow list (`page`/`pagesize`, `{data, count, page, pages}`), with
 * Return All / Limit. Product, SKU, stock and order lists share it.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import type { PrintOsClient } from '../../../transport/client';
import type { Endpoint } from '../../../transport/endpoint';
import { listItems } from '../../../transport/pagination';
import { SITE_FLOW_PAGING } from '../../endpoints';
import { returnAllLimitProperties } from '../../../shared/node/returnAllLimit';
import { unconfirmedPathNotice } from '../../../shared/node/displayOptions';
import { readLimit } from '../../../shared/numbers';
import type { NodeOperation, OperationResult } from '../../../shared/node/operation';

export function listOperation(endpoint: Endpoint, operationName: string): NodeOperation {
	return {
		description: [...unconfirmedPathNotice(endpoint), ...returnAllLimitProperties],
		async execute(this: IExecuteFunctions, client: PrintOsClient, itemIndex: number): Promise<OperationResult> {
			return await listItems(
				client,
				{ service: 'siteFlow', endpoint, itemIndex, operation: operationName },
				{ limit: readLimit(this, itemIndex), paging: SITE_FLOW_PAGING },
			);
		},
	};
}
