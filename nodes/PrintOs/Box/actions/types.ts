import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { PrintOsClient } from '../../transport/client';

export type BoxResult = IDataObject | IDataObject[] | INodeExecutionData[];

/** One operation module: its parameters and how it runs one item. */
export interface BoxOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, client: PrintOsClient, itemIndex: number): Promise<BoxResult>;
}
