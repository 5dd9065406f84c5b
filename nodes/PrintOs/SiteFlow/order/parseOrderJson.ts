/**
 * Reads the "JSON" input mode: the whole order from a parameter or an expression, as text or object.
 */
import type { IDataObject } from 'n8n-workflow';

import type { OrderProblem } from './orderTypes';

export interface ParsedOrderJson {
	order?: IDataObject;
	problems: OrderProblem[];
}

export function parseOrderJson(value: unknown): ParsedOrderJson {
	let parsed: unknown = value;
	if (typeof value === 'string') {
		if (value.trim() === '') {
			return { problems: [{ path: 'order', message: 'is empty: give the whole order as JSON' }] };
		}
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			return {
				problems: [{ path: 'order', message: `is not valid JSON (${(error as Error).message})` }],
			};
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		return {
			problems: [{ path: 'order', message: 'must be a JSON object with destination and orderData' }],
		};
	}
	return { order: parsed as IDataObject, problems: [] };
}
