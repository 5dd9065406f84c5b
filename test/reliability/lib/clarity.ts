/**
 * What a "clear" error is: one a workflow author can act on. It has a message of its own (not a
 * JavaScript runtime error leaking out of the code, not "[object Object]", not empty), and
 * presigned upload signatures are not in it.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** Messages of JavaScript's own TypeError/RangeError/ReferenceError: a bug, not an explanation. */
const RUNTIME_ERROR = [
	/Cannot read propert(y|ies) of/i,
	/Cannot set propert(y|ies) of/i,
	/is not a function/i,
	/is not defined/i,
	/is not iterable/i,
	/is not a constructor/i,
	/Maximum call stack/i,
	/Invalid array length/i,
	/Invalid time value/i,
	/\[object Object\]/,
	/^(undefined|null|NaN|Error|TypeError|unknown error)$/i,
];

export interface ErrorLike {
	message?: unknown;
	description?: unknown;
}

export function unclearReason(error: ErrorLike | undefined): string | undefined {
	if (!error) return 'no error at all';
	const message = typeof error.message === 'string' ? error.message.trim() : '';
	const description = typeof error.description === 'string' ? error.description : '';
	if (message.length < 12) return `message too short to explain anything: ${JSON.stringify(error.message)}`;
	for (const pattern of RUNTIME_ERROR) {
		if (pattern.test(message)) return `a JavaScript runtime error leaked out: ${JSON.stringify(message)}`;
	}
	if (/[?&]signature=/.test(`${message} ${description}`)) return 'a presigned URL with its signature is in the error';
	return undefined;
}

export function isClear(error: ErrorLike | undefined): boolean {
	return unclearReason(error) === undefined;
}

/** The error kinds a node may end with: n8n's own, built with a message meant for the user. */
export function isNodeError(error: unknown): error is NodeApiError | NodeOperationError {
	return error instanceof NodeApiError || error instanceof NodeOperationError;
}

/**
 * A NodeOperationError that only wraps something else (`runItems` wraps anything that is not a node
 * error, keeping its message): an exception the node did not handle.
 */
export function wrapsForeignError(error: unknown): boolean {
	if (!(error instanceof NodeOperationError)) return false;
	const cause = (error as { cause?: unknown }).cause;
	return [TypeError, RangeError, ReferenceError, SyntaxError, EvalError, URIError].some((type) => cause instanceof type);
}

/** The per-item error of a continue-on-fail output item, or undefined for a success. */
export function itemError(json: Record<string, unknown>): ErrorLike | undefined {
	if (!('error' in json) || json.error === undefined) return undefined;
	const error = json.error as { message?: unknown; description?: unknown };
	return { message: error.message, description: error.description };
}
